import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { registryClassifier } from "../cases/registry-classifier.js";
import { assembleServer, type AssembledServer } from "./assemble-server.js";
import { MemoryLedger } from "./__fixtures__/memory-ledger.js";
import { SECRET, allExamples, example, signedRequest } from "./__fixtures__/signed-delivery.js";

let server: AssembledServer | undefined;

async function setup(options: { maxWebhookBytes?: number } = {}): Promise<{ ledger: MemoryLedger; server: AssembledServer }> {
  const ledger = new MemoryLedger();
  server = await assembleServer({
    ledger,
    state: new Database(":memory:"),
    webhookSecret: SECRET,
    classifier: registryClassifier(),
    ...options,
  });
  return { ledger, server };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The projection runs after the answer (setImmediate); let it. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("POST /webhooks/github", () => {
  it("ingests every example payload of @octokit/webhooks-examples, signed, and stores each once", async () => {
    const { ledger, server } = await setup();
    const examples = allExamples();
    expect(examples.length).toBeGreaterThan(300);
    for (const [i, { event, payload }] of examples.entries()) {
      const res = await server.app.request(await signedRequest(event, payload, `delivery-${String(i)}`));
      expect(res.status, `${event} #${String(i)}`).toBe(200);
    }
    expect(ledger.events).toHaveLength(examples.length);
    const pr = ledger.events.find((e) => e.kind === "pull_request.opened");
    expect(pr?.source).toBe("github-webhook");
    expect(pr?.repository).toMatch(/\//);
    await settle();
    await server.projector.catchUp();
    expect(server.store.cursor()).toBe(examples.length - 1);
  });

  it("stores an unknown event type raw", async () => {
    const { ledger, server } = await setup();
    const payload = { action: "frobnicated", thing: { nested: [1, 2, 3] } };
    const res = await server.app.request(await signedRequest("future_event", payload, "d-unknown"));
    expect(res.status).toBe(200);
    expect(ledger.events[0]).toMatchObject({ kind: "future_event.frobnicated", deliveryId: "d-unknown", payload });
  });

  it("answers a redelivery 200 with a duplicate note and stores nothing new", async () => {
    const { ledger, server } = await setup();
    const payload = example("pull_request", "opened");
    const first = await server.app.request(await signedRequest("pull_request", payload, "same-id"));
    const again = await server.app.request(await signedRequest("pull_request", payload, "same-id"));
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, note: expect.stringContaining("duplicate") });
    expect(ledger.events).toHaveLength(1);
  });

  it("refuses a forged signature with 401 and stores nothing", async () => {
    const { ledger, server } = await setup();
    const res = await server.app.request(await signedRequest("push", example("push"), "d1", { secret: "not-the-secret" }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "signature_invalid" });
    expect(ledger.events).toHaveLength(0);
  });

  it("refuses a missing signature with 401", async () => {
    const { ledger, server } = await setup();
    const res = await server.app.request(await signedRequest("push", example("push"), "d1", { signature: null }));
    expect(res.status).toBe(401);
    expect(ledger.events).toHaveLength(0);
  });

  it("refuses a body altered after signing (signature of another body) with 401", async () => {
    const { server } = await setup();
    const payload = example("push");
    const signed = await signedRequest("push", payload, "d1");
    const tampered = new Request(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify({ ...payload, ref: "refs/heads/evil" }),
    });
    expect((await server.app.request(tampered)).status).toBe(401);
  });

  it("refuses a truncated body: 401 when the signature covers the full body", async () => {
    const { ledger, server } = await setup();
    const body = JSON.stringify(example("push"));
    const signed = await signedRequest("push", undefined, "d1", { body });
    const truncated = new Request(signed.url, { method: "POST", headers: signed.headers, body: body.slice(0, body.length / 2) });
    expect((await server.app.request(truncated)).status).toBe(401);
    expect(ledger.events).toHaveLength(0);
  });

  it("refuses a signed body that is not JSON with 400", async () => {
    const { ledger, server } = await setup();
    const res = await server.app.request(await signedRequest("push", undefined, "d1", { body: '{"ref": "refs/heads/main", ' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "payload_invalid", message: expect.stringContaining("not valid JSON") });
    expect(ledger.events).toHaveLength(0);
  });

  it("refuses a signed JSON body that is not an object with 400", async () => {
    const { server } = await setup();
    expect((await server.app.request(await signedRequest("push", undefined, "d1", { body: "[1,2]" }))).status).toBe(400);
  });

  it("refuses missing event or delivery headers with 400", async () => {
    const { server } = await setup();
    const noDelivery = await signedRequest("push", example("push"), "");
    expect((await server.app.request(noDelivery)).status).toBe(400);
    const badEvent = await signedRequest("Push Event!", example("push"), "d2");
    expect((await server.app.request(badEvent)).status).toBe(400);
  });

  it("refuses a form-encoded or missing content type with 415", async () => {
    const { ledger, server } = await setup();
    const form = await signedRequest("push", undefined, "d1", { body: "payload=%7B%7D", contentType: "application/x-www-form-urlencoded" });
    expect((await server.app.request(form)).status).toBe(415);
    const text = await signedRequest("push", example("push"), "d2", { contentType: "text/plain" });
    expect((await server.app.request(text)).status).toBe(415);
    expect(ledger.events).toHaveLength(0);
  });

  it("accepts application/json with a charset parameter", async () => {
    const { server } = await setup();
    const res = await server.app.request(
      await signedRequest("push", example("push"), "d1", { contentType: "application/json; charset=utf-8" }),
    );
    expect(res.status).toBe(200);
  });

  it("refuses a declared Content-Length over the limit with 413 without reading the body", async () => {
    const { server } = await setup({ maxWebhookBytes: 1024 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(512));
      },
    });
    const req = new Request("http://localhost/webhooks/github", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": "5000",
        "x-github-event": "push",
        "x-github-delivery": "d1",
        "x-hub-signature-256": "sha256=00",
      },
      body,
      duplex: "half",
    });
    expect((await server.app.request(req)).status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("refuses an oversized streamed body with 413 as soon as it crosses the limit", async () => {
    const { ledger, server } = await setup({ maxWebhookBytes: 4096 });
    let pulled = 0;
    // An endless body without Content-Length: only counting while streaming can stop it.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024).fill(32));
      },
    });
    const req = new Request("http://localhost/webhooks/github", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-github-delivery": "d1",
        "x-hub-signature-256": "sha256=00",
      },
      body,
      duplex: "half",
    });
    const res = await server.app.request(req);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect(ledger.events).toHaveLength(0);
  });

  it("keeps GitHub's 25 MB limit by default: a 25 MB + 1 byte body is refused with 413", async () => {
    const { server } = await setup();
    const body = `{"x":"${"a".repeat(25 * 1024 * 1024 - 7)}"}`;
    expect(Buffer.byteLength(body)).toBe(25 * 1024 * 1024 + 1);
    const res = await server.app.request(await signedRequest("push", undefined, "big", { body }));
    expect(res.status).toBe(413);
  });

  it("answers 503 while the ledger is unavailable, stores nothing, and accepts GitHub's retry afterwards", async () => {
    const { ledger, server } = await setup();
    const payload = example("pull_request", "opened");
    ledger.unavailable = true;
    const refused = await server.app.request(await signedRequest("pull_request", payload, "retry-me"));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("30");
    ledger.unavailable = false;
    expect(ledger.events).toHaveLength(0);
    const retried = await server.app.request(await signedRequest("pull_request", payload, "retry-me"));
    expect(retried.status).toBe(200);
    expect(ledger.events.map((e) => e.deliveryId)).toEqual(["retry-me"]);
  });

  it("does not acknowledge before append resolved", async () => {
    const { ledger, server } = await setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const append = ledger.append.bind(ledger);
    ledger.append = async (inputs) => {
      await gate;
      return append(inputs);
    };
    let answered = false;
    const pending = Promise.resolve(server.app.request(await signedRequest("push", example("push"), "slow"))).then((res) => {
      answered = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    release();
    expect((await pending).status).toBe(200);
    expect(ledger.events).toHaveLength(1);
  });
});
