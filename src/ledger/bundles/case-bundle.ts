/**
 * Offline case bundles: every ledger event of one case (a pull request), each with its RFC 9162
 * inclusion proof against one signed checkpoint — cosigned by witnesses when the ledger holds
 * their cosignatures for that size — in one JSON file that `custody case verify` checks with
 * nothing else, as a sigstore bundle is checked: the checkpoint's signatures, then each event's
 * leaf hash recomputed from its recorded body and headers, then its audit path to the signed root.
 *
 * Which events belong to a case is read from the payload as GitHub and Custody write it: the
 * pull request's number in `pull_request.number`, `issue.number` (comments on the PR's
 * conversation), `check_run`/`check_suite`'s `pull_requests[].number`, or a `check.result`'s
 * `number` — within the case's repository.
 */
import { z } from "zod";
import { CustodyError } from "../../model/errors.js";
import type { LedgerEvent } from "../../model/ledger-event.js";
import { leafHashOfEvent } from "../events/event-bytes.js";
import { HASH_SIZE, hashesEqual } from "../merkle/merkle-hash.js";
import { inclusionPlan, nodesForPlan, proofFromPlan } from "../merkle/merkle-proof-plan.js";
import { verifyInclusion } from "../merkle/merkle-verify.js";
import { parseCheckpointBody } from "../notes/checkpoint-body.js";
import type { NoteVerifier } from "../notes/note-keys.js";
import { openNote } from "../notes/signed-note.js";
import type { CustodyLedger } from "../open-ledger.js";
import { witnessedCheckpoint } from "../witness/witness-checkpoints.js";

export const CASE_BUNDLE_TYPE = "custody.case-bundle/v1";

export interface CaseRef {
  repository: string;
  number: number;
}

export interface CaseBundle {
  type: typeof CASE_BUNDLE_TYPE;
  case: string;
  origin: string;
  treeSize: number;
  /** The signed checkpoint note (with any witness cosignatures) every proof leads to. */
  checkpoint: string;
  events: { leafIndex: number; proof: string[]; event: LedgerEvent }[];
}

export function parseCaseRef(text: string): CaseRef {
  const match = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)#([1-9][0-9]{0,9})$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new CustodyError("USAGE", `${JSON.stringify(text)} is not a case: write OWNER/REPO#NUMBER, e.g. acme/api#42.`);
  }
  return { repository: match[1], number: Number(match[2]) };
}

/** Whether an event's payload is about pull request `number` (its repository is checked by the caller). */
export function belongsToCase(event: Pick<LedgerEvent, "kind" | "payload">, number: number): boolean {
  const p = event.payload as {
    number?: unknown;
    pull_request?: { number?: unknown };
    issue?: { number?: unknown; pull_request?: unknown };
    check_run?: { pull_requests?: { number?: unknown }[] };
    check_suite?: { pull_requests?: { number?: unknown }[] };
  } | null;
  if (p === null || typeof p !== "object") {
    return false;
  }
  if (event.kind === "check.result" || event.kind.startsWith("pull_request.")) {
    if (p.number === number) {
      return true;
    }
  }
  return (
    p.pull_request?.number === number ||
    (p.issue?.number === number && p.issue.pull_request !== undefined) ||
    (p.check_run?.pull_requests ?? []).some((pr) => pr.number === number) ||
    (p.check_suite?.pull_requests ?? []).some((pr) => pr.number === number)
  );
}

/** The checkpoint to prove against: the latest stored one covering every event, preferring one witnesses cosigned. */
async function chooseCheckpoint(
  ledger: CustodyLedger,
  needSize: number,
  witnesses: readonly string[],
): Promise<{ treeSize: number; note: string }> {
  for (const url of witnesses) {
    const cosigned = await witnessedCheckpoint(ledger, url);
    if (cosigned !== undefined && cosigned.treeSize >= needSize) {
      return cosigned;
    }
  }
  const stored = (await ledger.store.checkpoints()).filter((c) => c.treeSize >= needSize).at(-1);
  if (stored !== undefined) {
    return stored;
  }
  const fresh = await ledger.checkpoint();
  return { treeSize: fresh.treeSize, note: fresh.note };
}

export async function exportCase(ledger: CustodyLedger, ref: CaseRef, witnesses: readonly string[] = []): Promise<CaseBundle> {
  const events: LedgerEvent[] = [];
  for await (const event of ledger.scan({ repository: ref.repository })) {
    if (event.body !== undefined && belongsToCase(event, ref.number)) {
      events.push(event);
    }
  }
  if (events.length === 0) {
    throw new CustodyError("USAGE", `The ledger has no event of ${ref.repository}#${String(ref.number)} (or every one was purged).`);
  }
  const checkpoint = await chooseCheckpoint(ledger, (events.at(-1)?.seq ?? 0) + 1, witnesses);
  const out: CaseBundle["events"] = [];
  for (const event of events) {
    const plan = inclusionPlan(event.seq, checkpoint.treeSize);
    const proof = proofFromPlan(plan, await ledger.store.nodes(nodesForPlan(plan)));
    out.push({ leafIndex: event.seq, proof: proof.map((h) => h.toString("hex")), event });
  }
  return {
    type: CASE_BUNDLE_TYPE,
    case: `${ref.repository}#${String(ref.number)}`,
    origin: ledger.origin,
    treeSize: checkpoint.treeSize,
    checkpoint: checkpoint.note,
    events: out,
  };
}

const hexHash = z.string().regex(/^[0-9a-f]{64}$/);
const bundleSchema = z.object({
  type: z.literal(CASE_BUNDLE_TYPE),
  case: z.string(),
  origin: z.string().min(1),
  treeSize: z.number().int().positive(),
  checkpoint: z.string().min(1).max(200_000),
  events: z
    .array(
      z.object({
        leafIndex: z.number().int().nonnegative(),
        proof: z.array(hexHash).max(64),
        event: z.object({
          seq: z.number().int().nonnegative(),
          kind: z.string(),
          source: z.enum(["github-webhook", "check", "audit-log", "deployment", "cli"]),
          deliveryId: z.string().optional(),
          repository: z.string().optional(),
          occurredAt: z.string().optional(),
          receivedAt: z.string(),
          payload: z.unknown(),
          body: z.string(),
          headers: z.record(z.string(), z.string()).optional(),
          leafHash: z.string(),
        }),
      }),
    )
    .min(1),
});

export interface CaseVerdict {
  case: string;
  events: number;
  treeSize: number;
  signedBy: string[];
}

function invalid(where: string, why: string): never {
  throw new CustodyError("PROOF_INVALID", `The case bundle ${where} does not verify: ${why}.`);
}

/** Checks a bundle offline; `verifiers`: the log's key and any witness keys to require. */
export function verifyCaseBundle(
  value: unknown,
  verifiers: readonly NoteVerifier[],
  where: string,
  requiredSigners: readonly string[] = [],
): CaseVerdict {
  const parsed = bundleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CustodyError(
      "PROOF_INVALID",
      `The case bundle ${where} is malformed at \`${issue?.path.join(".") ?? ""}\`: ${issue?.message ?? "bad value"}.`,
    );
  }
  const bundle = parsed.data;
  const opened = openNote(bundle.checkpoint, verifiers);
  const missing = requiredSigners.filter((name) => !opened.verified.includes(name));
  if (missing.length > 0) {
    invalid(where, `the checkpoint is not signed by ${missing.join(", ")}`);
  }
  const body = parseCheckpointBody(opened.text);
  if (body.origin !== bundle.origin || body.treeSize !== bundle.treeSize || body.rootHash.length !== HASH_SIZE) {
    invalid(where, `its checkpoint (origin ${JSON.stringify(body.origin)}, size ${String(body.treeSize)}) is not the one it names`);
  }
  const ref = parseCaseRef(bundle.case);
  for (const { leafIndex, proof, event } of bundle.events) {
    const name = `event ${String(event.seq)} (${event.kind})`;
    if (event.seq !== leafIndex || event.repository !== ref.repository || !belongsToCase(event, ref.number)) {
      invalid(where, `${name} is not an event of ${bundle.case} at leaf ${String(leafIndex)}`);
    }
    let same = false;
    try {
      same = JSON.stringify(JSON.parse(event.body)) === JSON.stringify(event.payload);
    } catch {
      same = false;
    }
    if (!same) {
      invalid(where, `${name}: its payload is not what its recorded body says`);
    }
    const leafHash = leafHashOfEvent(event);
    if (!hashesEqual(leafHash, Buffer.from(event.leafHash, "hex"))) {
      invalid(where, `${name}: its content does not hash to its leaf hash (it was changed)`);
    }
    if (
      !verifyInclusion({
        leafIndex,
        treeSize: bundle.treeSize,
        leafHash,
        proof: proof.map((h) => Buffer.from(h, "hex")),
        root: body.rootHash,
      })
    ) {
      invalid(where, `${name}: its audit path does not lead to the signed root of tree size ${String(bundle.treeSize)}`);
    }
  }
  return { case: bundle.case, events: bundle.events.length, treeSize: bundle.treeSize, signedBy: opened.verified };
}
