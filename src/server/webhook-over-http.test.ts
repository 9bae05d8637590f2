/**
 * The webhook route behind a real @hono/node-server listener, where the body is read through the
 * server's direct path when Content-Length is declared (Node's parser bounds the body by it) and
 * streamed and counted otherwise. Both must keep the signature check over the exact bytes, the
 * size limit and the one-store-per-delivery rule.
 */
import { serve, type ServerType } from "@hono/node-server";
import Database from "better-sqlite3";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { registryClassifier } from "../cases/registry-classifier.js";
import { assembleServer, type AssembledServer } from "./assemble-server.js";
import { MemoryLedger } from "./__fixtures__/memory-ledger.js";
import { SECRET, example, signedRequest } from "./__fixtures__/signed-delivery.js";

let running: { http: ServerType; server: AssembledServer } | undefined;

async function listen(maxWebhookBytes?: number): Promise<{ url: string; ledger: MemoryLedger }> {
  const ledger = new MemoryLedger();
  const server = await assembleServer({
    ledger,
    state: new Database(":memory:"),
    webhookSecret: SECRET,
    classifier: registryClassifier(),
    ...(maxWebhookBytes === undefined ? {} : { maxWebhookBytes }),
  });
  const { http, port } = await new Promise<{ http: ServerType; port: number }>((resolve) => {
    const http = serve({ fetch: server.app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({ http, port: info.port });
    });
  });
  running = { http, server };
  return { url: `http://127.0.0.1:${String(port)}/webhooks/github`, ledger };
}

afterEach(async () => {
  if (running !== undefined) {
    const { http, server } = running;
    running = undefined;
    await new Promise<void>((resolve) => {
      http.close(() => {
        resolve();
      });
      (http as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await server.close();
  }
});

/** POSTs over a socket: with Content-Length, or chunked (no length) when `chunked` is set. */
function post(url: string, headers: Record<string, string>, body: string, chunked = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: chunked ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, text });
        });
      },
    );
    req.on("error", (error) => {
      // The server may stop reading an oversized upload and answer early; the answer still counts.
      if (!("code" in error) || (error as { code?: string }).code !== "EPIPE") {
        reject(error);
      }
    });
    if (chunked) {
      for (let i = 0; i < body.length; i += 1000) {
        req.write(body.slice(i, i + 1000));
      }
    } else {
      req.write(body);
    }
    req.end();
  });
}

async function signedParts(event: string, payload: unknown, delivery: string): Promise<{ headers: Record<string, string>; body: string }> {
  const request = await signedRequest(event, payload, delivery);
  return { headers: Object.fromEntries(request.headers.entries()), body: await request.text() };
}

describe("webhooks over HTTP", () => {
  it("stores a signed delivery with Content-Length once, and answers its redelivery as a duplicate", async () => {
    const { url, ledger } = await listen();
    const payload = example("pull_request", "opened");
    const { headers, body } = await signedParts("pull_request", payload, "http-1");
    const first = await post(url, headers, body);
    const again = await post(url, headers, body);
    expect(first.status).toBe(200);
    expect(JSON.parse(again.text)).toMatchObject({ duplicate: true });
    expect(ledger.events.map((e) => [e.deliveryId, e.kind])).toEqual([["http-1", "pull_request.opened"]]);
    expect(ledger.events[0]?.payload).toEqual(payload);
  });

  it("stores a chunked delivery (no Content-Length) read through the counting stream", async () => {
    const { url, ledger } = await listen();
    const { headers, body } = await signedParts("push", example("push"), "http-chunked");
    expect((await post(url, headers, body, true)).status).toBe(200);
    expect(ledger.events.map((e) => e.deliveryId)).toEqual(["http-chunked"]);
  });

  it("refuses a body whose bytes do not match the signature, with or without Content-Length", async () => {
    const { url, ledger } = await listen();
    const { headers, body } = await signedParts("push", example("push"), "http-forged");
    const forged = body.replace('"ref":', '"ref" :');
    expect((await post(url, headers, forged)).status).toBe(401);
    expect((await post(url, headers, forged, true)).status).toBe(401);
    expect(ledger.events).toHaveLength(0);
  });

  it("refuses oversized bodies with 413 whether the length is declared or streamed", async () => {
    const { url, ledger } = await listen(4096);
    const { headers, body } = await signedParts("pull_request", example("pull_request", "opened"), "http-big");
    expect(Buffer.byteLength(body)).toBeGreaterThan(4096);
    expect((await post(url, headers, body)).status).toBe(413);
    expect((await post(url, headers, body, true)).status).toBe(413);
    expect(ledger.events).toHaveLength(0);
  });
});
