/**
 * The webhook server over the PostgreSQL ledger when the database drops every connection in the
 * middle of a stream of deliveries (what a PostgreSQL restart looks like from the server): each
 * delivery is answered 200 (stored) or 503 (GitHub retries); after the outage every delivery is
 * stored exactly once, and every one acknowledged before is there. Restarting the shared
 * PostgreSQL itself would disturb other suites on this machine, so the test terminates this
 * server's own backends (by application_name) instead.
 */
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { registryClassifier } from "../cases/registry-classifier.js";
import { openLedger } from "../ledger/open-ledger.js";
import { assembleServer } from "./assemble-server.js";
import { SECRET, example, signedRequest } from "./__fixtures__/signed-delivery.js";

const BASE_URL = "postgres://postgres@127.0.0.1:5432/test";

async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const available = await postgresUp();

describe.skipIf(!available)("PostgreSQL ledger dropped mid-stream", () => {
  it("answers each delivery 200 or 503, loses no acknowledged delivery and duplicates none", async () => {
    const tag = randomBytes(4).toString("hex");
    const appName = `custody-srv-test-${tag}`;
    const schema = `custody_srv_${tag}`;
    const ledger = await openLedger({ store: "postgres", connectionString: `${BASE_URL}?application_name=${appName}`, schema });
    const server = await assembleServer({
      ledger,
      state: new Database(":memory:"),
      webhookSecret: SECRET,
      classifier: registryClassifier(),
    });
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    try {
      const payload = example("pull_request", "opened");
      const ids = Array.from({ length: 120 }, (_, i) => `pg-${String(i)}`);
      const send = async (id: string): Promise<number> =>
        (await server.app.request(await signedRequest("pull_request", payload, id))).status;

      const statuses = new Map<string, number>();
      let next = 0;
      let dropped = false;
      const worker = async (): Promise<void> => {
        while (next < ids.length) {
          const id = ids[next++] ?? "";
          statuses.set(id, await send(id));
          if (!dropped && next >= 40) {
            dropped = true;
            await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [appName]);
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      expect(dropped).toBe(true);
      expect([...statuses.values()].every((s) => s === 200 || s === 503)).toBe(true);
      const acknowledged = ids.filter((id) => statuses.get(id) === 200);
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);

      // GitHub redelivers what was not acknowledged (and may redeliver the rest): all end up stored once.
      for (const id of ids) {
        expect(await send(id)).toBe(200);
      }
      const seen = new Map<string, number>();
      for await (const event of ledger.scan()) {
        if (event.deliveryId !== undefined) {
          seen.set(event.deliveryId, (seen.get(event.deliveryId) ?? 0) + 1);
        }
      }
      for (const id of acknowledged) {
        expect(seen.get(id), id).toBe(1);
      }
      expect(seen.size).toBe(ids.length);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await server.close();
      await ledger.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
