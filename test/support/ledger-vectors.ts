/**
 * Where the published ledger test vectors live (../shared/testdata/ledger relative to the
 * repository), for tests that use them as they are and skip themselves when they are absent.
 */
import { fileURLToPath } from "node:url";

export const LEDGER_VECTORS_DIR = fileURLToPath(new URL("../../../shared/testdata/ledger", import.meta.url));
