/**
 * The REST API over the ledger and the case projection. Every route declares its role in
 * `API_ROUTES` (one table, which the tests loop over route by route): reader sees cases and
 * metrics; auditor also raw ledger events and the ledger's status; admin may sign checkpoints.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { caseFile, listCases } from "../cases/case-file.js";
import { computeMetrics } from "../cases/case-metrics.js";
import type { CaseProjector } from "../cases/case-projector.js";
import type { Ledger, LedgerEvent } from "../model/ledger-event.js";
import { requireRole, type AuthEnv } from "./require-role.js";
import type { Role, TokenStore } from "./token-store.js";

export interface ApiRoute {
  method: "GET" | "POST";
  path: string;
  role: Role;
  /** A concrete path for tests (parameters filled in). */
  example: string;
}

export const API_ROUTES = [
  { method: "GET", path: "/api/cases", role: "reader", example: "/api/cases" },
  { method: "GET", path: "/api/cases/:owner/:repo/:number", role: "reader", example: "/api/cases/octo/app/1" },
  { method: "GET", path: "/api/metrics", role: "reader", example: "/api/metrics" },
  { method: "GET", path: "/api/events", role: "auditor", example: "/api/events" },
  { method: "GET", path: "/api/events/:seq", role: "auditor", example: "/api/events/0" },
  { method: "GET", path: "/api/ledger/status", role: "auditor", example: "/api/ledger/status" },
  { method: "POST", path: "/api/ledger/checkpoint", role: "admin", example: "/api/ledger/checkpoint" },
] as const satisfies readonly ApiRoute[];

type RoutePath = (typeof API_ROUTES)[number]["path"];

export interface ApiOptions {
  ledger: Ledger;
  projector: CaseProjector;
  tokens: TokenStore;
}

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.coerce.number().int().min(-1).optional(),
  before: z.coerce.number().int().min(0).optional(),
  kind: z.string().max(100).optional(),
  repository: z.string().max(200).optional(),
  all: z.enum(["0", "1", "true", "false"]).optional(),
});

const seqParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export function addApiRoutes(app: Hono<AuthEnv>, options: ApiOptions): void {
  const { ledger, projector, tokens } = options;
  const role = (path: RoutePath): Role => {
    const route = API_ROUTES.find((r) => r.path === path);
    if (route === undefined) {
      throw new Error(`route ${path} missing from API_ROUTES`);
    }
    return route.role;
  };
  const badQuery = (message: string): Response => Response.json({ error: "bad_request", message }, { status: 400 });

  app.get("/api/cases", requireRole(tokens, role("/api/cases")), (c) => {
    const query = pageQuery.safeParse(c.req.query());
    if (!query.success) {
      return badQuery(`Invalid query: ${query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    const agentOnly = !(query.data.all === "1" || query.data.all === "true");
    const cases = listCases(projector.store, { agentOnly, limit: query.data.limit, ...(query.data.before === undefined ? {} : { before: query.data.before }) });
    return c.json({ cases });
  });

  app.get("/api/cases/:owner/:repo/:number", requireRole(tokens, role("/api/cases/:owner/:repo/:number")), (c) => {
    const number = seqParam.safeParse(c.req.param("number"));
    if (!number.success) {
      return badQuery("The pull request number must be a positive integer.");
    }
    const repo = `${c.req.param("owner")}/${c.req.param("repo")}`;
    const file = caseFile(projector.store, repo, number.data);
    if (file === undefined) {
      return c.json({ error: "not_found", message: `No case for ${repo}#${String(number.data)}.` }, 404);
    }
    return c.json(file);
  });

  app.get("/api/metrics", requireRole(tokens, role("/api/metrics")), (c) => c.json(computeMetrics(projector.store)));

  app.get("/api/events", requireRole(tokens, role("/api/events")), async (c) => {
    const query = pageQuery.safeParse(c.req.query());
    if (!query.success) {
      return badQuery(`Invalid query: ${query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    const { limit, after, kind, repository } = query.data;
    const events: LedgerEvent[] = [];
    for await (const event of ledger.scan({ fromSeq: (after ?? -1) + 1, ...(kind === undefined ? {} : { kind }), ...(repository === undefined ? {} : { repository }) })) {
      events.push(event);
      if (events.length >= limit) {
        break;
      }
    }
    const last = events[events.length - 1];
    return c.json({ events, next: events.length === limit && last !== undefined ? `/api/events?after=${String(last.seq)}&limit=${String(limit)}` : null });
  });

  app.get("/api/events/:seq", requireRole(tokens, role("/api/events/:seq")), async (c) => {
    const seq = seqParam.safeParse(c.req.param("seq"));
    if (!seq.success) {
      return badQuery("The event seq must be a non-negative integer.");
    }
    const event = await ledger.get(seq.data);
    if (event === undefined) {
      return c.json({ error: "not_found", message: `No event with seq ${String(seq.data)}.` }, 404);
    }
    return c.json(event);
  });

  app.get("/api/ledger/status", requireRole(tokens, role("/api/ledger/status")), async (c) => {
    const size = await ledger.size();
    return c.json({
      size,
      projectedThrough: projector.store.cursor(),
      projectionLag: Math.max(0, size - 1 - projector.store.cursor()),
      pendingChecks: projector.store.pendingJobs().length,
    });
  });

  app.post("/api/ledger/checkpoint", requireRole(tokens, role("/api/ledger/checkpoint")), async (c) => c.json(await ledger.checkpoint()));
}
