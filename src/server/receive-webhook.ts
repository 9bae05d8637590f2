/**
 * The edge of the webhook endpoint: turns one untrusted HTTP request into a verified
 * `WebhookDelivery`, or a typed error whose code the route maps to a status. Order matters:
 * content type (cheap, 415) → size while streaming (413) → UTF-8 (400) → signature over the
 * exact raw bytes (401, constant time via @octokit/webhooks-methods, as Probot does) → a JSON
 * object (400). Nothing is parsed before the signature holds, so a forged body never reaches the
 * JSON parser.
 *
 * The delivery keeps the body exactly as received: the bytes are checked to be UTF-8 and decoded
 * without replacement (so the text re-encodes to the very bytes the signature covers, a byte
 * order mark included), and that text, not a re-serialisation of its parse, is what the ledger
 * stores. The parse is only for reading (kind, repository, the case projection).
 */
import { isUtf8 } from "node:buffer";
import { verify } from "@octokit/webhooks-methods";
import { CustodyError } from "../model/errors.js";
import type { LedgerEventInput } from "../model/ledger-event.js";
import {
  GITHUB_DELIVERY_ID,
  GITHUB_EVENT_NAME,
  GITHUB_HEADER_VALUE,
  GITHUB_REPOSITORY,
  RECORDED_WEBHOOK_HEADERS,
} from "../sources/github/webhook-headers.js";
import { readLimitedBody, type ReadLimitOptions } from "./read-limited-body.js";

/** GitHub caps webhook payloads at 25 MB. */
const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface WebhookDelivery {
  /** `X-GitHub-Event`, e.g. `pull_request`. */
  event: string;
  /** `X-GitHub-Delivery`: GitHub's id for this delivery, the same on a redelivery. */
  deliveryId: string;
  /** The body parsed (a JSON object). */
  payload: unknown;
  /** The body exactly as received and verified. Absent for replays that only kept the parse. */
  body?: string;
  /** The delivery's recorded headers (lower-case names), as received. */
  headers?: Record<string, string>;
}

export async function receiveWebhook(
  request: Request,
  secret: string,
  limit = MAX_WEBHOOK_BYTES,
  readOptions: ReadLimitOptions = {},
): Promise<WebhookDelivery> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/json") {
    throw new CustodyError(
      "CONTENT_TYPE_UNSUPPORTED",
      `The webhook was sent as "${contentType ?? ""}"; Custody accepts only application/json. Set the webhook's content type to application/json in the GitHub App or repository settings.`,
    );
  }
  const bytes = await readLimitedBody(request, limit, readOptions);
  const signature = request.headers.get("x-hub-signature-256");
  if (signature === null || signature === "") {
    throw new CustodyError(
      "SIGNATURE_INVALID",
      "The webhook has no X-Hub-Signature-256 header; configure a webhook secret in GitHub and the same CUSTODY_WEBHOOK_SECRET here.",
    );
  }
  if (!isUtf8(bytes)) {
    throw new CustodyError("PAYLOAD_INVALID", "The webhook's body is not UTF-8 text, so it cannot be JSON; it was refused.");
  }
  const text = bytes.toString("utf8");
  // verify() throws on an empty payload; an empty body cannot carry a valid signature anyway.
  const valid = text.length > 0 && (await verify(secret, text, signature));
  if (!valid) {
    throw new CustodyError(
      "SIGNATURE_INVALID",
      "The webhook's X-Hub-Signature-256 does not match its body under the configured secret; the delivery was refused.",
    );
  }
  const event = request.headers.get("x-github-event") ?? "";
  const deliveryId = request.headers.get("x-github-delivery") ?? "";
  if (!GITHUB_EVENT_NAME.test(event)) {
    throw new CustodyError("PAYLOAD_INVALID", "The webhook's X-GitHub-Event header is missing or not an event name.");
  }
  if (!GITHUB_DELIVERY_ID.test(deliveryId)) {
    throw new CustodyError(
      "PAYLOAD_INVALID",
      "The webhook's X-GitHub-Delivery header is missing or not a delivery id (letters, digits and dashes).",
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new CustodyError(
      "PAYLOAD_INVALID",
      `The body of webhook delivery ${deliveryId} (${event}) is not valid JSON; it may have been truncated in transit.`,
    );
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new CustodyError("PAYLOAD_INVALID", `The body of webhook delivery ${deliveryId} (${event}) is JSON but not an object.`);
  }
  const headers: Record<string, string> = { "x-github-delivery": deliveryId, "x-github-event": event };
  for (const name of RECORDED_WEBHOOK_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null && GITHUB_HEADER_VALUE.test(value)) {
      headers[name] = value;
    }
  }
  return { event, deliveryId, payload, body: text, headers };
}

/** The ledger record of a delivery: kind `event.action`, the repository, the body as received. */
export function deliveryToLedgerInput(delivery: WebhookDelivery): LedgerEventInput {
  const body = delivery.payload as { action?: unknown; repository?: { full_name?: unknown } };
  const action = typeof body.action === "string" && GITHUB_EVENT_NAME.test(body.action) ? body.action : undefined;
  const repository =
    typeof body.repository?.full_name === "string" && GITHUB_REPOSITORY.test(body.repository.full_name)
      ? body.repository.full_name
      : undefined;
  return {
    kind: action === undefined ? delivery.event : `${delivery.event}.${action}`,
    source: "github-webhook",
    deliveryId: delivery.deliveryId,
    ...(repository === undefined ? {} : { repository }),
    payload: delivery.payload,
    ...(delivery.body === undefined ? {} : { body: delivery.body }),
    ...(delivery.headers === undefined ? {} : { headers: delivery.headers }),
  };
}
