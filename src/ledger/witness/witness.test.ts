/**
 * Rollback and fork detection: against checkpoints kept outside the database (`verify
 * --checkpoint`) and against a C2SP tlog-witness (`custody witness`), including a witness that
 * has seen a newer checkpoint, one restarted mid-stream, and two histories grown from one prefix.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateSignerKey, parseVerifierKey } from "../notes/note-keys.js";
import { openNote } from "../notes/signed-note.js";
import { openLedger, type CustodyLedger } from "../open-ledger.js";
import { externalCheckpoint } from "../verify/external-checkpoint.js";
import { verifyLedger } from "../verify/verify-ledger.js";
import { consistencyPlan, nodesForPlan, proofFromPlan } from "../merkle/merkle-proof-plan.js";
import { cosignatureVerifier, generateCosignerKey, parseCosignerKey } from "./cosignature.js";
import { Witness } from "./witness.js";

const ORIGIN = "test.example/ledger";
let dir: string;
let skey: string;
let vkey: string;
const open: CustodyLedger[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "custody-witness-"));
  ({ skey, vkey } = generateSignerKey(ORIGIN));
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function ledgerAt(name: string): Promise<CustodyLedger> {
  const ledger = await openLedger({ store: "sqlite", path: join(dir, `${name}.db`) }, { signingKey: skey, origin: ORIGIN });
  open.push(ledger);
  return ledger;
}

async function grow(ledger: CustodyLedger, n: number, tag: string): Promise<void> {
  const from = await ledger.size();
  await ledger.append(Array.from({ length: n }, (_, i) => ({ kind: "note", source: "cli" as const, payload: { tag, i: from + i } })));
}

async function close(ledger: CustodyLedger): Promise<void> {
  open.splice(open.indexOf(ledger), 1);
  await ledger.close();
}

async function proofFrom(ledger: CustodyLedger, oldSize: number, size: number): Promise<Buffer[]> {
  if (oldSize === 0 || oldSize === size) {
    return [];
  }
  const plan = consistencyPlan(oldSize, size);
  return proofFromPlan(plan, await ledger.store.nodes(nodesForPlan(plan)));
}

async function submission(ledger: CustodyLedger, oldSize: number): Promise<string> {
  const cp = await ledger.checkpoint();
  const proof = await proofFrom(ledger, oldSize, cp.treeSize);
  return `old ${String(oldSize)}\n${proof.map((h) => `${h.toString("base64")}\n`).join("")}\n${cp.note}`;
}

function witnessAt(path: string, key = generateCosignerKey("witness.example/w1").skey): Witness {
  return Witness.open(path, parseCosignerKey(key), new Map([[ORIGIN, [parseVerifierKey(vkey)]]]), () => 1_700_000_000);
}

async function verifyAgainst(ledger: CustodyLedger, notes: { note: string; source: string }[]) {
  const verifiers = [parseVerifierKey(vkey)];
  const external = notes.map((n) => externalCheckpoint(n.note, n.source, ledger.origin, verifiers));
  return verifyLedger(ledger.store, { origin: ledger.origin, verifiers, external, workers: 0 });
}

describe("verify against a checkpoint kept elsewhere", () => {
  it("an older copy restored passes verify on its own, and is named as a rollback against the newer checkpoint", async () => {
    const ledger = await ledgerAt("live");
    await grow(ledger, 5, "a");
    await ledger.checkpoint();
    await close(ledger);
    copyFileSync(join(dir, "live.db"), join(dir, "backup.db"));
    const live = await ledgerAt("live");
    await grow(live, 7, "a");
    const newer = await live.checkpoint();
    const restored = await ledgerAt("backup");
    const alone = await verifyLedger(restored.store, { origin: ORIGIN, verifiers: [parseVerifierKey(vkey)], workers: 0 });
    expect(alone.ok).toBe(true);
    const report = await verifyAgainst(restored, [{ note: newer.note, source: "checkpoint file newer.note" }]);
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.kind).toBe("rollback");
    expect(report.problems[0]?.message).toMatch(/signs 12 events but this ledger holds 5; events 5\.\.11 are missing/);
    expect(report.firstBadSeq).toBe(5);
    // The live ledger contains that checkpoint: intact.
    expect((await verifyAgainst(live, [{ note: newer.note, source: "checkpoint file newer.note" }])).ok).toBe(true);
  });

  it("a fork (two histories from one prefix, both signed with the log's key) is named at the checkpoint's size", async () => {
    const a = await ledgerAt("a");
    await grow(a, 4, "shared");
    await a.checkpoint();
    await close(a);
    copyFileSync(join(dir, "a.db"), join(dir, "b.db"));
    const left = await ledgerAt("a");
    const right = await ledgerAt("b");
    await grow(left, 3, "left");
    await grow(right, 3, "right");
    const seenLeft = await left.checkpoint();
    await right.checkpoint();
    expect((await verifyLedger(right.store, { origin: ORIGIN, verifiers: [parseVerifierKey(vkey)], workers: 0 })).ok).toBe(true);
    const report = await verifyAgainst(right, [{ note: seenLeft.note, source: "checkpoint file left.note" }]);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(["fork"]);
    expect(report.problems[0]?.message).toMatch(/at tree size 7 this ledger's root is .* but the checkpoint signs/);
  });

  it("a checkpoint not signed by the log's key, or of another log, is refused as input (not reported as tampering)", async () => {
    const ledger = await ledgerAt("x");
    await grow(ledger, 2, "x");
    const cp = await ledger.checkpoint();
    const other = generateSignerKey(ORIGIN);
    expect(() => externalCheckpoint(cp.note, "checkpoint file f", ORIGIN, [parseVerifierKey(other.vkey)])).toThrow(
      /not a checkpoint signed by this log's key/,
    );
    expect(() => externalCheckpoint(cp.note, "checkpoint file f", "other.example/log", [parseVerifierKey(vkey)])).toThrow(
      /is for the log "test.example\/ledger"/,
    );
  });
});

describe("custody witness (C2SP tlog-witness)", () => {
  it("cosigns a first checkpoint and each consistent extension; the cosignature verifies per tlog-cosignature", async () => {
    const key = generateCosignerKey("witness.example/w1");
    const witness = witnessAt(join(dir, "w.db"), key.skey);
    const ledger = await ledgerAt("l");
    await grow(ledger, 3, "a");
    const first = witness.addCheckpoint(await submission(ledger, 0));
    expect(first.status).toBe(200);
    expect(first.body).toMatch(/^— witness\.example\/w1 [A-Za-z0-9+/=]+\n$/);
    await grow(ledger, 6, "a");
    const second = witness.addCheckpoint(await submission(ledger, 3));
    expect(second.status).toBe(200);
    const cosigned = witness.latest(ORIGIN);
    expect(cosigned?.treeSize).toBe(9);
    const opened = openNote(cosigned?.note ?? "", [parseVerifierKey(vkey), cosignatureVerifier(key.vkey)]);
    expect(opened.verified).toEqual([ORIGIN, "witness.example/w1"]);
    // A cosignature does not verify as a plain note signature, nor over another body.
    expect(() => openNote((cosigned?.note ?? "").replace("\n9\n", "\n10\n"), [cosignatureVerifier(key.vkey)])).toThrow(/does not verify/);
    witness.close();
  });

  it("a witness that has seen a newer checkpoint answers 409 with its size to the rolled-back log", async () => {
    const witness = witnessAt(join(dir, "w.db"));
    const ledger = await ledgerAt("l");
    await grow(ledger, 4, "a");
    await ledger.checkpoint();
    await close(ledger);
    copyFileSync(join(dir, "l.db"), join(dir, "old.db"));
    const live = await ledgerAt("l");
    expect(witness.addCheckpoint(await submission(live, 0)).status).toBe(200);
    await grow(live, 4, "a");
    expect(witness.addCheckpoint(await submission(live, 4)).status).toBe(200);
    const old = await ledgerAt("old");
    const rollback = witness.addCheckpoint(await submission(old, 4));
    expect(rollback).toEqual({ status: 409, contentType: "text/x.tlog.size", body: "8\n" });
    // And verify against the witness's checkpoint names the rollback.
    const report = await verifyAgainst(old, [{ note: witness.latest(ORIGIN)?.note ?? "", source: "witness w1" }]);
    expect(report.problems[0]?.kind).toBe("rollback");
    witness.close();
  });

  it("a fork: the same size with another root is 409, a larger size from the other history is 422", async () => {
    const witness = witnessAt(join(dir, "w.db"));
    const a = await ledgerAt("a");
    await grow(a, 4, "shared");
    await a.checkpoint();
    await close(a);
    copyFileSync(join(dir, "a.db"), join(dir, "b.db"));
    const left = await ledgerAt("a");
    const right = await ledgerAt("b");
    expect(witness.addCheckpoint(await submission(left, 0)).status).toBe(200);
    await grow(left, 3, "left");
    await grow(right, 3, "right");
    expect(witness.addCheckpoint(await submission(left, 4)).status).toBe(200);
    expect(witness.addCheckpoint(await submission(right, 7)).status).toBe(409);
    await grow(right, 2, "right");
    // A proof from the right history's size 7 cannot link the left root the witness holds.
    expect(witness.addCheckpoint(await submission(right, 7)).status).toBe(422);
    witness.close();
  });

  it("restarted mid-stream, it keeps its record: a stale client learns the size from a 409 and continues", async () => {
    const key = generateCosignerKey("witness.example/w1").skey;
    const path = join(dir, "w.db");
    let witness = witnessAt(path, key);
    const ledger = await ledgerAt("l");
    await grow(ledger, 5, "a");
    expect(witness.addCheckpoint(await submission(ledger, 0)).status).toBe(200);
    witness.close();
    witness = witnessAt(path, key);
    await grow(ledger, 5, "a");
    const stale = witness.addCheckpoint(await submission(ledger, 0));
    expect(stale).toMatchObject({ status: 409, body: "5\n" });
    expect(witness.addCheckpoint(await submission(ledger, 5)).status).toBe(200);
    expect(witness.latest(ORIGIN)?.treeSize).toBe(10);
    witness.close();
  });

  it.each([
    ["an unknown origin", (note: string) => note.replace(ORIGIN, "other.example/log"), 404],
    ["no trusted signature", (note: string) => note.replace(/— .*\n$/, `— ${ORIGIN} ${Buffer.alloc(68).toString("base64")}\n`), 403],
    ["an old size above the new size", (note: string) => note.replace(/^old 0\n/, "old 99\n"), 400],
    ["a malformed request", () => "old x\n\n", 400],
    ["a proof from size 0", (note: string) => note.replace(/^old 0\n/, `old 0\n${Buffer.alloc(32).toString("base64")}\n`), 422],
  ] as const)("%s → %i", async (_name, mangle, status) => {
    const witness = witnessAt(join(dir, "w.db"));
    const ledger = await ledgerAt("l");
    await grow(ledger, 2, "a");
    const result = witness.addCheckpoint(mangle(await submission(ledger, 0)));
    expect(result.status).toBe(status);
    expect(witness.latest(ORIGIN)).toBeUndefined();
    witness.close();
  });
});
