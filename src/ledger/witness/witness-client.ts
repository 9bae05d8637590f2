/**
 * The log's side of C2SP tlog-witness: submit a new checkpoint with a consistency proof from the
 * size the witness last cosigned, learn that size from a 409 when it is not known (first contact,
 * or after the witness was restarted from older state), and keep the returned cosignature. Also
 * fetches a witness's latest cosigned checkpoint for `custody verify --witness`.
 */
import { CustodyError } from "../../model/errors.js";
import { consistencyPlan, nodesForPlan, proofFromPlan } from "../merkle/merkle-proof-plan.js";
import type { CustodyLedger } from "../open-ledger.js";

const TIMEOUT_MS = 10_000;

function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}

async function request(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new CustodyError(
      "LEDGER_UNAVAILABLE",
      `The witness at ${url} cannot be reached: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    );
  }
}

/** The witness's latest cosigned checkpoint of `origin` (a signed note), or undefined when it has none. */
export async function fetchWitnessedCheckpoint(base: string, origin: string): Promise<string | undefined> {
  const url = endpoint(base, `/checkpoint/${encodeURIComponent(origin)}`);
  const res = await request(url);
  if (res.status === 404) {
    return undefined;
  }
  if (!res.ok) {
    throw new CustodyError(
      "LEDGER_UNAVAILABLE",
      `The witness at ${base} answered ${String(res.status)} for the latest checkpoint of ${origin}.`,
    );
  }
  return res.text();
}

export type SubmitResult = { ok: true; cosignatures: string; oldSize: number } | { ok: false; status: number; message: string };

/** One add-checkpoint call. */
export async function addCheckpoint(
  base: string,
  oldSize: number,
  proof: readonly Buffer[],
  note: string,
): Promise<{ status: number; contentType: string; body: string }> {
  const body = `old ${String(oldSize)}\n${proof.map((h) => `${h.toString("base64")}\n`).join("")}\n${note}`;
  const res = await request(endpoint(base, "/add-checkpoint"), {
    method: "POST",
    body,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
}

async function proofBetween(ledger: CustodyLedger, oldSize: number, size: number): Promise<Buffer[]> {
  if (oldSize === 0 || oldSize === size) {
    return [];
  }
  const plan = consistencyPlan(oldSize, size);
  return proofFromPlan(plan, await ledger.store.nodes(nodesForPlan(plan)));
}

/**
 * Submits checkpoint `note` (of `size`) to the witness at `base`, starting from the size it last
 * cosigned as far as this ledger knows; a 409 names the size the witness holds, and the call is
 * retried once from there (a witness ahead of the ledger stays a failure: it has seen a newer
 * checkpoint, which is the rollback the witness exists to refuse).
 */
export async function submitCheckpoint(
  ledger: CustodyLedger,
  base: string,
  note: string,
  size: number,
  knownOldSize: number,
): Promise<SubmitResult> {
  let oldSize = Math.min(knownOldSize, size);
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await addCheckpoint(base, oldSize, await proofBetween(ledger, oldSize, size), note);
    if (res.status === 200) {
      return { ok: true, cosignatures: res.body, oldSize };
    }
    if (res.status === 409 && res.contentType.startsWith("text/x.tlog.size") && attempt === 0) {
      const held = Number(res.body.trim());
      if (Number.isSafeInteger(held) && held >= 0 && held <= size && held !== oldSize) {
        oldSize = held;
        continue;
      }
      return {
        ok: false,
        status: 409,
        message: `the witness has cosigned a checkpoint of size ${res.body.trim()}, ${held > size ? "newer than" : "inconsistent with"} this ledger's ${String(size)}`,
      };
    }
    return { ok: false, status: res.status, message: res.body.trim() };
  }
  return { ok: false, status: 409, message: "the witness's size kept changing" };
}
