/**
 * What the scanner could not read is said, not skipped in silence: a binary file, a file over
 * `secrets.max_file_bytes`, a file whose content was unavailable. Each becomes an info finding
 * naming the file and the reason, so it shows in every format (text, JSON, SARIF, Markdown).
 */
import { fingerprint } from "../../model/fingerprint.js";
import type { Finding } from "../../model/finding.js";

export const NOT_SCANNED_RULE = "secret/not-scanned";

export type NotScannedReason = "binary" | "too-large" | "unreadable";

const WHY: Record<NotScannedReason, string> = {
  binary: "it is binary (a key inside a binary file, such as a keystore, is not seen)",
  "too-large": "it is larger than secrets.max_file_bytes",
  unreadable: "its content could not be read at the head revision",
};

export function notScannedFinding(path: string, reason: NotScannedReason, detail?: string): Finding {
  return {
    ruleId: NOT_SCANNED_RULE,
    category: "secret",
    severity: "info",
    message: `${path} was not scanned for secrets: ${WHY[reason]}${detail === undefined ? "" : ` (${detail})`}.`,
    location: { path },
    fingerprint: fingerprint(NOT_SCANNED_RULE, path, reason),
    properties: { reason },
  };
}
