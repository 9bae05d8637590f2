/**
 * Server benchmarks (`npx tsx bench/server.ts [events]`), every figure printed, nothing asserted:
 *  1. Webhook ingestion over loopback, driven by autocannon: deliveries per second and p50/p99
 *     latency of the Custody server with durable storage (SQLite ledger, WAL, synchronous=FULL,
 *     appends on its writer thread as start-server.ts opens it: each 200 only after the append
 *     committed; projection after the answer), beside a bare Hono server that only
 *     verifies the signature and answers 200 — same payload, same load, same run.
 *     Each server runs in its own child process, so autocannon does not share its event loop.
 *  2. GET /api/metrics over a projection of N events (default 1,000,000 webhook events, projected
 *     through the real correlation code), p50/p99 of 50 calls, beside GET /api/cases?limit=1 as
 *     the cost of the HTTP+auth path alone.
 */
import { serve, type ServerType } from "@hono/node-server";
import { sign, verify } from "@octokit/webhooks-methods";
import Database from "better-sqlite3";
import { Hono } from "hono";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CaseStore, openStateDatabase } from "../src/cases/case-store.js";
import { projectEvent } from "../src/cases/project-event.js";
import { registryClassifier } from "../src/cases/registry-classifier.js";
import { openLedger } from "../src/ledger/open-ledger.js";
import type { LedgerEvent } from "../src/model/ledger-event.js";
import { assembleServer } from "../src/server/assemble-server.js";
import { addWebhookRoute } from "../src/server/webhook-route.js";

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  "2xx": number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const require = createRequire(import.meta.url);
const autocannon = require("autocannon") as Autocannon;

const EVENTS = Number(process.argv.includes("--serve") ? 0 : (process.argv[2] ?? 1_000_000));
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECRET = "bench-secret";
const dir = process.argv.includes("--serve") ? "" : mkdtempSync(join(tmpdir(), "custody-bench-server-"));

function listen(fetchHandler: (request: Request) => Response | Promise<Response>): Promise<{ url: string; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: fetchHandler, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({ url: `http://127.0.0.1:${String(info.port)}`, server });
    });
  });
}

function close(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

async function drive(url: string, body: string, signature: string, label: string): Promise<AutocannonResult> {
  let counter = 0;
  const result = await autocannon({
    url: `${url}/webhooks/github`,
    method: "POST",
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-hub-signature-256": signature },
    body,
    requests: [
      {
        // A fresh delivery id per request: every delivery is new, none is deduplicated away.
        setupRequest: (request: { headers: Record<string, string> }) => {
          counter += 1;
          request.headers = { ...request.headers, "x-github-delivery": `${label}-${String(counter)}` };
          return request;
        },
      },
    ],
  });
  return result;
}

/** The machine's load: the figures are only comparable between runs under similar load. */
function loadavg(): string {
  return existsSync("/proc/loadavg") ? readFileSync("/proc/loadavg", "utf8").trim() : "n/a";
}

function show(label: string, r: AutocannonResult): void {
  console.log(
    `  ${label.padEnd(34)} ${r.requests.average.toFixed(0).padStart(7)} deliveries/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   2xx ${String(r["2xx"])}  non-2xx ${String(r.non2xx)}  errors ${String(r.errors)}`,
  );
}

/** Child mode: `--serve bare|custody DIR` starts one server, prints its URL, stops on SIGTERM. */
async function serveChild(kind: string, workDir: string): Promise<void> {
  let stop: () => Promise<string> = () => Promise.resolve("");
  let url: string;
  if (kind === "bare") {
    const bare = new Hono();
    bare.post("/webhooks/github", async (c) => {
      const text = await c.req.text();
      const ok = await verify(SECRET, text, c.req.header("x-hub-signature-256") ?? "");
      return ok ? c.json({ ok: true }) : c.json({ error: "signature" }, 401);
    });
    const started = await listen(bare.fetch);
    url = started.url;
    stop = async () => {
      await close(started.server);
      return "";
    };
  } else if (kind === "ledger-only") {
    // The webhook route and the durable ledger, without the case projection: shows what the
    // projection costs on the same core.
    const ledger = await openLedger({ store: "sqlite", path: join(workDir, "ledger-only.db") }, { writerThread: true });
    const app = new Hono();
    addWebhookRoute(app, { secret: SECRET, ledger });
    const started = await listen(app.fetch);
    url = started.url;
    stop = async () => {
      await close(started.server);
      const size = await ledger.size();
      await ledger.close();
      return String(size);
    };
  } else {
    // As start-server.ts opens it: appends on the writer thread.
    const ledger = await openLedger({ store: "sqlite", path: join(workDir, "ledger.db") }, { writerThread: true });
    const custody = await assembleServer({
      ledger,
      state: openStateDatabase(join(workDir, "server.db")),
      webhookSecret: SECRET,
      classifier: registryClassifier(),
    });
    const started = await listen(custody.app.fetch);
    url = started.url;
    stop = async () => {
      await close(started.server);
      await custody.projector.catchUp();
      const size = await ledger.size();
      await custody.close();
      await ledger.close();
      return String(size);
    };
  }
  console.log(`URL ${url}`);
  process.once("SIGTERM", () => {
    void stop().then((info) => {
      console.log(`STOPPED ${info}`);
      process.exit(0);
    });
  });
}

async function inChild<T>(kind: string, body: (url: string) => Promise<T>): Promise<{ result: T; info: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, "--serve", kind, dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const url = await new Promise<string>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /URL (\S+)/.exec(out);
      if (match?.[1] !== undefined) {
        resolve(match[1]);
      }
    });
  });
  const result = await body(url);
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return { result, info: /STOPPED (\S*)/.exec(out)?.[1] ?? "" };
}

async function webhookBench(): Promise<void> {
  const index = require("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: Record<string, unknown>[] }[];
  const payload = index.find((e) => e.name === "pull_request")?.examples.find((p) => p.action === "opened") ?? {};
  const body = JSON.stringify(payload);
  const signature = await sign(SECRET, body);
  console.log(
    `Webhook ingestion: ${String(CONNECTIONS)} connections, ${String(DURATION_S)} s each, pull_request.opened payload of ${String(Buffer.byteLength(body))} bytes`,
  );
  console.log(`  load average before: ${loadavg()}`);
  const bare = await inChild("bare", (url) => drive(url, body, signature, "bare"));
  console.log(`  load average after bare: ${loadavg()}`);
  const ledgerOnly = await inChild("ledger-only", (url) => drive(url, body, signature, "ledger-only"));
  console.log(`  load average after ledger-only: ${loadavg()}`);
  const custody = await inChild("custody", (url) => drive(url, body, signature, "custody"));
  console.log(`  load average after custody: ${loadavg()}`);
  show("bare Hono (verify signature only)", bare.result);
  show("webhook route + ledger, no projection", ledgerOnly.result);
  show("Custody (SQLite ledger, durable)", custody.result);
  console.log(
    `  ratio Custody/bare throughput: ${(custody.result.requests.average / bare.result.requests.average).toFixed(2)}x   (ledger holds ${custody.info} events; 2xx answered ${String(custody.result["2xx"])})`,
  );
}

/** Synthetic but realistic event mix: per PR, opened + 3 pushes + 2 reviews + check suite + workflow run + merge/close. */
function* syntheticEvents(total: number): Generator<LedgerEvent> {
  const agents = [
    { login: "Copilot", id: 198982749, type: "Bot" },
    { login: "devin-ai-integration[bot]", id: 158243242, type: "Bot" },
    { login: "claude[bot]", id: 209825114, type: "Bot" },
    { login: "human-dev", id: 5000, type: "User" },
  ];
  const reviewers = Array.from({ length: 40 }, (_, i) => ({ login: `reviewer-${String(i)}`, id: 10_000 + i, type: "User" }));
  let seq = 0;
  const base = Date.UTC(2026, 0, 5);
  for (let n = 1; seq < total; n += 1) {
    const repo = `org/repo-${String(n % 50)}`;
    const author = agents[n % agents.length] ?? agents[0];
    const created = new Date(base + (n % 40_000) * 600_000).toISOString();
    const sha = (i: number): string => `${String(n).padStart(20, "0")}${String(i).padStart(20, "0")}`;
    const pr = (i: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      number: n,
      title: `Change ${String(n)}`,
      body: "",
      user: author,
      labels: [],
      assignees: [],
      head: { ref: `agent/task-${String(n)}`, sha: sha(i) },
      base: { ref: "main", sha: "0".repeat(40) },
      created_at: created,
      ...extra,
    });
    const r1 = reviewers[n % reviewers.length] ?? reviewers[0];
    const r2 = reviewers[(n * 7) % reviewers.length] ?? reviewers[0];
    const events: [string, Record<string, unknown>][] = [
      ["pull_request.opened", { action: "opened", pull_request: pr(0), sender: author }],
      [
        "check_suite.completed",
        { action: "completed", check_suite: { head_sha: sha(0), pull_requests: [{ number: n }], conclusion: "success" } },
      ],
      [
        "pull_request_review.submitted",
        { action: "submitted", review: { user: r1, state: "changes_requested", submitted_at: created }, pull_request: pr(0) },
      ],
      ["pull_request.synchronize", { action: "synchronize", pull_request: pr(1), sender: author }],
      [
        "workflow_run.completed",
        { action: "completed", workflow_run: { head_sha: sha(1), name: "CI", pull_requests: [], conclusion: "success" } },
      ],
      [
        "pull_request_review.submitted",
        { action: "submitted", review: { user: r2, state: "approved", submitted_at: created }, pull_request: pr(1) },
      ],
      [
        "check.result",
        {
          forSeq: seq,
          repository: repo,
          number: n,
          headSha: sha(1),
          status: "completed",
          conclusion: "failure",
          findings: [{ ruleId: `rule-${String(n % 12)}`, category: n % 2 ? "policy" : "secret", severity: "high" }],
        },
      ],
      ["pull_request.closed", { action: "closed", pull_request: pr(1, { merged: true, merged_by: r2, merged_at: created }), sender: r2 }],
      ["push", { ref: "refs/heads/main", after: sha(2), commits: [] }],
      ["deployment.created", { action: "created", deployment: { sha: sha(1), environment: "production", id: n } }],
    ];
    for (const [kind, payload] of events) {
      if (seq >= total) {
        return;
      }
      yield {
        seq,
        kind,
        source: kind === "check.result" ? "check" : "github-webhook",
        repository: repo,
        payload: { repository: { full_name: repo }, ...payload },
        receivedAt: created,
        leafHash: "",
      };
      seq += 1;
    }
  }
}

async function metricsBench(): Promise<void> {
  const state = new Database(join(dir, "metrics.db"));
  state.pragma("journal_mode = WAL");
  state.pragma("synchronous = OFF");
  const store = new CaseStore(state);
  const classifier = registryClassifier();
  const started = performance.now();
  let batch: LedgerEvent[] = [];
  const flush = (): void => {
    store.transaction(() => {
      for (const event of batch) {
        projectEvent(store, event, classifier);
        store.setCursor(event.seq);
      }
    });
    batch = [];
  };
  for (const event of syntheticEvents(EVENTS)) {
    batch.push(event);
    if (batch.length === 10_000) {
      flush();
    }
  }
  flush();
  const projectedMs = performance.now() - started;
  const cases = store.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM cases").get()?.n ?? 0;
  console.log(
    `\nMetrics API over ${EVENTS.toLocaleString("en")} events (${cases.toLocaleString("en")} cases), projected in ${(projectedMs / 1000).toFixed(1)} s (${((EVENTS / projectedMs) * 1000).toFixed(0)} events/s)`,
  );

  const ledger = await openLedger({ store: "sqlite", path: join(dir, "metrics-ledger.db") });
  const server = await assembleServer({ ledger, state, webhookSecret: SECRET, classifier });
  const token = server.tokens.create("reader").token;
  const headers = { authorization: `Bearer ${token}` };
  const time = async (path: string, runs: number): Promise<{ p50: number; p99: number; status: number }> => {
    const times: number[] = [];
    let status = 0;
    for (let i = 0; i < runs; i += 1) {
      const t = performance.now();
      const res = await server.app.request(path, { headers });
      await res.arrayBuffer();
      status = res.status;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(runs / 2)] ?? 0, p99: times[Math.min(runs - 1, Math.floor(runs * 0.99))] ?? 0, status };
  };
  await time("/api/metrics", 3); // warm the page cache
  const metrics = await time("/api/metrics", 50);
  const baseline = await time("/api/cases?limit=1", 50);
  console.log(
    `  GET /api/metrics          p50 ${metrics.p50.toFixed(1)} ms   p99 ${metrics.p99.toFixed(1)} ms   (status ${String(metrics.status)})`,
  );
  console.log(
    `  GET /api/cases?limit=1    p50 ${baseline.p50.toFixed(1)} ms   p99 ${baseline.p99.toFixed(1)} ms   (baseline: HTTP + auth + one row)`,
  );
  await server.close();
  await ledger.close();
}

const serveIndex = process.argv.indexOf("--serve");
if (serveIndex >= 0) {
  await serveChild(process.argv[serveIndex + 1] ?? "bare", process.argv[serveIndex + 2] ?? dir);
} else {
  try {
    await webhookBench();
    await metricsBench();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
