/**
 * The Custody server as a Hono app: the GitHub webhook endpoint and the REST API. Built from its
 * parts (ledger, projection, tokens, check queue) so tests drive it in-process with
 * `app.request(...)` and `custody serve` puts it on a port. Any error a handler did not expect
 * becomes a 500 JSON answer (503 for ledger trouble) — the process never goes down on input.
 */
import { Hono } from "hono";
import type { CaseProjector } from "../cases/case-projector.js";
import { isCustodyError } from "../model/errors.js";
import type { Ledger } from "../model/ledger-event.js";
import { addApiRoutes } from "./api-routes.js";
import type { CheckQueue } from "./check-queue.js";
import type { AuthEnv } from "./require-role.js";
import type { TokenStore } from "./token-store.js";
import { addWebhookRoute } from "./webhook-route.js";

export interface ServerParts {
  webhookSecret: string;
  ledger: Ledger;
  projector: CaseProjector;
  tokens: TokenStore;
  /** Absent: pull requests are recorded but no check runs are posted. */
  checks?: CheckQueue;
  maxWebhookBytes?: number;
}

export function createApp(parts: ServerParts): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.onError((error, c) => {
    if (isCustodyError(error, "LEDGER_UNAVAILABLE")) {
      return c.json({ error: "ledger_unavailable", message: error.message }, 503);
    }
    return c.json({ error: "internal", message: "Internal error; the request was not completed." }, 500);
  });
  app.notFound((c) => c.json({ error: "not_found", message: `No route ${c.req.method} ${c.req.path}.` }, 404));
  app.get("/healthz", (c) => c.json({ ok: true }));
  addWebhookRoute(app, {
    secret: parts.webhookSecret,
    ledger: parts.ledger,
    ...(parts.maxWebhookBytes === undefined ? {} : { maxBytes: parts.maxWebhookBytes }),
    onStored: (event) => {
      parts.projector.offerSoon(event);
    },
  });
  addApiRoutes(app, { ledger: parts.ledger, projector: parts.projector, tokens: parts.tokens });
  return app;
}
