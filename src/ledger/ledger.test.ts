/**
 * The ledger contract, run unchanged against both stores (SQLite and PostgreSQL): append order and
 * dedup, checkpoints, proofs, tamper detection, retention, concurrency and failure.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isCustodyError } from "../model/errors.js";
import type { LedgerEventInput } from "../model/ledger-event.js";
import type { HarnessFactory, StoreHarness } from "../../test/support/ledger-stores.js";
import { STORE_HARNESSES } from "../../test/support/ledger-stores.js";
import { canonicalJson } from "./events/canonical-json.js";
import { parseCheckpointBody } from "./notes/checkpoint-body.js";
import { leafHashOfEvent } from "./events/event-bytes.js";
import { consistencyProof, inclusionProof, verifyConsistencyBundle, verifyInclusionBundle } from "./ledger-proofs.js";
import { rootOfLeafHashes } from "./merkle/merkle-frontier.js";
import { generateSignerKey, parseVerifierKey } from "./notes/note-keys.js";
import type { CustodyLedger } from "./open-ledger.js";
import { addHold, exportJsonl, parseRetentionPolicy, purge } from "./retention/retention.js";
import { openNote } from "./notes/signed-note.js";
import type { LeafRunOptions } from "./verify/leaf-runs.js";
import { verifyLedger } from "./verify/verify-ledger.js";

function prEvent(i: number, extra: Partial<LedgerEventInput> = {}): LedgerEventInput {
  return {
    kind: "pull_request.opened",
    source: "github-webhook",
    deliveryId: `delivery-${i}`,
    repository: "acme/app",
    occurredAt: "2026-11-01T10:00:00Z",
    payload: { action: "opened", number: i, pull_request: { number: i, title: `Change ${i}`, user: { login: "agent[bot]" } } },
    ...extra,
  };
}

async function appendMany(ledger: CustodyLedger, n: number, from = 0): Promise<void> {
  await ledger.append(Array.from({ length: n }, (_, i) => prEvent(from + i)));
}

async function verify(ledger: CustodyLedger, options: LeafRunOptions = {}) {
  return verifyLedger(ledger.store, { origin: ledger.origin, verifiers: await ledger.defaultVerifiers(), ...options });
}

/**
 * Verify on this thread, and (SQLite) in worker threads with runs of 3 positions, so a problem
 * lands inside a run, at a run's edge, and the runs must be stitched in order.
 */
const VERIFY_MODES: [string, LeafRunOptions][] = [
  ["on this thread", { workers: 0 }],
  ["in worker threads", { workers: 2, parallelFrom: 0, runSize: 3 }],
];

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isCustodyError(error) ? error.code : `not a CustodyError: ${String(error)}`;
  }
}

describe.each(STORE_HARNESSES)("ledger on %s", (_name, factory: HarnessFactory) => {
  let harness: StoreHarness;
  let ledger: CustodyLedger;
  const opened: CustodyLedger[] = [];

  beforeEach(async () => {
    harness = factory();
    ledger = await harness.open();
    opened.push(ledger);
  });

  afterEach(async () => {
    for (const l of opened.splice(0)) {
      await l.close();
    }
    await harness.dispose();
  });

  describe("append", () => {
    it("assigns seqs 0..n-1 in order, and each leaf hash is the hash of the event's canonical bytes", async () => {
      const results = await ledger.append([prEvent(0), prEvent(1), prEvent(2)]);
      expect(results.map((r) => [r.event.seq, r.duplicate])).toEqual([
        [0, false],
        [1, false],
        [2, false],
      ]);
      for (const r of results) {
        expect(r.event.leafHash).toBe(leafHashOfEvent(r.event).toString("hex"));
      }
      expect(await ledger.size()).toBe(3);
      expect((await ledger.get(1))?.payload).toEqual(prEvent(1).payload);
    });

    it("stores a delivery id once: a repeat returns the stored event with duplicate: true, within a batch and across calls", async () => {
      const [first] = await ledger.append([prEvent(7)]);
      const again = await ledger.append([prEvent(7, { payload: { different: true } }), prEvent(8), prEvent(8)]);
      expect(again.map((r) => [r.event.seq, r.duplicate])).toEqual([
        [0, true],
        [1, false],
        [1, true],
      ]);
      expect(again[0]?.event).toEqual(first?.event);
      expect(await ledger.size()).toBe(2);
      expect((await ledger.findByDeliveryId("delivery-8"))?.seq).toBe(1);
      expect(await ledger.findByDeliveryId("nope")).toBeUndefined();
    });

    it("scans in seq order with kind, repository and range filters", async () => {
      await ledger.append([
        prEvent(0),
        prEvent(1, { repository: "acme/other" }),
        { kind: "check.result", source: "check", repository: "acme/app", payload: { ok: true } },
        prEvent(3),
      ]);
      const seqs = async (filter: Parameters<CustodyLedger["scan"]>[0]) => {
        const out: number[] = [];
        for await (const e of ledger.scan(filter)) {
          out.push(e.seq);
        }
        return out;
      };
      expect(await seqs({})).toEqual([0, 1, 2, 3]);
      expect(await seqs({ repository: "acme/app" })).toEqual([0, 2, 3]);
      expect(await seqs({ kind: "check.result" })).toEqual([2]);
      expect(await seqs({ fromSeq: 1, toSeq: 2 })).toEqual([1, 2]);
    });

    it("refuses invalid input with EVENT_INVALID or PAYLOAD_INVALID and stores nothing of it", async () => {
      expect(await codeOf(ledger.append([{ kind: "x", source: "email" as never, payload: {} }]))).toBe("EVENT_INVALID");
      expect(await codeOf(ledger.append([{ kind: "", source: "cli", payload: {} }]))).toBe("EVENT_INVALID");
      expect(await codeOf(ledger.append([{ kind: "x", source: "cli", repository: "not a repo", payload: {} }]))).toBe("EVENT_INVALID");
      expect(await codeOf(ledger.append([{ kind: "x", source: "cli", payload: { n: 10n } }]))).toBe("PAYLOAD_INVALID");
      expect(await ledger.size()).toBe(0);
    });

    it("batches concurrent appends into shared transactions (group commit) and keeps seqs gap-free", async () => {
      const spy = vi.spyOn(ledger.store, "appendBatch");
      const results = await Promise.all(Array.from({ length: 120 }, (_, i) => ledger.append([prEvent(i)])));
      const seqs = results.map((r) => r[0]!.event.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 120 }, (_, i) => i));
      expect(spy.mock.calls.length).toBeLessThan(120);
      expect((await verify(ledger)).ok).toBe(true);
    });

    it("close() waits for appends still in their group-commit window; none is lost", async () => {
      const pending = Array.from({ length: 10 }, (_, i) => ledger.append([prEvent(i)]));
      await ledger.close();
      expect((await Promise.all(pending)).map((r) => r[0]!.event.seq).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const reopened = await harness.open();
      opened.push(reopened);
      expect(await reopened.size()).toBe(10);
    });

    it("without group commit, each append is its own transaction and order still holds", async () => {
      const single = await harness.open({ groupCommit: false });
      opened.push(single);
      const spy = vi.spyOn(single.store, "appendBatch");
      await Promise.all(Array.from({ length: 20 }, (_, i) => single.append([prEvent(i)])));
      expect(spy.mock.calls.length).toBe(20);
      expect(await single.size()).toBe(20);
    });
  });

  describe("checkpoints and proofs", () => {
    it("signs a C2SP checkpoint whose root is the RFC 6962 root of the leaf hashes", async () => {
      const results = await ledger.append(Array.from({ length: 11 }, (_, i) => prEvent(i)));
      const cp = await ledger.checkpoint();
      const opened = openNote(cp.note, await ledger.defaultVerifiers());
      const body = parseCheckpointBody(opened.text);
      expect(body.origin).toBe(ledger.origin);
      expect(body.treeSize).toBe(11);
      expect(body.rootHash.equals(rootOfLeafHashes(results.map((r) => Buffer.from(r.event.leafHash, "hex"))))).toBe(true);
      expect(cp.rootHash).toBe(body.rootHash.toString("base64"));
    });

    it("proves each event's inclusion offline, and refuses a proof whose event was altered or whose key is wrong", async () => {
      await appendMany(ledger, 13);
      await ledger.checkpoint();
      const verifiers = await ledger.defaultVerifiers();
      for (let seq = 0; seq < 13; seq++) {
        const bundle = JSON.parse(JSON.stringify(await inclusionProof(ledger, seq))) as Record<string, unknown>;
        expect(verifyInclusionBundle(bundle, verifiers).leafIndex).toBe(seq);
      }
      const bundle = JSON.parse(JSON.stringify(await inclusionProof(ledger, 5))) as { event: { payload: { number: number } } };
      bundle.event.payload.number = 6;
      expect(() => verifyInclusionBundle(bundle, verifiers)).toThrow(/does not hash to the proven leaf/);
      const other = parseVerifierKey(generateSignerKey(ledger.origin).vkey);
      const fresh: unknown = JSON.parse(JSON.stringify(await inclusionProof(ledger, 5)));
      expect(() => verifyInclusionBundle(fresh, [other])).toThrow(/no signature by a trusted key/);
    });

    it("proves consistency between two sizes, and the roots match the signed checkpoints", async () => {
      await appendMany(ledger, 6);
      const a = await ledger.checkpoint();
      await appendMany(ledger, 9, 6);
      const b = await ledger.checkpoint();
      const proof = await consistencyProof(ledger, 6, 15);
      expect(verifyConsistencyBundle(JSON.parse(JSON.stringify(proof))).size2).toBe(15);
      expect([proof.root1, proof.root2]).toEqual([a.rootHash, b.rootHash]);
      expect(() => verifyConsistencyBundle({ ...proof, root1: b.rootHash })).toThrow(/PROOF_INVALID|not proven/);
      expect(await codeOf(consistencyProof(ledger, 6, 16))).toBe("USAGE");
    });
  });

  describe.each(VERIFY_MODES)("verify detects tampering and names the first bad seq, %s", (mode, verifyOptions) => {
    const parallel = verifyOptions.workers !== 0;
    beforeEach(async () => {
      await appendMany(ledger, 10);
      await ledger.checkpoint();
    });

    it("reports an intact ledger as intact", async () => {
      const report = await verify(ledger, verifyOptions);
      expect(report).toMatchObject({ ok: true, treeSize: 10, events: 10, checkpointsVerified: 1, problems: [] });
      expect(report.checkedInWorkers).toBe(parallel ? 10 : 0);
      expect(mode).toBeTruthy();
    });

    it.runIf(parallel)("when workers cannot open the ledger, this thread checks everything instead", async () => {
      // The same store, but workers are pointed at a file / schema that does not exist.
      const reader = ledger.store.readerConfig;
      const missing =
        reader?.store === "postgres"
          ? { ...reader, schema: "custody_missing_schema" }
          : { store: "sqlite", path: `${reader?.store === "sqlite" ? reader.path : ""}-missing` };
      const store = Object.create(ledger.store, { readerConfig: { value: missing } }) as typeof ledger.store;
      await harness.sql(ledger, "UPDATE {t}events SET payload = replace(payload, 'Change 5', 'Change 6') WHERE seq = 5");
      const report = await verifyLedger(store, { origin: ledger.origin, verifiers: await ledger.defaultVerifiers(), ...verifyOptions });
      expect(report).toMatchObject({ ok: false, firstBadSeq: 5, treeSize: 10, checkedInWorkers: 0 });
    });

    it("a modified payload byte", async () => {
      await harness.sql(ledger, "UPDATE {t}events SET payload = replace(payload, 'Change 5', 'Change 6') WHERE seq = 5");
      const report = await verify(ledger, verifyOptions);
      expect(report.ok).toBe(false);
      expect(report.firstBadSeq).toBe(5);
      expect(report.problems[0]).toMatchObject({ kind: "modified", seq: 5 });
    });

    it("a deleted row", async () => {
      await harness.sql(ledger, "DELETE FROM {t}events WHERE seq = 4");
      const report = await verify(ledger, verifyOptions);
      expect(report.firstBadSeq).toBe(4);
      expect(report.problems[0]).toMatchObject({ kind: "deleted", seq: 4 });
    });

    it("an inserted row, with the later events renumbered to make room", async () => {
      await harness.sql(ledger, "UPDATE {t}events SET seq = seq + 1000 WHERE seq >= 3");
      await harness.sql(ledger, "UPDATE {t}events SET seq = seq - 999 WHERE seq >= 1000");
      await harness.sql(
        ledger,
        "INSERT INTO {t}events (seq, kind, source, received_at, payload) VALUES (3, 'pull_request.closed', 'github-webhook', '2026-11-01T00:00:00Z', '{}')",
      );
      const report = await verify(ledger, verifyOptions);
      expect(report.firstBadSeq).toBe(3);
      expect(report.problems.map((p) => p.kind)).toContain("inserted");
    });

    it("an inserted row at the end, outside the tree", async () => {
      await harness.sql(
        ledger,
        "INSERT INTO {t}events (seq, kind, source, received_at, payload) VALUES (10, 'pull_request.closed', 'github-webhook', '2026-11-01T00:00:00Z', '{}')",
      );
      const report = await verify(ledger, verifyOptions);
      expect(report.firstBadSeq).toBe(10);
      expect(report.problems[0]).toMatchObject({ kind: "inserted", seq: 10 });
    });

    it("two rows swapped", async () => {
      await harness.sql(ledger, "UPDATE {t}events SET seq = -1 WHERE seq = 2");
      await harness.sql(ledger, "UPDATE {t}events SET seq = 2 WHERE seq = 7");
      await harness.sql(ledger, "UPDATE {t}events SET seq = 7 WHERE seq = -1");
      const report = await verify(ledger, verifyOptions);
      expect(report.firstBadSeq).toBe(2);
      expect(report.problems.filter((p) => p.kind === "modified").map((p) => p.seq)).toEqual([2, 7]);
    });

    it("truncation: the tail removed from events and tree alike", async () => {
      await harness.sql(ledger, "DELETE FROM {t}events WHERE seq >= 7");
      await harness.sql(ledger, "DELETE FROM {t}tree_nodes WHERE level = 0 AND idx >= 7");
      const report = await verify(ledger, verifyOptions);
      expect(report.firstBadSeq).toBe(7);
      expect(report.problems.map((p) => p.kind)).toContain("truncated");
    });

    it("a rewrite of both an event and its leaf hash is caught by the signed root", async () => {
      const forged = await ledger.get(5);
      const payload = { ...(forged!.payload as object), forged: true };
      const text = canonicalJson(payload);
      const hash = leafHashOfEvent({ ...forged!, payload, body: text });
      await harness.sql(ledger, "UPDATE {t}events SET payload = ? WHERE seq = 5", [text]);
      await harness.sql(ledger, "UPDATE {t}tree_nodes SET hash = ? WHERE level = 0 AND idx = 5", [hash]);
      const report = await verify(ledger, verifyOptions);
      expect(report.ok).toBe(false);
      expect(report.problems[0]?.kind).toBe("checkpoint");
      expect(report.problems[0]?.message).toMatch(/seq 0\.\.9/);
    });

    it("a forged checkpoint signature", async () => {
      await harness.sql(ledger, "UPDATE {t}checkpoints SET note = replace(note, '\n10\n', '\n11\n')");
      const report = await verify(ledger, verifyOptions);
      expect(report.ok).toBe(false);
      expect(report.problems[0]?.kind).toBe("checkpoint");
    });

    it("a forged tree state (the frontier new appends would build on)", async () => {
      await harness.sql(ledger, "UPDATE {t}tree_state SET frontier = ?", [Buffer.alloc(64, 7)]);
      const report = await verify(ledger, verifyOptions);
      expect(report.ok).toBe(false);
      expect(report.problems.map((p) => p.kind)).toEqual(["tree-state"]);
    });

    it("a payload removed by hand is not mistaken for a purge", async () => {
      await harness.sql(ledger, "UPDATE {t}events SET payload = NULL, purged_at = '2026-11-02T00:00:00Z' WHERE seq = 6");
      const report = await verify(ledger, verifyOptions);
      expect(report.firstBadSeq).toBe(6);
      expect(report.problems[0]).toMatchObject({ kind: "unrecorded-purge", seq: 6 });
    });
  });

  describe("retention, legal holds, export and purge", () => {
    const day = 86_400_000;
    let now = Date.parse("2026-01-01T00:00:00Z");

    beforeEach(async () => {
      await ledger.close();
      now = Date.parse("2026-01-01T00:00:00Z");
      ledger = await harness.open({ now: () => new Date(now) });
      opened.push(ledger);
    });

    it("refuses a retention shorter than the review cycle, naming the kind", () => {
      expect(() => parseRetentionPolicy({ days: { "pull_request.*": 20 }, review_cycle_days: 30 })).toThrow(
        /pull_request\.\*.*20 days.*30 days/,
      );
      expect(parseRetentionPolicy({ days: { "pull_request.*": 30 }, review_cycle_days: 30 }).days).toEqual({ "pull_request.*": 30 });
      let code: string | undefined;
      try {
        parseRetentionPolicy({ days: { default: 0 } });
      } catch (error) {
        code = isCustodyError(error) ? error.code : undefined;
      }
      expect(code).toBe("RETENTION_INVALID");
    });

    it("purges payloads past retention, keeps held repositories and cases, exports first, and stays verifiable", async () => {
      await ledger.append([
        prEvent(0),
        prEvent(1),
        prEvent(2, { repository: "acme/held" }),
        prEvent(3, { repository: "acme/case" }),
        prEvent(4, { repository: "acme/case" }),
      ]);
      await ledger.append([{ kind: "deployment.created", source: "deployment", repository: "acme/app", payload: { env: "prod" } }]);
      await ledger.checkpoint();
      now += 100 * day;
      await ledger.append([prEvent(10)]);
      await addHold(ledger, { repository: "acme/held", reason: "litigation 42" });
      await addHold(ledger, { repository: "acme/case", pullRequest: 3, reason: "incident review" });
      expect(await codeOf(addHold(ledger, { repository: "nope", reason: "x" }))).toBe("USAGE");

      const exportPath = `${harness.config.store === "sqlite" ? harness.config.path : "/tmp/custody-pg"}-${String(Date.now())}-purge.jsonl`;
      const report = await purge(ledger, { days: { "pull_request.*": 90 }, review_cycle_days: 30 }, { exportPath });
      expect(report).toMatchObject({
        purged: 3,
        held: 2,
        ranges: [
          [0, 2],
          [4, 5],
        ],
      });
      const exported = readFileSync(exportPath, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { seq: number; payload: unknown });
      expect(exported.map((e) => e.seq)).toEqual([0, 1, 4]);
      expect(exported[0]?.payload).toEqual(prEvent(0).payload);

      expect((await ledger.get(0))?.payload).toBeNull();
      expect((await ledger.get(0))?.purgedAt).toBeDefined();
      expect((await ledger.get(3))?.payload).toEqual(prEvent(3, { repository: "acme/case" }).payload);
      expect((await ledger.get(5))?.payload).toEqual({ env: "prod" });
      await ledger.checkpoint();
      const verdict = await verify(ledger);
      expect(verdict).toMatchObject({ ok: true, purged: 3, checkpointsVerified: 2 });
      // A purged event's inclusion is still provable by its leaf hash.
      expect(
        verifyInclusionBundle(JSON.parse(JSON.stringify(await inclusionProof(ledger, 0))), await ledger.defaultVerifiers()).leafIndex,
      ).toBe(0);
      expect(await ledger.store.removeHold(1)).toBe(true);
      expect((await ledger.store.holds()).map((h) => h.repository)).toEqual(["acme/case"]);
    });

    it("exports the whole ledger as JSON Lines, one event per line", async () => {
      await appendMany(ledger, 4);
      const path = `/tmp/custody-export-${String(process.pid)}-${String(Date.now())}-${harness.name}.jsonl`;
      const result = await exportJsonl(ledger, path);
      expect(result.count).toBe(4);
      expect(
        readFileSync(path, "utf8")
          .trim()
          .split("\n")
          .map((l) => (JSON.parse(l) as { seq: number }).seq),
      ).toEqual([0, 1, 2, 3]);
      expect(await codeOf(exportJsonl(ledger, path))).toBe("USAGE");
    });
  });
});
