/**
 * Appends on the SQLite writer thread keep the ledger contract: gap-free seqs under concurrent
 * appends, de-duplication by delivery id within a batch and across batches, leaf hashes of the
 * canonical bytes, everything readable from the main connection and after reopening, close()
 * draining what is in flight, and storage failures as LEDGER_UNAVAILABLE with nothing stored.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isCustodyError } from "../../model/errors.js";
import type { LedgerEventInput } from "../../model/ledger-event.js";
import { leafHashOfEvent } from "../events/event-bytes.js";
import { openLedger, type CustodyLedger } from "../open-ledger.js";
import { verifyLedger } from "../verify/verify-ledger.js";
import { SqliteAppendWriter } from "./sqlite-append-writer.js";
import { SqliteStore } from "./sqlite-store.js";

function delivery(
  i: number,
  payload: unknown = { action: "opened", number: i, pull_request: { title: `Change ${String(i)}`, labels: [] } },
): LedgerEventInput {
  return { kind: "pull_request.opened", source: "github-webhook", deliveryId: `d-${String(i)}`, repository: "acme/app", payload };
}

function sqliteStore(ledger: CustodyLedger): SqliteStore {
  if (!(ledger.store instanceof SqliteStore)) {
    throw new TypeError("not a SQLite ledger");
  }
  return ledger.store;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isCustodyError(error) ? error.code : `not a CustodyError: ${String(error)}`;
  }
}

describe("SQLite appends on the writer thread", () => {
  let dir: string;
  let path: string;
  let ledger: CustodyLedger;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "custody-writer-"));
    path = join(dir, "ledger.db");
    ledger = await openLedger({ store: "sqlite", path }, { writerThread: true });
  });

  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("assigns gap-free seqs to concurrent appends in shared batches, with leaf hashes of the canonical bytes", async () => {
    expect(sqliteStore(ledger).pipelinesAppends).toBe(true);
    const spy = vi.spyOn(ledger.store, "appendBatch");
    const results = await Promise.all(Array.from({ length: 150 }, (_, i) => ledger.append([delivery(i)])));
    const events = results.map((r) => r[0]!.event);
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(spy.mock.calls.length).toBeLessThan(150);
    for (const event of events) {
      expect(event.leafHash).toBe(leafHashOfEvent(event).toString("hex"));
    }
    expect(events.find((e) => e.deliveryId === "d-42")?.payload).toEqual(delivery(42).payload);
    expect((await ledger.get(149))?.deliveryId).toBeDefined();
    const report = await verifyLedger(ledger.store, { origin: ledger.origin, verifiers: await ledger.defaultVerifiers(), workers: 0 });
    expect(report.ok).toBe(true);
  });

  it("stores a delivery id once, within a batch and across batches, and returns the stored event for a repeat", async () => {
    const [first] = await ledger.append([delivery(1)]);
    const again = await ledger.append([delivery(1, { other: true }), delivery(2), delivery(2, { other: true })]);
    expect(again.map((r) => [r.event.seq, r.duplicate])).toEqual([
      [0, true],
      [1, false],
      [1, true],
    ]);
    expect(again[0]?.event).toEqual(first?.event);
    expect(again[2]?.event.payload).toEqual(delivery(2).payload);
    expect(await ledger.size()).toBe(2);
  });

  it("close() lets appends in flight commit; a reopened ledger without the thread reads them all", async () => {
    const pending = Array.from({ length: 30 }, (_, i) => ledger.append([delivery(i)]));
    await ledger.close();
    expect((await Promise.all(pending)).length).toBe(30);
    ledger = await openLedger({ store: "sqlite", path });
    expect(sqliteStore(ledger).pipelinesAppends).toBe(false);
    expect(await ledger.size()).toBe(30);
    expect((await ledger.findByDeliveryId("d-29"))?.payload).toEqual(delivery(29).payload);
  });

  it("a failing transaction on the thread rejects every caller in it with LEDGER_UNAVAILABLE and stores nothing; later appends work", async () => {
    await ledger.append([delivery(0)]);
    const db = sqliteStore(ledger).database;
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk refused'); END;");
    const codes = await Promise.all([codeOf(ledger.append([delivery(1)])), codeOf(ledger.append([delivery(2)]))]);
    expect(codes).toEqual(["LEDGER_UNAVAILABLE", "LEDGER_UNAVAILABLE"]);
    expect(await ledger.size()).toBe(1);
    db.exec("DROP TRIGGER refuse");
    const [later] = await ledger.append([delivery(1)]);
    expect(later?.event.seq).toBe(1);
  });
});

describe("SqliteAppendWriter", () => {
  it("fails to start with LEDGER_UNAVAILABLE when the database cannot be opened", async () => {
    const dir = mkdtempSync(join(tmpdir(), "custody-writer-"));
    try {
      mkdirSync(join(dir, "a-directory.db"));
      expect(await codeOf(SqliteAppendWriter.start(join(dir, "a-directory.db")))).toBe("LEDGER_UNAVAILABLE");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("after its thread is gone, appends fail with LEDGER_UNAVAILABLE instead of hanging", async () => {
    const dir = mkdtempSync(join(tmpdir(), "custody-writer-"));
    const store = SqliteStore.open(join(dir, "ledger.db"));
    try {
      const writer = await SqliteAppendWriter.start(store.filePath);
      await writer.close();
      expect(await codeOf(writer.appendBatch([{ kind: "x", source: "cli", payloadJson: "{}" }], new Date().toISOString()))).toBe(
        "LEDGER_UNAVAILABLE",
      );
      expect((await store.treeState()).size).toBe(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
