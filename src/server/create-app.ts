/**
 * The Custody server as a Hono app: the GitHub webhook endpoint, the REST API, the details
 * pages the check runs link to, and a short status page at `/`. Built from its parts (ledger,
 * projection, tokens, evaluation queue) so tests drive it in-process with `app.request(...)`
 * and `custody serve` puts it on a port. Every error answer has one shape,
 * `{ "error": "snake_case_code", "message": "…" }`; a known path asked with the wrong method is
 * a 405 naming the allowed ones; an error a handler did not expect becomes a 500 (503 for
 * ledger trouble) — the process never goes down on input.
 */
import { Hono } from "hono";
import type { CaseProjector } from "../cases/case-projector.js";
import { isCustodyError } from "../model/errors.js";
import type { Ledger } from "../model/ledger-event.js";
import { VERSION } from "../version.js";
import { addApiRoutes, API_ROUTES } from "./api-routes.js";
import { detailsSignatureValid } from "./details-link.js";
import { escapeHtml, page, renderDetailsPage } from "./details-page.js";
import type { EvaluationQueue } from "./evaluation-queue.js";
import type { AuthEnv } from "./require-role.js";
import type { TokenStore } from "./token-store.js";
import { addWebhookRoute } from "./webhook-route.js";

export interface ServerParts {
  webhookSecret: string;
  ledger: Ledger;
  projector: CaseProjector;
  tokens: TokenStore;
  /** Absent: pull requests are recorded but not evaluated. */
  checks?: EvaluationQueue;
  maxWebhookBytes?: number;
  /** Key of the details pages' signed links. */
  detailsKey: string;
  status: { githubApp: boolean; publicUrl?: string };
  /** One structured line per delivery (see start-server's JSON log). */
  logDelivery?: (line: Record<string, unknown>) => void;
}

/** Every route and its method, for 405 answers. */
const ROUTES: readonly { method: string; path: string }[] = [
  { method: "GET", path: "/" },
  { method: "GET", path: "/healthz" },
  { method: "POST", path: "/webhooks/github" },
  { method: "GET", path: "/details/:owner/:repo/:number/:head" },
  ...API_ROUTES,
];

function allowedMethods(path: string): string[] {
  const parts = path.split("/");
  const methods = ROUTES.filter((route) => {
    const segments = route.path.split("/");
    return segments.length === parts.length && segments.every((s, i) => (s.startsWith(":") ? (parts[i] ?? "") !== "" : s === parts[i]));
  }).map((route) => route.method);
  return [...new Set(methods)];
}

export function createApp(parts: ServerParts): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.onError((error, c) => {
    if (isCustodyError(error, "LEDGER_UNAVAILABLE")) {
      return c.json({ error: "ledger_unavailable", message: error.message }, 503);
    }
    return c.json({ error: "internal", message: "Internal error; the request was not completed." }, 500);
  });
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      c.header("Allow", allowed.join(", "));
      return c.json({ error: "method_not_allowed", message: `${c.req.path} answers ${allowed.join(", ")}, not ${c.req.method}.` }, 405);
    }
    return c.json({ error: "not_found", message: `No route ${c.req.method} ${c.req.path}.` }, 404);
  });
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/", async (c) => {
    const size = await parts.ledger.size();
    const counts = parts.projector.store.evaluationCounts();
    const status = {
      name: "Custody",
      version: VERSION,
      githubApp: parts.status.githubApp,
      ledger: { size, projectedThrough: parts.projector.store.cursor() },
      evaluations: { ...counts, running: parts.checks?.runningKeys().length ?? 0 },
      webhook: "/webhooks/github",
    };
    if ((c.req.header("accept") ?? "").includes("application/json")) {
      return c.json(status);
    }
    const body = [
      `<h1>Custody ${escapeHtml(VERSION)} is running</h1>`,
      `<p>GitHub App: ${status.githubApp ? "configured: pull requests get the Custody check run" : "<strong>not configured</strong>: deliveries are recorded, no check runs are posted (set CUSTODY_APP_ID and the private key)"}.</p>`,
      `<p>Ledger: ${String(size)} event(s), projected through seq ${String(status.ledger.projectedThrough)}. Evaluations: ${String(counts.pending)} pending (${String(counts.retrying)} retrying), ${String(status.evaluations.running)} running, ${String(counts.done)} up to date.</p>`,
      `<p>Webhook URL: <code>${escapeHtml(parts.status.publicUrl ?? "")}/webhooks/github</code>. API: <code>/api/cases</code>, <code>/api/jobs</code>, <code>/api/metrics</code> with <code>Authorization: Bearer &lt;token&gt;</code> (<code>custody serve token create</code>).</p>`,
    ];
    return c.html(page("Custody", body.join("")));
  });
  app.get("/details/:owner/:repo/:number/:head", (c) => {
    const repo = `${c.req.param("owner")}/${c.req.param("repo")}`;
    const number = Number(c.req.param("number"));
    const headSha = c.req.param("head");
    if (!Number.isSafeInteger(number) || !detailsSignatureValid(parts.detailsKey, { repo, number, headSha }, c.req.query("sig") ?? "")) {
      return c.json({ error: "forbidden", message: "This details link is not valid: open it from the pull request's Custody check." }, 403);
    }
    const row = parts.projector.store.getCase(repo, number);
    if (row === undefined) {
      return c.json({ error: "not_found", message: `No case for ${repo}#${String(number)}.` }, 404);
    }
    return c.html(renderDetailsPage(row, headSha));
  });
  const pendingLines = new Map<string, Record<string, unknown>>();
  if (parts.logDelivery !== undefined) {
    const log = parts.logDelivery;
    app.use("/webhooks/github", async (c, next) => {
      const started = performance.now();
      await next();
      const deliveryId = c.req.header("x-github-delivery") ?? null;
      const line: Record<string, unknown> = {
        msg: "delivery",
        deliveryId,
        event: c.req.header("x-github-event") ?? null,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      const answer = (await c.res
        .clone()
        .json()
        .catch(() => ({}))) as { duplicate?: boolean; seq?: number; error?: string };
      line.outcome = answer.error ?? (answer.duplicate === true ? "duplicate" : "stored");
      if (answer.seq !== undefined) {
        line.seq = answer.seq;
      }
      if (line.outcome === "stored" && deliveryId !== null && pendingLines.size < 10_000) {
        // The repository and pull request come with the stored event, just after the answer.
        pendingLines.set(deliveryId, line);
      } else {
        log(line);
      }
    });
  }
  addWebhookRoute(app, {
    secret: parts.webhookSecret,
    ledger: parts.ledger,
    ...(parts.maxWebhookBytes === undefined ? {} : { maxBytes: parts.maxWebhookBytes }),
    onStored: (event) => {
      parts.projector.offerSoon(event);
      const line = event.deliveryId === undefined ? undefined : pendingLines.get(event.deliveryId);
      if (line !== undefined && event.deliveryId !== undefined) {
        pendingLines.delete(event.deliveryId);
        const payload = event.payload as { pull_request?: { number?: unknown }; number?: unknown } | null;
        const pullRequest = payload?.pull_request?.number ?? payload?.number;
        parts.logDelivery?.({ ...line, repository: event.repository ?? null, ...(typeof pullRequest === "number" ? { pullRequest } : {}) });
      }
    },
  });
  addApiRoutes(app, {
    ledger: parts.ledger,
    projector: parts.projector,
    tokens: parts.tokens,
    ...(parts.checks === undefined ? {} : { checks: parts.checks }),
  });
  return app;
}
