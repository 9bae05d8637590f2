/**
 * The only forms of a secret that may leave the detector: a redacted rendering and a
 * fingerprint. The redacted form shows at most 4 leading characters (enough to tell `ghp_` from
 * `AKIA` when triaging) and only when the secret is long enough that 4 characters leave most of
 * it hidden. The fingerprint is an HMAC-SHA256 of the secret under a per-repository key (the
 * repository's root commit id, supplied by the caller), combined with rule and path: whoever
 * holds only a SARIF or baseline file cannot confirm a guessed secret offline, because the key
 * is not in either. Without a repository (a bare text scan) a fixed key is used, which gives
 * stable fingerprints but not that protection.
 */
import { createHmac } from "node:crypto";
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
  const prefix = Array.from(secret)
    .slice(0, SHOWN_PREFIX)
    .join("")
    .replace(/[^\x21-\x7e]/g, "?");
  return `${prefix}…(${String(length)} chars)`;
}

/** Key used when the caller has no repository to key fingerprints with. */
export const UNKEYED = "custody-secrets-unkeyed";

export function secretFingerprint(ruleId: string, path: string, secret: string, key: string = UNKEYED): string {
  const digest = createHmac("sha256", `custody-secrets-v2:${key}`).update(secret, "utf8").digest("hex");
  return fingerprint(ruleId, path, digest);
}
