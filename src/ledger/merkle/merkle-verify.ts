/**
 * Verification of inclusion and consistency proofs, exactly as RFC 9162 §2.1.3.2 and §2.1.4.2
 * describe them. Inputs come from outside (a proof file, a remote log), so every size and index is
 * checked before use and every failure is a `false`, never an exception: a verifier fails closed.
 * Sizes are JavaScript numbers restricted to safe integers; arithmetic uses division, not 32-bit
 * bitwise operators, so trees beyond 2^31 leaves stay correct.
 */
import { HASH_SIZE, hashChildren, hashesEqual } from "./merkle-hash.js";

export interface InclusionInput {
  leafIndex: number;
  treeSize: number;
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  root: Uint8Array;
}

export interface ConsistencyInput {
  size1: number;
  size2: number;
  root1: Uint8Array;
  root2: Uint8Array;
  proof: readonly Uint8Array[];
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function validSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Every proof element must be a full SHA-256 hash; a short one can only be garbage or an attack. */
function wellFormed(proof: readonly Uint8Array[]): boolean {
  return proof.every((p) => p.length === HASH_SIZE);
}

/**
 * Recomputes the root an inclusion proof implies (RFC 9162 §2.1.3.2 steps 1–4), or undefined when
 * the proof's shape is impossible for this index and size (too long, too short).
 */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer | undefined {
  if (!validSize(leafIndex) || !validSize(treeSize) || leafIndex >= treeSize || !wellFormed(proof)) {
    return undefined;
  }
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    // A proof longer than the path from leaf to root: reject rather than hash on.
    if (sn === 0) {
      return undefined;
    }
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      // Skip the levels where this node is the rightmost and has no sibling (right border).
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // A proof that stopped short of the root leaves sn > 0.
  return sn === 0 ? r : undefined;
}

export function verifyInclusion(input: InclusionInput): boolean {
  if (input.leafHash.length !== HASH_SIZE) {
    return false;
  }
  const computed = rootFromInclusionProof(input.leafIndex, input.treeSize, input.leafHash, input.proof);
  return computed !== undefined && hashesEqual(computed, input.root);
}

/**
 * RFC 9162 §2.1.4.2, with the edge cases of transparency-dev/merkle made explicit: a consistency
 * proof from the empty tree proves nothing and is rejected; equal sizes need an empty proof and
 * equal roots.
 */
export function verifyConsistency(input: ConsistencyInput): boolean {
  const { size1, size2, root1, root2, proof } = input;
  if (!validSize(size1) || !validSize(size2) || size1 > size2 || size1 === 0 || !wellFormed(proof)) {
    return false;
  }
  if (size1 === size2) {
    return proof.length === 0 && hashesEqual(root1, root2);
  }
  if (proof.length === 0) {
    return false;
  }
  // Step 1: when size1 is a power of two, the old root is itself a node of the new tree and the
  // proof omits it; put it back in front.
  const path: Uint8Array[] = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  // Step 2–3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [first, ...rest] = path;
  if (first === undefined) {
    return false;
  }
  let fr: Buffer = Buffer.from(first);
  let sr: Buffer = Buffer.from(first);
  // Step 4.
  for (const c of rest) {
    if (sn === 0) {
      return false;
    }
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  return sn === 0 && hashesEqual(fr, root1) && hashesEqual(sr, root2);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && largestPowerOfTwoAtMost(n) === n;
}

/** The largest power of two ≤ n (n ≥ 1). Multiplication, not shifts: safe beyond 2^31. */
export function largestPowerOfTwoAtMost(n: number): number {
  let k = 1;
  while (k * 2 <= n) {
    k *= 2;
  }
  return k;
}
