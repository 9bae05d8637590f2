/**
 * What only PostgreSQL has: several server instances (pools) appending to one ledger at once,
 * connections dropped under the ledger's feet, and a database that is not there.
 */
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isCustodyError } from "../../model/errors.js";
import type { StoreHarness } from "../../../test/support/ledger-stores.js";
import { PG_URL, postgresHarness } from "../../../test/support/ledger-stores.js";
import type { CustodyLedger } from "../open-ledger.js";
import { openLedger } from "../open-ledger.js";
import { verifyLedger } from "../verify/verify-ledger.js";

const schemaOf = (h: StoreHarness): string => (h.config.store === "postgres" ? (h.config.schema ?? "") : "");
const event = (i: number, instance: string) => ({
  kind: "check.result",
  source: "check" as const,
  deliveryId: `${instance}-${String(i)}`,
  payload: { i, instance },
});

describe("PostgreSQL store", () => {
  let harness: StoreHarness;
  let ledgers: CustodyLedger[] = [];

  beforeEach(() => {
    harness = postgresHarness();
  });

  afterEach(async () => {
    for (const l of ledgers) {
      await l.close();
    }
    ledgers = [];
    await harness.dispose();
  });

  it("two instances appending concurrently keep seqs gap-free, dedup across instances, and verify", async () => {
    const a = await harness.open();
    const b = await harness.open();
    ledgers.push(a, b);
    const work = [
      ...Array.from({ length: 60 }, (_, i) => a.append([event(i, "a")])),
      ...Array.from({ length: 60 }, (_, i) => b.append([event(i, "b")])),
      // The same delivery through both instances: stored once.
      ...Array.from({ length: 20 }, (_, i) => a.append([event(i, "shared")])),
      ...Array.from({ length: 20 }, (_, i) => b.append([event(i, "shared")])),
    ];
    const results = (await Promise.all(work)).flat();
    const fresh = results
      .filter((r) => !r.duplicate)
      .map((r) => r.event.seq)
      .sort((x, y) => x - y);
    expect(fresh).toEqual(Array.from({ length: 140 }, (_, i) => i));
    expect(results.filter((r) => r.duplicate)).toHaveLength(20);
    await a.checkpoint();
    const report = await verifyLedger(b.store, { origin: b.origin, verifiers: await b.defaultVerifiers() });
    expect(report).toMatchObject({ ok: true, treeSize: 140, checkpointsVerified: 1 });
  });

  it("after its connections are killed, a failing append rejects with LEDGER_UNAVAILABLE or succeeds, and later appends continue; nothing acknowledged is lost", async () => {
    const ledger = await harness.open({ groupCommit: false });
    ledgers.push(ledger);
    await ledger.append([event(0, "x")]);
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const acknowledged: number[] = [];
    const failures: string[] = [];
    const killed: number[] = [];
    for (let i = 1; i <= 30; i++) {
      if (i % 10 === 0) {
        // What a server restart does to the pool's open connections.
        // Only this ledger's connections: other suites may be using the same server.
        const result = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [
          schemaOf(harness),
        ]);
        killed.push(result.rowCount ?? 0);
      }
      try {
        const [r] = await ledger.append([event(i, "x")]);
        acknowledged.push(r!.event.payload === null ? -1 : i);
      } catch (error) {
        failures.push(isCustodyError(error) ? error.code : String(error));
      }
    }
    await admin.end();
    expect(killed.every((n) => n > 0)).toBe(true);
    expect(failures.every((code) => code === "LEDGER_UNAVAILABLE")).toBe(true);
    expect(acknowledged.length + failures.length).toBe(30);
    for (const i of acknowledged) {
      expect((await ledger.findByDeliveryId(`x-${String(i)}`))?.payload).toEqual({ i, instance: "x" });
    }
    const report = await verifyLedger(ledger.store, { origin: ledger.origin, verifiers: [] });
    expect(report.ok).toBe(true);
    expect(report.treeSize).toBe(acknowledged.length + 1);
  });

  it("a database that is not there is LEDGER_UNAVAILABLE", async () => {
    let code: string | undefined;
    try {
      await openLedger({ store: "postgres", connectionString: "postgres://postgres@127.0.0.1:1/test" });
    } catch (error) {
      code = isCustodyError(error) ? error.code : String(error);
    }
    expect(code).toBe("LEDGER_UNAVAILABLE");
  });

  it("refuses a schema name that is not a plain identifier", async () => {
    let code: string | undefined;
    try {
      await openLedger({ store: "postgres", connectionString: PG_URL, schema: 'x"; DROP TABLE y; --' });
    } catch (error) {
      code = isCustodyError(error) ? error.code : String(error);
    }
    expect(code).toBe("CONFIG_INVALID");
  });

  it("without a configured signing key, checkpoint() says so (CONFIG_INVALID)", async () => {
    const ledger = await openLedger(harness.config);
    ledgers.push(ledger);
    let code: string | undefined;
    try {
      await ledger.checkpoint();
    } catch (error) {
      code = isCustodyError(error) ? error.code : String(error);
    }
    expect(code).toBe("CONFIG_INVALID");
  });
});
