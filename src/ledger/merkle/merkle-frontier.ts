/**
 * The compact frontier of an append-only Merkle tree: the roots of the perfect subtrees that the
 * binary decomposition of the tree size yields, largest (leftmost) first. It is all an appender
 * needs to know: appending a leaf merges equal-height subtrees (each merge completes an interior
 * node that the store keeps for proofs), and the root is the right-to-left fold of the frontier
 * (RFC 9162 §2.1.1: MTH(D[n]) = H(MTH(D[0:k]) || MTH(D[k:n])) with k the largest power of two < n).
 * Invariant: `nodes[i].level` strictly decreases, and Σ 2^level = size.
 */
import { HASH_SIZE, emptyRoot, hashChildren } from "./merkle-hash.js";

export interface TreeNode {
  level: number;
  /** Position among the nodes of its level: it covers leaves [index·2^level, (index+1)·2^level). */
  index: number;
  hash: Buffer;
}

export class MerkleFrontier {
  private nodes: TreeNode[];
  private count: number;

  private constructor(size: number, nodes: TreeNode[]) {
    this.count = size;
    this.nodes = nodes;
  }

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /**
   * Rebuilds a frontier from its stored form (the hashes concatenated, largest subtree first).
   * The levels follow from the set bits of `size`, so a blob of the wrong length is corruption.
   */
  static fromBlob(size: number, blob: Uint8Array): MerkleFrontier | undefined {
    const levels = frontierLevels(size);
    if (blob.length !== levels.length * HASH_SIZE) {
      return undefined;
    }
    let start = 0;
    const nodes = levels.map((level, i) => {
      const span = 2 ** level;
      const node: TreeNode = { level, index: start / span, hash: Buffer.from(blob.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)) };
      start += span;
      return node;
    });
    return new MerkleFrontier(size, nodes);
  }

  get size(): number {
    return this.count;
  }

  toBlob(): Buffer {
    return Buffer.concat(this.nodes.map((n) => n.hash));
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(
      this.count,
      this.nodes.map((n) => ({ ...n })),
    );
  }

  /**
   * Appends one leaf hash; returns every node it completes, the leaf itself (level 0) first.
   * Completed nodes never change again, which is what makes storing them safe.
   */
  append(leafHash: Buffer): TreeNode[] {
    const completed: TreeNode[] = [{ level: 0, index: this.count, hash: leafHash }];
    let node: TreeNode = { level: 0, index: this.count, hash: leafHash };
    let last = this.nodes.at(-1);
    while (last?.level === node.level) {
      this.nodes.pop();
      node = { level: node.level + 1, index: last.index / 2, hash: hashChildren(last.hash, node.hash) };
      completed.push(node);
      last = this.nodes.at(-1);
    }
    this.nodes.push(node);
    this.count += 1;
    return completed;
  }

  /** Appends without reporting completed nodes: the verify hot path. */
  appendHash(leafHash: Buffer): void {
    let hash = leafHash;
    let level = 0;
    let last = this.nodes.at(-1);
    while (last?.level === level) {
      this.nodes.pop();
      hash = hashChildren(last.hash, hash);
      level += 1;
      last = this.nodes.at(-1);
    }
    this.nodes.push({ level, index: Math.floor(this.count / 2 ** level), hash });
    this.count += 1;
  }

  root(): Buffer {
    let acc: Buffer | undefined;
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const node = this.nodes[i];
      if (node !== undefined) {
        acc = acc === undefined ? node.hash : hashChildren(node.hash, acc);
      }
    }
    return acc ?? emptyRoot();
  }
}

/** Levels of the perfect subtrees of a tree of `size` leaves, largest first (its set bits). */
function frontierLevels(size: number): number[] {
  const levels: number[] = [];
  let rest = size;
  let level = 0;
  while (rest > 0) {
    if (rest % 2 === 1) {
      levels.unshift(level);
    }
    rest = Math.floor(rest / 2);
    level += 1;
  }
  return levels;
}

/** The root of a list of leaf hashes (tests and small trees). */
export function rootOfLeafHashes(leafHashes: readonly Buffer[]): Buffer {
  const frontier = MerkleFrontier.empty();
  for (const h of leafHashes) {
    frontier.appendHash(h);
  }
  return frontier.root();
}
