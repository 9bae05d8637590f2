/**
 * Proof generation (RFC 9162 §2.1.3.1 PATH and §2.1.4.1 SUBPROOF), split into a pure plan and a
 * lookup so a store can fetch every node a proof needs in one query. A plan is a list of leaf
 * ranges [start, end) whose subtree hashes, in order, are the proof. Each range is then
 * decomposed into stored perfect subtrees (aligned, power-of-two sized): those are exactly the
 * nodes the appender completed and kept, so a proof costs O(log n) lookups, not a tree rebuild.
 */
import { CustodyError } from "../../model/errors.js";
import { hashChildren } from "./merkle-hash.js";
import { largestPowerOfTwoAtMost } from "./merkle-verify.js";

export interface LeafRange {
  start: number;
  end: number;
}

export interface NodeId {
  level: number;
  index: number;
}

/** PATH(m, D[start:end]) of RFC 9162 §2.1.3.1, as ranges, bottom-up. */
export function inclusionPlan(leafIndex: number, treeSize: number): LeafRange[] {
  const plan: LeafRange[] = [];
  let start = 0;
  let end = treeSize;
  let m = leafIndex;
  // Walk down from the root; each step adds the sibling subtree, so reverse at the end to get
  // the RFC's bottom-up order.
  while (end - start > 1) {
    const k = largestPowerOfTwoAtMost(end - start - 1);
    if (m < k) {
      plan.push({ start: start + k, end });
      end = start + k;
    } else {
      plan.push({ start, end: start + k });
      start += k;
      m -= k;
    }
  }
  return plan.reverse();
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1, as ranges. */
export function consistencyPlan(size1: number, size2: number): LeafRange[] {
  if (size1 <= 0 || size1 >= size2) {
    return [];
  }
  const plan: LeafRange[] = [];
  let start = 0;
  let end = size2;
  let m = size1;
  let complete = true;
  while (m !== end - start) {
    const k = largestPowerOfTwoAtMost(end - start - 1);
    if (m <= k) {
      plan.push({ start: start + k, end });
      end = start + k;
    } else {
      plan.push({ start, end: start + k });
      start += k;
      m -= k;
      complete = false;
    }
  }
  // SUBPROOF(m, D[m], b): nothing when this subtree is the old tree itself (b true), else its hash.
  if (!complete) {
    plan.push({ start, end });
  }
  return plan.reverse();
}

/**
 * Splits [start, end) into maximal aligned perfect subtrees, left to right. For the ranges the
 * plans produce, sizes strictly decrease, so the range's RFC hash is the right fold of them.
 */
function perfectSubtrees(range: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let start = range.start;
  while (start < range.end) {
    let level = 0;
    while (start % 2 ** (level + 1) === 0 && start + 2 ** (level + 1) <= range.end) {
      level += 1;
    }
    nodes.push({ level, index: start / 2 ** level });
    start += 2 ** level;
  }
  return nodes;
}

export function nodeKey(node: NodeId): string {
  return `${node.level}:${node.index}`;
}

/** Every stored node a plan needs, without repeats. */
export function nodesForPlan(plan: readonly LeafRange[]): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const range of plan) {
    for (const node of perfectSubtrees(range)) {
      seen.set(nodeKey(node), node);
    }
  }
  return [...seen.values()];
}

/** Turns a plan into proof hashes, given the nodes fetched by `nodesForPlan`. */
export function proofFromPlan(plan: readonly LeafRange[], nodes: ReadonlyMap<string, Buffer>): Buffer[] {
  return plan.map((range) => {
    const parts = perfectSubtrees(range).map((node) => {
      const hash = nodes.get(nodeKey(node));
      if (hash === undefined) {
        throw new CustodyError(
          "LEDGER_TAMPERED",
          `The ledger's Merkle node ${nodeKey(node)} (level:index) is missing from the store, so no proof can be built; run \`custody verify\` to find what was removed.`,
        );
      }
      return hash;
    });
    let acc = parts.pop();
    if (acc === undefined) {
      throw new RangeError("empty range in a proof plan");
    }
    while (parts.length > 0) {
      const left = parts.pop();
      if (left !== undefined) {
        acc = hashChildren(left, acc);
      }
    }
    return acc;
  });
}
