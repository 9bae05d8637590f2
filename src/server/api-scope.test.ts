// Scoped, expiring and revocable tokens, /api/cases filters and paging, /api/jobs, 405, GET /,
// and the details page — through the real app over a real state database file, with a second
// connection standing in for `custody serve token create` while the server runs.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registryClassifier } from "../cases/registry-classifier.js";
import { assembleServer, type AssembledServer } from "./assemble-server.js";
import { detailsKeyFrom, detailsPath } from "./details-link.js";
import { MemoryLedger } from "./__fixtures__/memory-ledger.js";
import { SECRET, example, signedRequest } from "./__fixtures__/signed-delivery.js";
import { TokenStore } from "./token-store.js";

let dir: string;
let server: AssembledServer;
let state: Database.Database;
let ledger: MemoryLedger;

function pr(repo: string, number: number, agent: boolean): Record<string, unknown> {
  const payload = example("pull_request", "opened");
  const base = payload.pull_request as Record<string, unknown>;
  return {
    ...payload,
    repository: { ...(payload.repository as object), full_name: repo },
    pull_request: {
      ...base,
      number,
      user: agent ? { login: "Copilot", id: 198982749, type: "Bot" } : { login: "bob", id: 1002, type: "User" },
      head: { ...(base.head as object), ref: agent ? "copilot/x" : "feature/x", sha: String(number).padStart(40, "0") },
    },
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "custody-api-"));
  state = new Database(join(dir, "server.db"));
  ledger = new MemoryLedger();
  server = await assembleServer({ ledger, state, webhookSecret: SECRET, classifier: registryClassifier() });
  let n = 0;
  for (const [repo, number, agent] of [
    ["octo-org/widgets", 1, true],
    ["octo-org/widgets", 2, false],
    ["octo-org/gadgets", 3, true],
    ["acme/tools", 4, true],
  ] as const) {
    n += 1;
    const res = await server.app.request(await signedRequest("pull_request", pr(repo, number, agent), `d-${String(n)}`));
    if (res.status !== 200) {
      throw new Error(`delivery answered ${String(res.status)}`);
    }
  }
  await server.projector.catchUp();
});

afterEach(async () => {
  await server.close();
  state.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, token: string) => server.app.request(path, { headers: { authorization: `Bearer ${token}` } });
const numbers = async (res: Response) => ((await res.json()) as { cases: { number: number }[] }).cases.map((c) => c.number);

describe("tokens made while the server runs", () => {
  it("work at once, and stop working at once when revoked", async () => {
    const cli = new Database(join(dir, "server.db"));
    const other = new TokenStore(cli);
    const { token, id } = other.create("reader");
    expect((await get("/api/cases", token)).status).toBe(200);
    other.revoke(id);
    expect((await get("/api/cases", token)).status).toBe(401);
    cli.close();
  });

  it("an expired token is refused", async () => {
    const { token } = server.tokens.create("reader", "", { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await get("/api/cases", token)).status).toBe(401);
  });
});

describe("scoped tokens", () => {
  it("see only their repositories' cases, jobs and events; whole-installation routes refuse them", async () => {
    const { token } = server.tokens.create("auditor", "", { scope: ["octo-org/widgets", "acme/*"] });
    expect(await numbers(await get("/api/cases?kind=all", token))).toEqual([4, 2, 1]);
    expect((await get("/api/cases/octo-org/gadgets/3", token)).status).toBe(404);
    expect((await get("/api/cases/octo-org/widgets/1", token)).status).toBe(200);
    const jobs = (await (await get("/api/jobs", token)).json()) as { jobs: { repository: string }[] };
    expect(new Set(jobs.jobs.map((j) => j.repository))).toEqual(new Set(["octo-org/widgets", "acme/tools"]));
    const events = (await (await get("/api/events", token)).json()) as { events: { repository: string }[] };
    expect(events.events.map((e) => e.repository)).not.toContain("octo-org/gadgets");
    expect((await get("/api/events/2", token)).status).toBe(404);
    for (const path of ["/api/metrics", "/api/ledger/status"]) {
      const res = await get(path, token);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: "forbidden", message: expect.stringContaining("scoped") });
    }
  });
});

describe("/api/cases", () => {
  it("filters by kind and repository and pages with a next link", async () => {
    const { token } = server.tokens.create("reader");
    expect(await numbers(await get("/api/cases", token))).toEqual([4, 3, 1]);
    expect(await numbers(await get("/api/cases?kind=human", token))).toEqual([2]);
    expect(await numbers(await get("/api/cases?kind=all&repository=octo-org/widgets", token))).toEqual([2, 1]);
    const first = (await (await get("/api/cases?kind=all&limit=3", token)).json()) as { cases: { number: number }[]; next: string };
    expect(first.cases.map((c) => c.number)).toEqual([4, 3, 2]);
    const second = (await (await get(first.next, token)).json()) as { cases: { number: number }[]; next: string | null };
    expect(second).toMatchObject({ cases: [{ number: 1 }], next: null });
    const bad = await get("/api/cases?kind=robots", token);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "bad_request", message: expect.stringContaining("kind must be agent, human or all") });
  });
});

describe("/api/jobs", () => {
  it("lists each pull request's evaluation with its state, reason and attempts", async () => {
    const { token } = server.tokens.create("reader");
    const body = (await (await get("/api/jobs?repository=octo-org/widgets", token)).json()) as {
      jobs: Record<string, unknown>[];
      counts: Record<string, number>;
    };
    expect(body.jobs).toEqual([
      expect.objectContaining({
        repository: "octo-org/widgets",
        number: 2,
        state: "pending",
        reason: "pull_request.opened",
        attempts: 0,
        answeredSeq: null,
      }),
      expect.objectContaining({ repository: "octo-org/widgets", number: 1, state: "pending" }),
    ]);
    expect(body.counts).toMatchObject({ pending: 4, retrying: 0, done: 0, running: 0 });
    const metrics = (await (await get("/api/metrics", token)).json()) as { evaluations: Record<string, number> };
    expect(metrics.evaluations).toMatchObject({ pending: 4 });
  });
});

describe("one error shape", () => {
  it("answers 405 with Allow for a known path and a wrong method, 404 for an unknown path", async () => {
    const res = await server.app.request("/api/cases", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(await res.json()).toMatchObject({ error: "method_not_allowed" });
    const hook = await server.app.request("/webhooks/github");
    expect(hook.status).toBe(405);
    expect(hook.headers.get("allow")).toBe("POST");
    expect(await (await server.app.request("/nope")).json()).toMatchObject({ error: "not_found" });
    const unsigned = await server.app.request(await signedRequest("ping", {}, "x", { signature: "sha256=00" }));
    expect(await unsigned.json()).toMatchObject({ error: "signature_invalid", message: expect.any(String) });
  });
});

describe("GET / and the details page", () => {
  it("answers a short status page, in JSON when asked", async () => {
    const html = await server.app.request("/");
    expect(html.status).toBe(200);
    expect(await html.text()).toContain("is running");
    const json = (await (await server.app.request("/", { headers: { accept: "application/json" } })).json()) as Record<string, unknown>;
    expect(json).toMatchObject({ name: "Custody", githubApp: false, ledger: { size: 4 }, evaluations: { pending: 4 } });
  });

  it("serves the details page for a signed link only", async () => {
    const key = detailsKeyFrom(SECRET);
    const ref = { repo: "octo-org/widgets", number: 1, headSha: "1".padStart(40, "0") };
    const page = await server.app.request(detailsPath(key, ref));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("has not evaluated this pull request yet");
    const forged = await server.app.request(detailsPath(detailsKeyFrom("another secret"), ref));
    expect(forged.status).toBe(403);
  });
});
