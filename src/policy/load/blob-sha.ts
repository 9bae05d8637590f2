/**
 * The git blob id of some bytes: SHA-1 over `blob <size>\0<bytes>`, exactly what
 * `git hash-object` prints for an unfiltered file. Reports name the policy by it, so a reader can
 * check which version judged a change (`git cat-file -p <sha>`) whether it was read from a commit,
 * through the GitHub contents API or from disk.
 */
import { createHash } from "node:crypto";

export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1")
    .update(`blob ${String(bytes.length)}\0`)
    .update(bytes)
    .digest("hex");
}
