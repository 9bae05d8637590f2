/**
 * `custody verify`: recompute everything the ledger claims and name the first event where it
 * stops being true. Each stored event's leaf hash is recomputed from its content and compared
 * with the leaf hash kept in the tree (modification, insertion, reordering show up here, at the
 * exact seq, because the seq is part of the leaf); gaps in the tree positions and tree positions
 * without an event are deletions; events outside the tree are insertions; the root recomputed at
 * each checkpoint's size must equal the signed root, each checkpoint's signature must verify, and
 * consecutive checkpoints must be consistent (RFC 9162 proof from the stored nodes); a tree
 * smaller than the latest signed checkpoint is truncation. Purged events keep their leaf hash and
 * are reported as purged, not tampered — provided a `ledger.purge` event in the tree records them.
 *
 * A consistent ledger can still be an old copy (restored from a backup: every check above passes)
 * or a rewritten one whose checkpoints were re-signed. Checkpoints kept elsewhere catch both: one
 * larger than the ledger is a rollback, one whose root differs from the ledger's tree at its size
 * is a fork. The caller has checked their signatures (they come from outside the database).
 */
import { CustodyError } from "../../model/errors.js";
import { MAX_PROBLEMS } from "./leaf-check.js";
import { parseCheckpointBody } from "../notes/checkpoint-body.js";
import type { Problem } from "./leaf-check.js";
import type { LeafRunOptions } from "./leaf-runs.js";
import { leafRuns } from "./leaf-runs.js";
import type { LedgerStore, StoredCheckpoint } from "../stores/ledger-store.js";
import { MerkleFrontier } from "../merkle/merkle-frontier.js";
import { HASH_SIZE, hashesEqual } from "../merkle/merkle-hash.js";
import { consistencyPlan, nodesForPlan, proofFromPlan } from "../merkle/merkle-proof-plan.js";
import { verifyConsistency } from "../merkle/merkle-verify.js";
import type { NoteVerifier } from "../notes/note-keys.js";
import { openNote } from "../notes/signed-note.js";

export { PURGE_EVENT_KIND } from "./leaf-check.js";

export interface VerifyReport {
  ok: boolean;
  treeSize: number;
  events: number;
  purged: number;
  checkpointsVerified: number;
  rootHash: string;
  /** The lowest seq named by any problem. */
  firstBadSeq?: number;
  problems: Problem[];
  /** Things a reader should know that are not tampering (no checkpoint yet, no key to check). */
  notes: string[];
  /** Tree positions whose leaf hash was checked in worker threads (the rest: on this thread). */
  checkedInWorkers: number;
}

/** A signed checkpoint seen outside this database (a file kept elsewhere, a witness). */
export interface ExternalCheckpoint {
  /** Where it came from, for messages: `checkpoint file backup.note`, `witness https://…`. */
  source: string;
  treeSize: number;
  rootHash: Buffer;
}

export interface VerifyOptions extends LeafRunOptions {
  origin: string;
  verifiers: readonly NoteVerifier[];
  external?: readonly ExternalCheckpoint[];
}

interface CheckedCheckpoint {
  stored: StoredCheckpoint;
  signatureOk: boolean;
}

function checkSignature(cp: StoredCheckpoint, origin: string, verifiers: readonly NoteVerifier[], problems: Problem[]): boolean {
  try {
    const opened = openNote(cp.note, verifiers);
    const body = parseCheckpointBody(opened.text);
    if (body.origin !== origin || body.treeSize !== cp.treeSize || !hashesEqual(body.rootHash, cp.rootHash)) {
      problems.push({
        kind: "checkpoint",
        message: `Checkpoint at tree size ${cp.treeSize}: its signed body (origin ${JSON.stringify(body.origin)}, size ${body.treeSize}) does not match the stored checkpoint record.`,
      });
      return false;
    }
    return true;
  } catch (error) {
    problems.push({
      kind: "checkpoint",
      message: `Checkpoint at tree size ${cp.treeSize}: ${error instanceof CustodyError ? error.message : String(error)}`,
    });
    return false;
  }
}

export async function verifyLedger(store: LedgerStore, options: VerifyOptions): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const add = (p: Problem): void => {
    if (problems.length < MAX_PROBLEMS) {
      problems.push(p);
    }
  };

  const stored = await store.checkpoints();
  if (stored.length === 0) {
    notes.push(
      "The ledger has no signed checkpoint yet: content and tree are checked against each other, but truncation cannot be detected until one is signed.",
    );
  }
  if (options.verifiers.length === 0 && stored.length > 0) {
    notes.push("No verifier key was given or recorded: checkpoint signatures were not checked.");
  }
  const checked: CheckedCheckpoint[] = stored.map((cp) => ({
    stored: cp,
    signatureOk: options.verifiers.length === 0 ? true : checkSignature(cp, options.origin, options.verifiers, problems),
  }));

  const frontier = MerkleFrontier.empty();
  let nextCheckpoint = 0;
  let lastGoodRoot = 0;
  let events = 0;
  let purged = 0;
  let treeBroken = false;
  const purgedSeqs: number[] = [];
  const recordedPurges: [number, number][] = [];

  const checkRootsAt = (size: number): void => {
    while (nextCheckpoint < checked.length && (checked[nextCheckpoint]?.stored.treeSize ?? 0) <= size) {
      const cp = checked[nextCheckpoint];
      nextCheckpoint += 1;
      if (cp === undefined || cp.stored.treeSize !== size) {
        continue;
      }
      if (hashesEqual(frontier.root(), cp.stored.rootHash)) {
        lastGoodRoot = size;
      } else {
        add({
          kind: "checkpoint",
          message: `The root recomputed from the events does not match the checkpoint signed at tree size ${size}: an event in seq ${lastGoodRoot}..${size - 1} was changed.`,
        });
      }
    }
  };
  const external = [...(options.external ?? [])].sort((a, b) => a.treeSize - b.treeSize);
  let nextExternal = 0;
  const checkExternalAt = (size: number): void => {
    while (nextExternal < external.length && (external[nextExternal]?.treeSize ?? 0) <= size) {
      const cp = external[nextExternal];
      nextExternal += 1;
      if (cp !== undefined && cp.treeSize === size && !hashesEqual(frontier.root(), cp.rootHash)) {
        add({
          kind: "fork",
          message: `Forked from the ${cp.source}: at tree size ${size} this ledger's root is ${frontier.root().toString("base64")} but the checkpoint signs ${cp.rootHash.toString("base64")}. The two histories differ within seq 0..${size - 1}; this ledger is not the one that checkpoint was signed for.`,
        });
      }
    }
  };
  checkRootsAt(0);
  checkExternalAt(0);

  // Leaf hashes are checked run by run (in parallel for a large SQLite ledger); the tree is built
  // here, in order, from the hashes each run vouches for.
  const startState = await store.treeState();
  let checkedInWorkers = 0;
  for await (const run of leafRuns(store, startState.size, options)) {
    for (const problem of run.problems) {
      add(problem);
    }
    events += run.events;
    if (run.checkedBy === "worker") {
      checkedInWorkers += run.count;
    }
    purged += run.purged;
    for (const seq of run.purgedSeqs) {
      purgedSeqs.push(seq);
    }
    for (const range of run.recordedPurges) {
      recordedPurges.push(range);
    }
    const leaves = Buffer.from(run.leaves.buffer, run.leaves.byteOffset, run.leaves.byteLength);
    for (let i = 0; i < run.count; i++) {
      frontier.appendHash(leaves.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
      checkRootsAt(frontier.size);
      checkExternalAt(frontier.size);
    }
    if (run.broken) {
      treeBroken = true;
      break;
    }
  }

  const treeSize = frontier.size;
  const stray = await store.strayEvents(5);
  for (const seq of stray) {
    add({
      kind: "inserted",
      seq,
      message: `Event ${seq}: it is stored but is not a leaf of the tree; it was inserted behind the ledger's back.`,
    });
  }

  const state = await store.treeState();
  if (!treeBroken) {
    const storedFrontier = MerkleFrontier.fromBlob(state.size, state.frontier);
    if (state.size !== treeSize) {
      add({
        kind: "tree-state",
        seq: Math.min(state.size, treeSize),
        message: `The tree state says ${state.size} events but the tree holds ${treeSize}.`,
      });
    } else if (storedFrontier === undefined || !hashesEqual(storedFrontier.root(), frontier.root())) {
      add({ kind: "tree-state", message: "The stored tree frontier does not match the tree: new appends would build on a forged state." });
    }
  }

  // Truncation: a checkpoint signed for more events than are here.
  const largest = checked.reduce<StoredCheckpoint | undefined>(
    (max, c) => (c.signatureOk && (max === undefined || c.stored.treeSize > max.treeSize) ? c.stored : max),
    undefined,
  );
  if (largest !== undefined && largest.treeSize > treeSize) {
    add({
      kind: "truncated",
      seq: treeSize,
      message: `The ledger holds ${treeSize} events but a checkpoint was signed at tree size ${largest.treeSize}: events ${treeSize}..${largest.treeSize - 1} were removed (truncated).`,
    });
  }

  // Rollback: a checkpoint seen elsewhere covers more events than this ledger holds.
  for (const cp of external) {
    if (cp.treeSize > treeSize && !treeBroken) {
      add({
        kind: "rollback",
        seq: treeSize,
        message: `Rolled back: the ${cp.source} signs ${cp.treeSize} events but this ledger holds ${treeSize}; events ${treeSize}..${cp.treeSize - 1} are missing (an older copy restored, or the tail removed and re-signed).`,
      });
    }
  }

  // Consistency between consecutive signed checkpoints, proven from the stored interior nodes.
  const valid = checked.filter((c) => c.signatureOk && c.stored.treeSize <= treeSize).map((c) => c.stored);
  for (let i = 1; i < valid.length && !treeBroken; i++) {
    const a = valid[i - 1];
    const b = valid[i];
    if (a === undefined || b === undefined || a.treeSize === 0) {
      continue;
    }
    try {
      const plan = consistencyPlan(a.treeSize, b.treeSize);
      const proof = proofFromPlan(plan, await store.nodes(nodesForPlan(plan)));
      if (!verifyConsistency({ size1: a.treeSize, size2: b.treeSize, root1: a.rootHash, root2: b.rootHash, proof })) {
        add({
          kind: "checkpoint",
          message: `Checkpoints at tree sizes ${a.treeSize} and ${b.treeSize} are not consistent: the log was rewritten between them.`,
        });
      }
    } catch (error) {
      add({
        kind: "checkpoint",
        message: `Consistency between checkpoints ${a.treeSize} and ${b.treeSize} cannot be proven: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  // Purges must be recorded in the tree itself, so that a removed payload is never silent.
  for (const seq of purgedSeqs) {
    if (!recordedPurges.some(([start, end]) => seq >= start && seq < end)) {
      add({
        kind: "unrecorded-purge",
        seq,
        message: `Event ${seq}: its payload was removed, but no ledger.purge event records purging it.`,
      });
      break;
    }
  }

  const seqs = problems.flatMap((p) => (p.seq === undefined ? [] : [p.seq]));
  const report: VerifyReport = {
    ok: problems.length === 0,
    treeSize,
    events,
    purged,
    checkpointsVerified: checked.filter((c) => c.signatureOk).length,
    rootHash: frontier.root().toString("base64"),
    problems,
    notes,
    checkedInWorkers,
  };
  if (seqs.length > 0) {
    report.firstBadSeq = Math.min(...seqs);
  }
  return report;
}
