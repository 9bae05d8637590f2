/**
 * RFC 6962 / RFC 9162 §2.1.1 hashing: SHA-256 with one-byte domain separation, so that a leaf can
 * never be passed off as an interior node (the second-preimage attack on plain Merkle trees).
 * Everything here is pure; buffers in, buffers out. Roots and hashes are compared in constant time.
 */
import { hash, timingSafeEqual } from "node:crypto";

export const HASH_SIZE = 32;

/** Prefix of a leaf hash input: MTH({d}) = SHA-256(0x00 || d). */
const LEAF_PREFIX = Buffer.from([0x00]);
/** Prefix of an interior node: MTH(D[n]) = SHA-256(0x01 || MTH(left) || MTH(right)). */
const NODE_PREFIX = Buffer.from([0x01]);

/** The root of the empty tree is SHA-256 of the empty string (RFC 9162 §2.1.1). */
export function emptyRoot(): Buffer {
  return hash("sha256", Buffer.alloc(0), "buffer");
}

export function hashLeaf(data: Uint8Array): Buffer {
  return hash("sha256", Buffer.concat([LEAF_PREFIX, data]), "buffer");
}

/**
 * Leaf hash of a UTF-8 text without copying it into a Buffer first: U+0000 encodes as the single
 * byte 0x00, so SHA-256("\u0000" + text) is exactly SHA-256(0x00 || utf8(text)). This is the hot
 * path of `custody verify` (one call per event).
 */
export function hashLeafText(text: string): Buffer {
  return hash("sha256", "\u0000" + text, "buffer");
}

/** Scratch input for the common case of two 32-byte children: no allocation per node hash. */
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE);

export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    // Synchronous use of a module-level buffer is safe: crypto.hash copies its input before returning.
    NODE_INPUT[0] = 0x01;
    NODE_INPUT.set(left, 1);
    NODE_INPUT.set(right, 1 + HASH_SIZE);
    return hash("sha256", NODE_INPUT, "buffer");
  }
  return hash("sha256", Buffer.concat([NODE_PREFIX, left, right]), "buffer");
}

/**
 * Constant-time equality for hashes and roots. The length check leaks only the length, which is
 * public; timingSafeEqual itself throws on unequal lengths, which we must not let escape.
 */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
