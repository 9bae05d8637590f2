/**
 * Stable fingerprints for findings: a SHA-256 over the parts that identify an issue, so a
 * baseline or a re-run recognises the same finding. Parts are length-prefixed so that
 * ("ab","c") and ("a","bc") differ.
 */
import { createHash } from "node:crypto";

export function fingerprint(...parts: (string | number | undefined)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const text = part === undefined ? "" : String(part);
    hash.update(`${String(Buffer.byteLength(text))}:${text};`);
  }
  return hash.digest("hex").slice(0, 32);
}
