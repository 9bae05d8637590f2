/**
 * The per-position half of `custody verify`: for a contiguous run of tree positions, recompute
 * each event's leaf hash from its stored content and compare it with the leaf hash kept in the
 * tree. It needs nothing from other positions, so runs can be checked in any order, on any thread
 * (leaf-check-worker.ts), and stitched together by verify-ledger.ts, which alone builds the tree
 * from the leaf hashes returned here and checks roots, checkpoints and purges.
 *
 * Rows arrive as raw tuples (`LeafRow`) straight from the store: this is the hot loop of verify
 * (one row per event), so no object is built per row. What is trusted: nothing in the row. The
 * stored payload text is hashed as it is stored, which is exactly what its leaf committed to, so
 * any change to any byte of it, or to any other field, gives a different leaf hash.
 */
import { hash } from "node:crypto";
import { leafTextParts } from "../events/event-bytes.js";
import { HASH_SIZE } from "../merkle/merkle-hash.js";

/** One tree position joined with its event, as `LedgerStore.leafPage` returns it. */
export type LeafRow = [
  idx: number,
  leafHash: Uint8Array,
  seq: number | null,
  kind: string | null,
  source: string | null,
  deliveryId: string | null,
  repository: string | null,
  occurredAt: string | null,
  receivedAt: string | null,
  payload: string | null,
  purgedAt: string | null,
  headers: string | null,
];

export type ProblemKind =
  "modified" | "deleted" | "inserted" | "truncated" | "unrecorded-purge" | "checkpoint" | "tree-state" | "rollback" | "fork";

export interface Problem {
  kind: ProblemKind;
  /** The event the problem is at, when it is at one. */
  seq?: number;
  message: string;
}

export const PURGE_EVENT_KIND = "ledger.purge";
/** Enough to name the first bad events; a ledger rewritten wholesale needs no more. */
export const MAX_PROBLEMS = 50;

/** What checking a run of positions found: structured-clone friendly, so a worker can send it. */
export interface LeafCheckResult {
  from: number;
  /** Positions checked, contiguous from `from` (fewer than asked when the tree ends or has a gap). */
  count: number;
  /** The leaf hash each position contributes to the tree (recomputed where the event was modified), count × 32 bytes. */
  leaves: Uint8Array;
  /** A position is missing: nothing after it can be placed. */
  broken: boolean;
  events: number;
  purged: number;
  purgedSeqs: number[];
  /** Seq ranges [start, end) recorded by `ledger.purge` events in this run. */
  recordedPurges: [number, number][];
  problems: Problem[];
  /** Which thread checked the run (verify reports how much was checked in parallel). */
  checkedBy: "main" | "worker";
}

/** Ranges [start, end) of purged seqs recorded by a purge event's payload. */
function purgeRanges(payloadJson: string): [number, number][] {
  try {
    const payload = JSON.parse(payloadJson) as { ranges?: unknown };
    return Array.isArray(payload.ranges)
      ? payload.ranges.filter((r): r is [number, number] => Array.isArray(r) && r.length === 2 && r.every((x) => Number.isSafeInteger(x)))
      : [];
  } catch {
    return [];
  }
}

export class LeafChecker {
  private readonly result: LeafCheckResult;
  private leaves: Buffer;

  constructor(from: number, expected = 1024) {
    // Never from the shared pool: a worker transfers this memory to the main thread.
    this.leaves = Buffer.allocUnsafeSlow(Math.max(1, Math.min(expected, 1 << 16)) * HASH_SIZE);
    this.result = {
      from,
      count: 0,
      leaves: new Uint8Array(0),
      broken: false,
      events: 0,
      purged: 0,
      purgedSeqs: [],
      recordedPurges: [],
      problems: [],
      checkedBy: "main",
    };
  }

  get next(): number {
    return this.result.from + this.result.count;
  }

  get broken(): boolean {
    return this.result.broken;
  }

  private add(problem: Problem): void {
    if (this.result.problems.length < MAX_PROBLEMS) {
      this.result.problems.push(problem);
    }
  }

  /** Checks rows in position order; returns false once a gap makes the rest unplaceable. */
  accept(rows: readonly LeafRow[]): boolean {
    const r = this.result;
    for (const row of rows) {
      const position = r.from + r.count;
      const idx = row[0];
      if (idx !== position) {
        this.add({
          kind: "deleted",
          seq: position,
          message: `Event ${String(position)}: its leaf hash is missing from the tree (positions jump from ${String(position - 1)} to ${String(idx)}); an event was deleted.`,
        });
        r.broken = true;
        return false;
      }
      let leaf = row[1];
      const seq = row[2];
      const payload = row[9];
      if (seq === null) {
        this.add({
          kind: "deleted",
          seq: idx,
          message: `Event ${String(idx)}: the tree has its leaf but the event itself is gone; it was deleted.`,
        });
      } else if (payload === null) {
        r.purged += 1;
        r.events += 1;
        r.purgedSeqs.push(idx);
        if (row[10] === null) {
          this.add({ kind: "modified", seq: idx, message: `Event ${String(idx)}: its payload was removed but it is not marked purged.` });
        }
      } else {
        r.events += 1;
        const kind = row[3] ?? "";
        const source = row[4] ?? "";
        // U+0000 encodes as the single byte 0x00: this is SHA-256(0x00 || leaf bytes), RFC 6962's leaf hash.
        const recomputed = hash(
          "sha256",
          "\u0000" + leafTextParts(seq, kind, source, row[5], row[6], row[7], row[8] ?? "", payload, row[11]),
          "buffer",
        );
        // Public data on both sides: no need for a constant-time comparison here.
        if (!recomputed.equals(leaf)) {
          this.add({
            kind: "modified",
            seq: idx,
            message: `Event ${String(idx)} (${kind}): its content does not match its leaf hash; it was modified, replaced, or moved from another position.`,
          });
          leaf = recomputed;
        }
        if (row[10] !== null) {
          this.add({ kind: "modified", seq: idx, message: `Event ${String(idx)}: it is marked purged but still has a payload.` });
        }
        if (kind === PURGE_EVENT_KIND && source === "cli") {
          r.recordedPurges.push(...purgeRanges(payload));
        }
      }
      if ((r.count + 1) * HASH_SIZE > this.leaves.length) {
        const grown = Buffer.allocUnsafeSlow(this.leaves.length * 2);
        this.leaves.copy(grown, 0, 0, r.count * HASH_SIZE);
        this.leaves = grown;
      }
      this.leaves.set(leaf.length === HASH_SIZE ? leaf : Buffer.alloc(HASH_SIZE), r.count * HASH_SIZE);
      r.count += 1;
    }
    return true;
  }

  finish(): LeafCheckResult {
    this.result.leaves = this.leaves.subarray(0, this.result.count * HASH_SIZE);
    return this.result;
  }
}
