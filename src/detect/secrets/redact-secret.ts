/**
 * The only forms of a secret that may leave the detector: a redacted rendering and a
 * fingerprint. The redacted form shows at most 4 leading characters (enough to tell `ghp_` from
 * `AKIA` when triaging) and only when the secret is long enough that 4 characters leave most of
 * it hidden; the fingerprint hashes the secret before it is combined with rule and path, so
 * neither output can be reversed into the value short of guessing it.
 */
import { createHash } from "node:crypto";
import { fingerprint } from "../../model/fingerprint.js";

/** Secrets shorter than this show no characters at all. */
const MIN_LENGTH_TO_SHOW_PREFIX = 16;
const SHOWN_PREFIX = 4;

export function redactSecret(secret: string): string {
  const length = Array.from(secret).length;
  if (length < MIN_LENGTH_TO_SHOW_PREFIX) {
    return `…(${String(length)} chars)`;
  }
  // Only printable ASCII in the prefix, so a multi-line key does not print a newline.
  const prefix = Array.from(secret).slice(0, SHOWN_PREFIX).join("").replace(/[^\x21-\x7e]/g, "?");
  return `${prefix}…(${String(length)} chars)`;
}

export function secretFingerprint(ruleId: string, path: string, secret: string): string {
  const digest = createHash("sha256").update(secret, "utf8").digest("hex");
  return fingerprint(ruleId, path, digest);
}
