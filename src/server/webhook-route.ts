/**
 * `POST /webhooks/github`: verify, store durably, then acknowledge. The 2xx goes out only
 * after the ledger's `append` resolved, so GitHub redelivers anything we did not keep; a
 * redelivery (same `X-GitHub-Delivery`) is answered 200 with `duplicate: true` and stores
 * nothing new. A store that is down answers 503 (GitHub retries); an event the ledger refuses
 * answers 400, anything else 500 — never 503, which would invite retries of the same fault.
 * Correlation and the check run happen after the answer, off the request path.
 */
import type { Env, Hono } from "hono";
import { IncomingMessage } from "node:http";
import { isCustodyError, type ErrorCode } from "../model/errors.js";
import type { Ledger } from "../model/ledger-event.js";
import { deliveryToLedgerInput, receiveWebhook } from "./receive-webhook.js";

const STATUS_BY_CODE: Partial<Record<ErrorCode, 400 | 401 | 413 | 415>> = {
  CONTENT_TYPE_UNSUPPORTED: 415,
  PAYLOAD_TOO_LARGE: 413,
  SIGNATURE_INVALID: 401,
  PAYLOAD_INVALID: 400,
};

export interface WebhookRouteOptions {
  secret: string;
  ledger: Ledger;
  /** Receives each newly stored event after the answer is decided. */
  onStored?: (event: Awaited<ReturnType<Ledger["append"]>>[number]["event"]) => void;
  maxBytes?: number;
}

export function addWebhookRoute<E extends Env>(app: Hono<E>, options: WebhookRouteOptions): void {
  app.post("/webhooks/github", async (c) => {
    let input;
    try {
      // Served by @hono/node-server, the request comes from Node's HTTP parser, which never
      // delivers more body bytes than Content-Length declares.
      const transportEnforcesLength = (c.env as { incoming?: unknown } | undefined)?.incoming instanceof IncomingMessage;
      input = deliveryToLedgerInput(await receiveWebhook(c.req.raw, options.secret, options.maxBytes, { transportEnforcesLength }));
    } catch (error) {
      const status = isCustodyError(error) ? STATUS_BY_CODE[error.code] : undefined;
      if (status === undefined || !isCustodyError(error)) {
        // A broken connection mid-body and similar: the client gets a 400, the server lives on.
        return c.json({ error: "bad_request", message: "The request could not be read." }, 400);
      }
      return c.json({ error: error.code.toLowerCase(), message: error.message }, status);
    }
    let result;
    try {
      [result] = await options.ledger.append([input]);
    } catch (error) {
      if (isCustodyError(error, "EVENT_INVALID") || isCustodyError(error, "PAYLOAD_INVALID")) {
        // The ledger refused the event itself (not its storage): retrying would not help.
        return c.json({ error: error.code.toLowerCase(), message: error.message }, 400);
      }
      if (isCustodyError(error, "LEDGER_UNAVAILABLE")) {
        c.header("Retry-After", "30");
        return c.json(
          { error: "ledger_unavailable", message: "The audit ledger is unavailable; the delivery was not stored. GitHub will retry it." },
          503,
        );
      }
      return c.json(
        { error: "internal_error", message: "The delivery could not be stored because of an internal error; nothing was written." },
        500,
      );
    }
    if (result === undefined) {
      return c.json({ error: "ledger_unavailable", message: "The audit ledger returned no result." }, 503);
    }
    if (result.duplicate) {
      return c.json(
        { ok: true, duplicate: true, note: "duplicate delivery: already stored, nothing new written", seq: result.event.seq },
        200,
      );
    }
    // `payload` is this request's own parse of the stored body (append hands it back), so the
    // projection does not parse 20 KB again per delivery; `body` is the exact stored text.
    const stored = result.event;
    if (options.onStored) {
      const onStored = options.onStored;
      // After the answer: the projection and the check queue never delay or fail an acknowledgement.
      setImmediate(() => {
        try {
          onStored(stored);
        } catch {
          // The projector records its own failures; nothing here may take the server down.
        }
      });
    }
    return c.json({ ok: true, duplicate: false, seq: stored.seq }, 200);
  });
}
