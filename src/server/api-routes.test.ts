import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registryClassifier } from "../cases/registry-classifier.js";
import { API_ROUTES } from "./api-routes.js";
import { assembleServer, type AssembledServer } from "./assemble-server.js";
import { MemoryLedger } from "./__fixtures__/memory-ledger.js";
import { SECRET, example, signedRequest } from "./__fixtures__/signed-delivery.js";
import { ROLES, roleAllows, type Role } from "./token-store.js";

let server: AssembledServer;
let ledger: MemoryLedger;
const tokens = {} as Record<Role, string>;

beforeEach(async () => {
  ledger = new MemoryLedger();
  server = await assembleServer({ ledger, state: new Database(":memory:"), webhookSecret: SECRET, classifier: registryClassifier() });
  for (const role of ROLES) {
    tokens[role] = server.tokens.create(role).token;
  }
});

afterEach(async () => {
  await server.close();
});

function call(path: string, method: string, token?: string): Response | Promise<Response> {
  return server.app.request(path, { method, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
}

describe("API authentication, route by route", () => {
  for (const route of API_ROUTES) {
    describe(`${route.method} ${route.path} (needs ${route.role})`, () => {
      it("refuses a request without a token with 401", async () => {
        const res = await call(route.example, route.method);
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toContain("Bearer");
      });

      it("refuses an unknown token with 401", async () => {
        expect((await call(route.example, route.method, "cust_not-a-real-token")).status).toBe(401);
      });

      for (const role of ROLES) {
        const allowed = roleAllows(role, route.role);
        it(`${allowed ? "serves" : "refuses with 403"} a ${role} token`, async () => {
          const res = await call(route.example, route.method, tokens[role]);
          // Allowed routes answer (200, or 404 for an example id not in the empty ledger).
          expect(allowed ? [200, 404].includes(res.status) : res.status === 403).toBe(true);
        });
      }
    });
  }

  it("refuses a malformed Authorization header with 401", async () => {
    expect((await server.app.request("/api/cases", { headers: { authorization: `Basic ${tokens.admin}` } })).status).toBe(401);
    expect((await server.app.request("/api/cases", { headers: { authorization: `Bearer ${tokens.admin}x` } })).status).toBe(401);
  });

  it("stores tokens hashed, never in clear", () => {
    const rows = server.store.db.prepare<[], { hash: Buffer }>("SELECT hash FROM api_tokens").all();
    expect(rows).toHaveLength(3);
    const dump = JSON.stringify(server.store.db.prepare("SELECT * FROM api_tokens").all());
    for (const token of Object.values(tokens)) {
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(token.slice(5));
    }
    expect(rows[0]?.hash).toHaveLength(32);
  });
});

describe("API content", () => {
  async function deliver(event: string, payload: unknown, id: string): Promise<void> {
    const res = await server.app.request(await signedRequest(event, payload, id));
    expect(res.status).toBe(200);
    await server.projector.catchUp();
  }

  function agentPr(): Record<string, unknown> {
    const payload = example("pull_request", "opened");
    const pr = payload.pull_request as Record<string, unknown>;
    pr.user = { login: "copilot-swe-agent[bot]", id: 198982749, type: "Bot" };
    pr.head = { ...(pr.head as object), ref: "copilot/fix-1" };
    return payload;
  }

  it("lists agent cases, returns one case file, pages events, gets one event, reports status and metrics", async () => {
    const payload = agentPr();
    await deliver("pull_request", payload, "a1");
    await deliver("push", example("push"), "a2");
    const repo = (payload.repository as { full_name: string }).full_name;
    const number = (payload.pull_request as { number: number }).number;

    const cases = (await (await call("/api/cases", "GET", tokens.reader)).json()) as {
      cases: { repository: string; number: number; agent: string }[];
    };
    expect(cases.cases).toEqual([expect.objectContaining({ repository: repo, number, agent: "github-copilot" })]);

    const file = await (await call(`/api/cases/${repo}/${String(number)}`, "GET", tokens.reader)).json();
    expect(file).toMatchObject({
      repository: repo,
      number,
      agentAuthored: true,
      timeline: [expect.objectContaining({ kind: "pull_request.opened" })],
    });
    expect((await call(`/api/cases/${repo}/999999`, "GET", tokens.reader)).status).toBe(404);
    expect((await call(`/api/cases/${repo}/abc`, "GET", tokens.reader)).status).toBe(400);

    const page1 = (await (await call("/api/events?limit=1", "GET", tokens.auditor)).json()) as {
      events: { seq: number }[];
      next: string | null;
    };
    expect(page1.events.map((e) => e.seq)).toEqual([0]);
    expect(page1.next).toBe("/api/events?after=0&limit=1");
    const page2 = (await (await call(page1.next ?? "", "GET", tokens.auditor)).json()) as { events: { seq: number; kind: string }[] };
    expect(page2.events.map((e) => e.seq)).toEqual([1]);
    expect((await call("/api/events?limit=0", "GET", tokens.auditor)).status).toBe(400);
    const filtered = (await (await call("/api/events?kind=push", "GET", tokens.auditor)).json()) as { events: { kind: string }[] };
    expect(filtered.events.map((e) => e.kind)).toEqual(["push"]);

    expect(await (await call("/api/events/1", "GET", tokens.auditor)).json()).toMatchObject({ seq: 1, kind: "push", deliveryId: "a2" });
    expect((await call("/api/events/7", "GET", tokens.auditor)).status).toBe(404);
    expect((await call("/api/events/-1", "GET", tokens.auditor)).status).toBe(400);

    expect(await (await call("/api/ledger/status", "GET", tokens.auditor)).json()).toMatchObject({
      size: 2,
      projectedThrough: 1,
      projectionLag: 0,
    });

    const metrics = await (await call("/api/metrics", "GET", tokens.reader)).json();
    expect(metrics).toMatchObject({ agentPullRequestsPerWeek: [expect.objectContaining({ agent: "github-copilot", count: 1 })] });
  });

  it("answers 503 on API routes while the ledger is unavailable", async () => {
    ledger.unavailable = true;
    expect((await call("/api/events/0", "GET", tokens.auditor)).status).toBe(503);
    expect((await call("/api/ledger/status", "GET", tokens.auditor)).status).toBe(503);
  });

  it("answers JSON 404 for unknown routes", async () => {
    const res = await call("/nope", "GET");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});
