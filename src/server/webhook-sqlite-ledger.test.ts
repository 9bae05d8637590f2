/** The webhook endpoint over the real SQLite ledger (not the test double): durable, deduplicated, 503 when closed. */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registryClassifier } from "../cases/registry-classifier.js";
import { openLedger, type CustodyLedger } from "../ledger/open-ledger.js";
import { assembleServer, type AssembledServer } from "./assemble-server.js";
import { SECRET, allExamples, example, signedRequest } from "./__fixtures__/signed-delivery.js";

let dir: string;
let ledger: CustodyLedger;
let server: AssembledServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "custody-webhook-sqlite-"));
  ledger = await openLedger({ store: "sqlite", path: join(dir, "ledger.db") });
  server = await assembleServer({ ledger, state: new Database(":memory:"), webhookSecret: SECRET, classifier: registryClassifier() });
});

afterEach(async () => {
  await server.close();
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("webhooks into the SQLite ledger", () => {
  it("stores every @octokit/webhooks-examples delivery once, readable back by delivery id", async () => {
    const examples = allExamples();
    const statuses = await Promise.all(
      examples.map(
        async ({ event, payload }, i) => (await server.app.request(await signedRequest(event, payload, `ex-${String(i)}`))).status,
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await ledger.size()).toBe(examples.length);
    const stored = await ledger.findByDeliveryId("ex-0");
    expect(stored?.payload).toEqual(examples[0]?.payload);
    const replay = await server.app.request(await signedRequest(examples[0]?.event ?? "", examples[0]?.payload, "ex-0"));
    expect(await replay.json()).toMatchObject({ duplicate: true });
    expect(await ledger.size()).toBe(examples.length);
    await server.projector.catchUp();
    expect(server.store.cursor()).toBe(examples.length - 1);
  });

  it("answers 503 once the ledger is closed, and stays up", async () => {
    await ledger.close();
    const res = await server.app.request(await signedRequest("push", example("push"), "after-close"));
    expect(res.status).toBe(503);
    expect((await server.app.request("/healthz")).status).toBe(200);
  });
});
