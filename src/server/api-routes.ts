/**
 * The REST API over the ledger and the case projection. Every route declares its role in
 * `API_ROUTES` (one table, which the tests loop over route by route): reader sees cases, jobs
 * and metrics; auditor also raw ledger events and the ledger's status; admin may sign
 * checkpoints. A token scoped to repositories sees only theirs; routes about the whole
 * installation (metrics, ledger) refuse it. Lists page with a `next` link; every error is
 * `{ error, message }` with a snake_case code.
 */
import type { Context, Hono } from "hono";
import { z } from "zod";
import { caseFile, listCases } from "../cases/case-file.js";
import { computeMetrics } from "../cases/case-metrics.js";
import type { CaseProjector } from "../cases/case-projector.js";
import type { EvaluationRow } from "../cases/case-store.js";
import type { Ledger, LedgerEvent } from "../model/ledger-event.js";
import type { EvaluationQueue } from "./evaluation-queue.js";
import { requireRole, type AuthEnv } from "./require-role.js";
import { scopeAllows, type Role, type TokenStore } from "./token-store.js";

export interface ApiRoute {
  method: "GET" | "POST";
  path: string;
  role: Role;
  /** A concrete path for tests (parameters filled in). */
  example: string;
  /** The route covers every repository: a scoped token is refused. */
  wholeInstallation?: boolean;
}

export const API_ROUTES = [
  { method: "GET", path: "/api/cases", role: "reader", example: "/api/cases" },
  { method: "GET", path: "/api/cases/:owner/:repo/:number", role: "reader", example: "/api/cases/octo/app/1" },
  { method: "GET", path: "/api/jobs", role: "reader", example: "/api/jobs" },
  { method: "GET", path: "/api/metrics", role: "reader", example: "/api/metrics", wholeInstallation: true },
  { method: "GET", path: "/api/events", role: "auditor", example: "/api/events" },
  { method: "GET", path: "/api/events/:seq", role: "auditor", example: "/api/events/0" },
  { method: "GET", path: "/api/ledger/status", role: "auditor", example: "/api/ledger/status", wholeInstallation: true },
  { method: "POST", path: "/api/ledger/checkpoint", role: "admin", example: "/api/ledger/checkpoint", wholeInstallation: true },
] as const satisfies readonly ApiRoute[];

type RoutePath = (typeof API_ROUTES)[number]["path"];

export interface ApiOptions {
  ledger: Ledger;
  projector: CaseProjector;
  tokens: TokenStore;
  checks?: EvaluationQueue;
}

const repository = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, "expected owner/name");
const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.coerce.number().int().min(-1).optional(),
  before: z.coerce.number().int().min(0).optional(),
  kind: z.string().max(100).optional(),
  repository: repository.optional(),
  all: z.enum(["0", "1", "true", "false"]).optional(),
  state: z.enum(["pending", "done"]).optional(),
});
const caseKind = z.enum(["agent", "human", "all"]);

const seqParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

function nextLink(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) {
      search.set(key, String(value));
    }
  }
  return `${path}?${search.toString()}`;
}

function jobView(row: EvaluationRow, running: ReadonlySet<string>): Record<string, unknown> {
  const key = `${row.repo}#${String(row.number)}`;
  const pending = row.requested_seq > row.done_seq;
  return {
    repository: row.repo,
    number: row.number,
    state: running.has(key) ? "running" : !pending ? "done" : row.attempts > 0 ? "retrying" : "pending",
    reason: row.reason,
    requestedSeq: row.requested_seq,
    answeredSeq: row.done_seq < 0 ? null : row.done_seq,
    attempts: row.attempts,
    nextAttemptAt: pending && row.not_before > 0 ? new Date(row.not_before).toISOString() : null,
    lastError: row.last_error,
    checkRunId: row.check_run_id,
    outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as unknown),
    finishedAt: row.finished_at,
  };
}

export function addApiRoutes(app: Hono<AuthEnv>, options: ApiOptions): void {
  const { ledger, projector, tokens } = options;
  const guard = (path: RoutePath) => {
    const route: ApiRoute | undefined = API_ROUTES.find((r) => r.path === path);
    if (route === undefined) {
      throw new Error(`route ${path} missing from API_ROUTES`);
    }
    return requireRole(tokens, route.role, { wholeInstallation: route.wholeInstallation === true });
  };
  const badQuery = (c: Context<AuthEnv>, issues: z.ZodError): Response =>
    c.json(
      { error: "bad_request", message: `Invalid query: ${issues.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` },
      400,
    );

  app.get("/api/cases", guard("/api/cases"), (c) => {
    const query = pageQuery.safeParse(c.req.query());
    if (!query.success) {
      return badQuery(c, query.error);
    }
    const kindText = query.data.kind ?? (query.data.all === "1" || query.data.all === "true" ? "all" : "agent");
    const kind = caseKind.safeParse(kindText);
    if (!kind.success) {
      return c.json({ error: "bad_request", message: `Invalid query: kind must be agent, human or all, not "${kindText}".` }, 400);
    }
    const { limit, before } = query.data;
    const scope = c.get("grant").scope;
    const page = listCases(projector.store, {
      kind: kind.data,
      limit,
      ...(before === undefined ? {} : { before }),
      ...(query.data.repository === undefined ? {} : { repository: query.data.repository }),
      ...(scope === undefined ? {} : { scope }),
    });
    return c.json({
      cases: page.cases,
      next:
        page.nextBefore === undefined
          ? null
          : nextLink("/api/cases", { kind: kind.data, repository: query.data.repository, limit, before: page.nextBefore }),
    });
  });

  app.get("/api/cases/:owner/:repo/:number", guard("/api/cases/:owner/:repo/:number"), (c) => {
    const number = seqParam.safeParse(c.req.param("number"));
    if (!number.success) {
      return c.json({ error: "bad_request", message: "The pull request number must be a positive integer." }, 400);
    }
    const repo = `${c.req.param("owner")}/${c.req.param("repo")}`;
    const file = scopeAllows(c.get("grant").scope, repo) ? caseFile(projector.store, repo, number.data) : undefined;
    if (file === undefined) {
      // Out of scope answers like absent: a scoped token learns nothing about other repositories.
      return c.json({ error: "not_found", message: `No case for ${repo}#${String(number.data)}.` }, 404);
    }
    return c.json(file);
  });

  app.get("/api/jobs", guard("/api/jobs"), (c) => {
    const query = pageQuery.safeParse(c.req.query());
    if (!query.success) {
      return badQuery(c, query.error);
    }
    const { limit, before, state } = query.data;
    const scope = c.get("grant").scope;
    const running = new Set(options.checks?.runningKeys() ?? []);
    // Scope is applied after the page is read; a scoped caller may see short pages, never others' jobs.
    const rows = projector.store.evaluations({
      limit,
      ...(before === undefined ? {} : { before }),
      ...(query.data.repository === undefined ? {} : { repository: query.data.repository }),
      ...(state === undefined ? {} : { state }),
    });
    const last = rows[rows.length - 1];
    return c.json({
      jobs: rows.filter((row) => scopeAllows(scope, row.repo)).map((row) => jobView(row, running)),
      counts: { ...projector.store.evaluationCounts(), running: running.size },
      next:
        rows.length === limit && last !== undefined
          ? nextLink("/api/jobs", { repository: query.data.repository, state, limit, before: last.requested_seq })
          : null,
    });
  });

  app.get("/api/metrics", guard("/api/metrics"), (c) =>
    c.json({
      ...computeMetrics(projector.store),
      evaluations: {
        ...projector.store.evaluationCounts(),
        running: options.checks?.runningKeys().length ?? 0,
        ...(options.checks?.counters ?? {}),
      },
    }),
  );

  app.get("/api/events", guard("/api/events"), async (c) => {
    const query = pageQuery.safeParse(c.req.query());
    if (!query.success) {
      return badQuery(c, query.error);
    }
    const { limit, after, kind } = query.data;
    const scope = c.get("grant").scope;
    const events: LedgerEvent[] = [];
    let last: number | undefined;
    for await (const event of ledger.scan({
      fromSeq: (after ?? -1) + 1,
      ...(kind === undefined ? {} : { kind }),
      ...(query.data.repository === undefined ? {} : { repository: query.data.repository }),
    })) {
      last = event.seq;
      if (scopeAllows(scope, event.repository)) {
        events.push(event);
      }
      if (events.length >= limit) {
        break;
      }
    }
    return c.json({
      events,
      next:
        events.length === limit && last !== undefined
          ? nextLink("/api/events", { after: last, limit, kind, repository: query.data.repository })
          : null,
    });
  });

  app.get("/api/events/:seq", guard("/api/events/:seq"), async (c) => {
    const seq = seqParam.safeParse(c.req.param("seq"));
    if (!seq.success) {
      return c.json({ error: "bad_request", message: "The event seq must be a non-negative integer." }, 400);
    }
    const event = await ledger.get(seq.data);
    if (event === undefined || !scopeAllows(c.get("grant").scope, event.repository)) {
      return c.json({ error: "not_found", message: `No event with seq ${String(seq.data)}.` }, 404);
    }
    return c.json(event);
  });

  app.get("/api/ledger/status", guard("/api/ledger/status"), async (c) => {
    const size = await ledger.size();
    return c.json({
      size,
      projectedThrough: projector.store.cursor(),
      projectionLag: Math.max(0, size - 1 - projector.store.cursor()),
      pendingEvaluations: projector.store.evaluationCounts().pending,
    });
  });

  app.post("/api/ledger/checkpoint", guard("/api/ledger/checkpoint"), async (c) => c.json(await ledger.checkpoint()));
}
