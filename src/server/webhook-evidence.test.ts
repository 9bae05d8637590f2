/**
 * The webhook route keeps deliveries as evidence: the exact body GitHub signed and its headers,
 * covered by the leaf hash, never a re-serialisation; bodies that are not a JSON object are 400;
 * 503 only when the store is down.
 */
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CustodyError } from "../model/errors.js";
import type { Ledger } from "../model/ledger-event.js";
import { leafHashOfEvent } from "../ledger/events/event-bytes.js";
import { openLedger, type CustodyLedger } from "../ledger/open-ledger.js";
import { verifyLedger } from "../ledger/verify/verify-ledger.js";
import { addWebhookRoute } from "./webhook-route.js";

const SECRET = "evidence-secret";

let dir: string;
let ledger: CustodyLedger;
let app: Hono;

function route(target: Ledger): Hono {
  const hono = new Hono();
  addWebhookRoute(hono, { secret: SECRET, ledger: target });
  return hono;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "custody-evidence-"));
  ledger = await openLedger({ store: "sqlite", path: join(dir, "ledger.db") });
  app = route(ledger);
});

afterEach(async () => {
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(body: Buffer | string, delivery: string, extra: Record<string, string> = {}): Request {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const signature = `sha256=${createHmac("sha256", SECRET).update(bytes).digest("hex")}`;
  return new Request("http://localhost/webhooks/github", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "push",
      "x-github-delivery": delivery,
      "x-hub-signature-256": signature,
      ...extra,
    },
    body: bytes,
  });
}

describe("a delivery is stored as the bytes GitHub signed", () => {
  it.each([
    ["2^64, exactly", '{"n":18446744073709551616,"repository":{"full_name":"o/r"}}'],
    ["duplicate keys, both kept", '{"a":1,"a":2}'],
    ["whitespace and key order as sent", '{ "z" : 1,\n  "a" : [ 1 , 2 ] }'],
    ["1e400 (beyond a double)", '{"big":1e400}'],
    ["non-ASCII text and escapes", '{"name":"Zoë \\u00e9 😀","esc":"\\u002f"}'],
    ["nested 10,000 deep", `{"x":${"[".repeat(10_000)}${"]".repeat(10_000)}}`],
  ])("%s: 200, stored byte for byte, the leaf hash covers that text, verify passes", async (_name, body) => {
    const res = await app.request(post(body, "d-1", { "x-github-hook-id": "4242" }));
    expect(res.status).toBe(200);
    const stored = await ledger.findByDeliveryId("d-1");
    expect(stored?.body).toBe(body);
    expect(Buffer.from(stored?.body ?? "", "utf8").equals(Buffer.from(body, "utf8"))).toBe(true);
    expect(stored?.headers).toMatchObject({ "x-github-event": "push", "x-github-delivery": "d-1", "x-github-hook-id": "4242" });
    expect(stored?.headers?.["x-hub-signature-256"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(stored?.leafHash).toBe(leafHashOfEvent(stored!).toString("hex"));
    await ledger.checkpoint();
    const report = await verifyLedger(ledger.store, { origin: ledger.origin, verifiers: await ledger.defaultVerifiers(), workers: 0 });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("the recorded headers are covered: changing the stored signature header is caught at that event", async () => {
    expect((await app.request(post('{"a":1}', "d-h"))).status).toBe(200);
    await ledger.checkpoint();
    const db = (ledger.store as unknown as { database: { prepare(sql: string): { run(...a: unknown[]): unknown } } }).database;
    db.prepare("UPDATE events SET headers = replace(headers, 'sha256=', 'sha256=0') WHERE seq = 0").run();
    const report = await verifyLedger(ledger.store, { origin: ledger.origin, verifiers: await ledger.defaultVerifiers(), workers: 0 });
    expect(report.ok).toBe(false);
    expect(report.firstBadSeq).toBe(0);
    expect(report.problems[0]?.kind).toBe("modified");
  });

  it("the payload handed on is the request's own parse, and a read-back parses the stored text to the same value", async () => {
    const seen: unknown[] = [];
    const hono = new Hono();
    addWebhookRoute(hono, { secret: SECRET, ledger, onStored: (event) => seen.push(event.payload) });
    expect((await hono.request(post('{"action":"opened","repository":{"full_name":"o/r"},"n":1}', "d-p"))).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([{ action: "opened", repository: { full_name: "o/r" }, n: 1 }]);
    const stored = await ledger.findByDeliveryId("d-p");
    expect(stored).toMatchObject({ kind: "push.opened", repository: "o/r", payload: { n: 1 } });
  });
});

describe("bodies that are not a JSON object are refused with 400, nothing stored", () => {
  it.each([
    ["an array", "[1,2]"],
    ["a number", "42"],
    ["a string", '"x"'],
    ["null", "null"],
    ["truncated JSON", '{"a":'],
    ["a byte order mark before the object", "\uFEFF{}"],
  ])("%s", async (_name, body) => {
    const res = await app.request(post(body, "bad-1"));
    expect(res.status).toBe(400);
    expect(await ledger.size()).toBe(0);
  });

  it("bytes that are not UTF-8", async () => {
    const res = await app.request(post(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), "bad-2"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/not UTF-8/);
    expect(await ledger.size()).toBe(0);
  });
});

describe("the status says whose fault it was", () => {
  function failing(error: Error): Ledger {
    const broken: Ledger = Object.create(ledger) as Ledger;
    broken.append = () => Promise.reject(error);
    return broken;
  }

  it("503 with Retry-After only when the store is unavailable", async () => {
    const res = await route(failing(new CustodyError("LEDGER_UNAVAILABLE", "down"))).request(post("{}", "s-1"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
  });

  it("500 for an unexpected failure (not 503: a retry would meet the same fault)", async () => {
    const res = await route(failing(new Error("bug"))).request(post("{}", "s-2"));
    expect(res.status).toBe(500);
  });

  it("400 when the ledger refuses the event itself", async () => {
    const res = await route(failing(new CustodyError("EVENT_INVALID", "bad"))).request(post("{}", "s-3"));
    expect(res.status).toBe(400);
  });
});
