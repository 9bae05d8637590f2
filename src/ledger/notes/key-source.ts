/**
 * Where the checkpoint signing key comes from, the same on every store: `--signing-key-file
 * PATH`, else CUSTODY_SIGNING_KEY_FILE, else CUSTODY_SIGNING_KEY (the `PRIVATE+KEY+…` text
 * itself, for secret managers that inject values). A key outside the data directory is what makes
 * a restored or rewritten database detectable: whoever can replace the database should not also
 * hold the key. Without any of them, an SQLite ledger keeps its key beside the database (created
 * on first start); a PostgreSQL ledger has no default, since every instance must sign with the
 * one key.
 */
import { resolve } from "node:path";
import type { LedgerOptions } from "../open-ledger.js";

export const SIGNING_KEY_ENV = "CUSTODY_SIGNING_KEY";
export const SIGNING_KEY_FILE_ENV = "CUSTODY_SIGNING_KEY_FILE";

export type SigningKeySource = Pick<LedgerOptions, "signingKey" | "keyPath">;

export function signingKeySource(flag: string | undefined, io: { cwd: string; env: Record<string, string | undefined> }): SigningKeySource {
  const file = flag ?? nonEmpty(io.env[SIGNING_KEY_FILE_ENV]);
  if (file !== undefined) {
    return { keyPath: resolve(io.cwd, file) };
  }
  const text = nonEmpty(io.env[SIGNING_KEY_ENV]);
  return text === undefined ? {} : { signingKey: text };
}

/** Whether a signing key was configured at all (rather than the SQLite default beside the file). */
export function hasSigningKey(source: SigningKeySource): boolean {
  return source.keyPath !== undefined || source.signingKey !== undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
