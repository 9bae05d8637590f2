/**
 * Inclusion and consistency proofs for the ledger, as JSON a third party can check offline. An
 * inclusion proof carries the event, its leaf index and hash, the RFC 9162 audit path and the
 * signed checkpoint note it leads to; `verifyInclusionBundle` needs nothing but that JSON and the
 * log's verifier key. Untrusted bundles are parsed with zod at the edge; every failure is a
 * PROOF_INVALID error that says which check failed.
 */
import { z } from "zod";
import { CustodyError } from "../model/errors.js";
import type { LedgerEvent } from "../model/ledger-event.js";
import { parseCheckpointBody } from "./notes/checkpoint-body.js";
import { leafHashOfEvent } from "./events/event-bytes.js";
import { HASH_SIZE, emptyRoot, hashesEqual } from "./merkle/merkle-hash.js";
import type { LeafRange } from "./merkle/merkle-proof-plan.js";
import { consistencyPlan, inclusionPlan, nodesForPlan, proofFromPlan } from "./merkle/merkle-proof-plan.js";
import { verifyConsistency, verifyInclusion } from "./merkle/merkle-verify.js";
import type { NoteVerifier } from "./notes/note-keys.js";
import type { CustodyLedger } from "./open-ledger.js";
import { toLedgerEvent } from "./open-ledger.js";
import { openNote } from "./notes/signed-note.js";

export interface InclusionBundle {
  type: "custody.inclusion-proof/v1";
  origin: string;
  leafIndex: number;
  treeSize: number;
  /** Hex. */
  leafHash: string;
  /** Hex, bottom-up (RFC 9162 order). */
  proof: string[];
  /** The signed checkpoint (C2SP signed note) for treeSize. */
  checkpoint: string;
  /** The event, unless its payload was purged (then only its leaf hash is proven). */
  event?: LedgerEvent;
}

export interface ConsistencyBundle {
  type: "custody.consistency-proof/v1";
  origin: string;
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[];
}

async function subtreeHashes(ledger: CustodyLedger, plan: LeafRange[]): Promise<Buffer[]> {
  return proofFromPlan(plan, await ledger.store.nodes(nodesForPlan(plan)));
}

/** The root of the first `size` leaves, from stored nodes (O(log n)). */
async function rootAt(ledger: CustodyLedger, size: number): Promise<Buffer> {
  if (size === 0) {
    return emptyRoot();
  }
  const [root] = await subtreeHashes(ledger, [{ start: 0, end: size }]);
  return root ?? emptyRoot();
}

/** Resolves an event reference: a seq (digits) or a delivery id. */
export async function findEvent(ledger: CustodyLedger, ref: string): Promise<LedgerEvent | undefined> {
  return /^\d{1,15}$/.test(ref) ? ledger.get(Number(ref)) : ledger.findByDeliveryId(ref);
}

/**
 * Builds the inclusion proof of event `seq` against the latest stored checkpoint that covers it,
 * signing a fresh checkpoint when none does yet.
 */
export async function inclusionProof(ledger: CustodyLedger, seq: number): Promise<InclusionBundle> {
  const found = await ledger.store.get(seq);
  if (found === undefined) {
    throw new CustodyError("USAGE", `The ledger has no event ${seq}.`);
  }
  const stored = await ledger.store.checkpoints();
  let checkpoint = stored.filter((c) => c.treeSize > seq).at(-1);
  if (checkpoint === undefined) {
    const fresh = await ledger.checkpoint();
    checkpoint = { id: 0, treeSize: fresh.treeSize, rootHash: Buffer.from(fresh.rootHash, "base64"), note: fresh.note, createdAt: "" };
  }
  const proof = await subtreeHashes(ledger, inclusionPlan(seq, checkpoint.treeSize));
  const bundle: InclusionBundle = {
    type: "custody.inclusion-proof/v1",
    origin: ledger.origin,
    leafIndex: seq,
    treeSize: checkpoint.treeSize,
    leafHash: found.leafHash.toString("hex"),
    proof: proof.map((h) => h.toString("hex")),
    checkpoint: checkpoint.note,
  };
  if (found.event.payloadJson !== null) {
    bundle.event = toLedgerEvent(found.event, found.leafHash);
  }
  return bundle;
}

export async function consistencyProof(ledger: CustodyLedger, size1: number, size2: number): Promise<ConsistencyBundle> {
  const size = await ledger.size();
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 1 || size1 > size2 || size2 > size) {
    throw new CustodyError(
      "USAGE",
      `A consistency proof needs 1 ≤ SIZE1 ≤ SIZE2 ≤ ${size} (the ledger's size); got ${size1} and ${size2}.`,
    );
  }
  const proof = await subtreeHashes(ledger, consistencyPlan(size1, size2));
  return {
    type: "custody.consistency-proof/v1",
    origin: ledger.origin,
    size1,
    size2,
    root1: (await rootAt(ledger, size1)).toString("base64"),
    root2: (await rootAt(ledger, size2)).toString("base64"),
    proof: proof.map((h) => h.toString("hex")),
  };
}

const hexHash = z.string().regex(/^[0-9a-f]{64}$/, "must be a 64-digit lowercase hex SHA-256 hash");

const inclusionSchema = z.object({
  type: z.literal("custody.inclusion-proof/v1"),
  origin: z.string().min(1),
  leafIndex: z.number().int().nonnegative(),
  treeSize: z.number().int().positive(),
  leafHash: hexHash,
  proof: z.array(hexHash).max(64),
  checkpoint: z.string().min(1).max(100_000),
  event: z
    .object({
      seq: z.number().int().nonnegative(),
      kind: z.string(),
      source: z.enum(["github-webhook", "check", "audit-log", "deployment", "cli"]),
      deliveryId: z.string().optional(),
      repository: z.string().optional(),
      occurredAt: z.string().optional(),
      receivedAt: z.string(),
      payload: z.unknown(),
      // The exact stored text and recorded headers: what the leaf hash covers.
      body: z.string().optional(),
      headers: z.record(z.string(), z.string()).optional(),
      leafHash: z.string(),
    })
    .optional(),
});

const consistencySchema = z.object({
  type: z.literal("custody.consistency-proof/v1"),
  origin: z.string().min(1),
  size1: z.number().int().positive(),
  size2: z.number().int().positive(),
  root1: z.string(),
  root2: z.string(),
  proof: z.array(hexHash).max(128),
});

function sameJson(body: string, payload: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(body)) === JSON.stringify(payload);
  } catch {
    return false;
  }
}

function invalid(where: string, why: string): never {
  throw new CustodyError("PROOF_INVALID", `The proof in ${where} does not verify: ${why}.`);
}

function parseBundle<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CustodyError(
      "PROOF_INVALID",
      `The proof in ${where} is malformed at \`${issue?.path.join(".") ?? ""}\`: ${issue?.message ?? "bad value"}.`,
      {
        position: { file: where, key: issue?.path.join(".") ?? "" },
      },
    );
  }
  return parsed.data;
}

export interface InclusionVerdict {
  leafIndex: number;
  treeSize: number;
  origin: string;
  signedBy: string[];
  event?: LedgerEvent;
}

/** Verifies an inclusion bundle offline: signature, checkpoint body, leaf hash, audit path. */
export function verifyInclusionBundle(value: unknown, verifiers: readonly NoteVerifier[], where = "the proof"): InclusionVerdict {
  const bundle = parseBundle(inclusionSchema, value, where);
  const opened = openNote(bundle.checkpoint, verifiers);
  const body = parseCheckpointBody(opened.text);
  if (body.origin !== bundle.origin) {
    invalid(where, `the checkpoint is for origin ${JSON.stringify(body.origin)}, not ${JSON.stringify(bundle.origin)}`);
  }
  if (body.treeSize !== bundle.treeSize) {
    invalid(where, `the checkpoint is for tree size ${body.treeSize}, the proof for ${bundle.treeSize}`);
  }
  if (body.rootHash.length !== HASH_SIZE) {
    invalid(where, "the checkpoint's root is not a SHA-256 hash");
  }
  const leafHash = Buffer.from(bundle.leafHash, "hex");
  if (bundle.event !== undefined) {
    if (bundle.event.seq !== bundle.leafIndex) {
      invalid(where, `the event is seq ${bundle.event.seq} but the proof is for leaf ${bundle.leafIndex}`);
    }
    // The leaf hash is recomputed from the event, never taken from the bundle's word for it.
    if (!hashesEqual(leafHashOfEvent(bundle.event), leafHash)) {
      invalid(where, "the event's content does not hash to the proven leaf");
    }
    // The leaf covers the body text; the parsed payload beside it, which readers look at, must say
    // the same (compared as JSON text, as the bundle file carries it).
    if (bundle.event.body !== undefined && !sameJson(bundle.event.body, bundle.event.payload)) {
      invalid(where, "the event's content does not hash to the proven leaf (its payload is not what its recorded body says)");
    }
  }
  if (
    !verifyInclusion({
      leafIndex: bundle.leafIndex,
      treeSize: bundle.treeSize,
      leafHash,
      proof: bundle.proof.map((h) => Buffer.from(h, "hex")),
      root: body.rootHash,
    })
  ) {
    invalid(where, `the audit path does not lead from leaf ${bundle.leafIndex} to the signed root of tree size ${bundle.treeSize}`);
  }
  const verdict: InclusionVerdict = {
    leafIndex: bundle.leafIndex,
    treeSize: bundle.treeSize,
    origin: body.origin,
    signedBy: opened.verified,
  };
  if (bundle.event !== undefined) {
    verdict.event = bundle.event;
  }
  return verdict;
}

/** Verifies a consistency bundle offline (the roots it names; compare them with signed checkpoints). */
export function verifyConsistencyBundle(value: unknown, where = "the proof"): ConsistencyBundle {
  const bundle = parseBundle(consistencySchema, value, where);
  const ok = verifyConsistency({
    size1: bundle.size1,
    size2: bundle.size2,
    root1: Buffer.from(bundle.root1, "base64"),
    root2: Buffer.from(bundle.root2, "base64"),
    proof: bundle.proof.map((h) => Buffer.from(h, "hex")),
  });
  if (!ok) {
    invalid(where, `tree ${bundle.size1} is not proven to be a prefix of tree ${bundle.size2}`);
  }
  return bundle;
}
