import Database from "better-sqlite3";
import { generateKeyPairSync } from "node:crypto";
import { importSPKI, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registryClassifier } from "../cases/registry-classifier.js";
import type { Finding } from "../model/finding.js";
import type { Verdict } from "../model/verdict.js";
import { githubAppClients } from "../sources/github/github-app-client.js";
import { FakeGitHub, type FakePullRequest } from "../sources/github/__fixtures__/fake-github.js";
import { assembleServer, type AssembledServer } from "./assemble-server.js";
import { defaultClassify } from "./default-engine.js";
import { pullRequestCheck, type EngineRun } from "./pull-request-check.js";
import { MemoryLedger } from "./__fixtures__/memory-ledger.js";
import { SECRET, example, signedRequest } from "./__fixtures__/signed-delivery.js";

const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const APP_ID = 123456;
const HEAD = "1".repeat(40);
const BASE = "2".repeat(40);

function fakePr(overrides: Partial<FakePullRequest> = {}): FakePullRequest {
  return {
    owner: "octo-org",
    repo: "widgets",
    number: 7,
    author: { login: "Copilot", id: 198982749, type: "Bot" },
    headSha: HEAD,
    baseSha: BASE,
    headRef: "copilot/fix-widget-cache",
    commits: [{ sha: HEAD, message: "Cache widgets\n\nAuthorized-by: alice <alice@example.com>", authorName: "Copilot", authorEmail: "198982749+Copilot@users.noreply.github.com" }],
    files: [{ filename: "src/cache.ts", status: "modified", additions: 2, deletions: 0, patch: "@@ -1,1 +1,3 @@\n const a = 1;\n+const b = 2;\n+const c = 3;" }],
    contents: { [`${HEAD}:src/cache.ts`]: "const a = 1;\nconst b = 2;\nconst c = 3;\n", [`${BASE}:src/cache.ts`]: "const a = 1;\n" },
    ...overrides,
  };
}

function finding(i: number): Finding {
  return { ruleId: "protected-paths", category: "policy", severity: "high", message: `finding ${String(i)}`, location: { path: "src/cache.ts", startLine: 1 + (i % 3) }, fingerprint: `fp${String(i)}` };
}

/** An engine stand-in that reports `count` findings: the GitHub path is under test here, not the rules. */
function engineWith(count: number, seen: Parameters<EngineRun>[0][] = []): EngineRun {
  return async (input) => {
    seen.push(input);
    const findings = Array.from({ length: count }, (_, i) => finding(i));
    const verdict: Verdict = {
      outcome: count > 0 ? "fail" : "pass",
      failOn: "high",
      findings,
      provenance: { ...defaultClassify(input.change) },
      base: input.change.base,
      head: input.change.head,
      ran: ["protected-paths"],
    };
    return Promise.resolve(verdict);
  };
}

let github: FakeGitHub;
let server: AssembledServer | undefined;
let ledger: MemoryLedger;

async function start(pr: FakePullRequest, engine: EngineRun, state = new Database(":memory:")): Promise<AssembledServer> {
  github = new FakeGitHub(pr);
  const baseUrl = await github.start();
  server = await assembleServer({
    ledger,
    state,
    webhookSecret: SECRET,
    classifier: registryClassifier(),
    runJob: pullRequestCheck({ clients: githubAppClients({ appId: APP_ID, privateKey, baseUrl }), classify: defaultClassify, engine }),
  });
  return server;
}

function prPayload(pr: FakePullRequest, action = "opened"): Record<string, unknown> {
  const payload = example("pull_request", "opened");
  payload.action = action;
  payload.installation = { id: 99 };
  payload.repository = { ...(payload.repository as object), full_name: `${pr.owner}/${pr.repo}`, name: pr.repo };
  payload.pull_request = {
    ...(payload.pull_request as object),
    number: pr.number,
    user: pr.author,
    head: { ...((payload.pull_request as { head: object }).head), ref: pr.headRef, sha: pr.headSha },
    base: { ...((payload.pull_request as { base: object }).base), ref: "main", sha: pr.baseSha },
  };
  return payload;
}

async function deliverAndSettle(s: AssembledServer, payload: unknown, id: string): Promise<void> {
  const res = await s.app.request(await signedRequest("pull_request", payload, id));
  expect(res.status).toBe(200);
  // Projection follows the answer asynchronously; catching up from the ledger makes it certain.
  await s.projector.catchUp();
  await s.checks?.idle();
}

beforeEach(() => {
  ledger = new MemoryLedger();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await github.stop();
});

describe("pull request check as a GitHub App", () => {
  it("reads the change through the API and posts a check run with 120 annotations in batches of 50", async () => {
    const seen: Parameters<EngineRun>[0][] = [];
    const pr = fakePr();
    const s = await start(pr, engineWith(120, seen));
    await deliverAndSettle(s, prPayload(pr), "pr-1");

    expect(github.violations).toEqual([]);
    const created = github.calls("POST", "/repos/{owner}/{repo}/check-runs");
    const updates = github.calls("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}");
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({ name: "Custody", head_sha: HEAD, status: "in_progress" });
    expect(updates.map((u) => (u.body as { output: { annotations: unknown[] } }).output.annotations.length)).toEqual([50, 50, 20]);
    expect(updates[0]?.body).toMatchObject({ status: "completed", conclusion: "failure" });

    // The change as the engine saw it: commits, trailers, files with their added lines, snapshots.
    const input = seen[0];
    expect(input?.change.commits[0]?.trailers).toEqual([{ key: "Authorized-by", value: "alice <alice@example.com>" }]);
    expect(input?.change.files[0]).toMatchObject({ path: "src/cache.ts", addedLines: [{ line: 2, text: "const b = 2;" }, { line: 3, text: "const c = 3;" }] });
    expect((await input?.head.read("src/cache.ts"))?.toString()).toContain("const c = 3;");
    expect(await input?.base.read("missing.ts")).toBeUndefined();

    // The result is in the ledger and in the case file.
    const result = ledger.events.find((e) => e.kind === "check.result");
    expect(result?.payload).toMatchObject({ status: "completed", conclusion: "failure", checkRunId: expect.any(Number) });
    const file = await (await s.app.request("/api/cases/octo-org/widgets/7", { headers: { authorization: `Bearer ${s.tokens.create("reader").token}` } })).json();
    expect(file).toMatchObject({ findings: [{ ruleId: "protected-paths", count: 120 }], delegator: { who: "alice <alice@example.com>", source: "authorized-by" } });
  });

  it("authenticates as the app: a JWT signed with the app's key, then the installation token", async () => {
    const pr = fakePr();
    const s = await start(pr, engineWith(0));
    await deliverAndSettle(s, prPayload(pr), "pr-auth");
    const tokenRequest = github.calls("POST", "/app/installations/{installation_id}/access_tokens")[0];
    expect(tokenRequest?.path).toBe("/app/installations/99/access_tokens");
    const jwt = (tokenRequest?.authorization ?? "").replace(/^bearer /i, "");
    const { payload } = await jwtVerify(jwt, await importSPKI(publicKey, "RS256"));
    expect(String(payload.iss)).toBe(String(APP_ID));
    const apiCall = github.calls("GET", "/repos/{owner}/{repo}/pulls/{pull_number}")[0];
    expect(apiCall?.authorization).toBe("token ghs_testinstallationtoken");
    expect(github.calls("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}")).toHaveLength(1);
    expect(github.calls("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}")[0]?.body).toMatchObject({ conclusion: "success", output: { annotations: [] } });
    expect(github.violations).toEqual([]);
  });

  it("posts no check run for a human's pull request", async () => {
    const pr = fakePr({
      author: { login: "bob", id: 1002, type: "User" },
      headRef: "feature/cache",
      commits: [{ sha: HEAD, message: "Cache widgets", authorName: "Bob", authorEmail: "bob@example.com" }],
    });
    const s = await start(pr, engineWith(3));
    await deliverAndSettle(s, prPayload(pr), "pr-human");
    expect(github.calls("POST", "/repos/{owner}/{repo}/check-runs")).toEqual([]);
    expect(ledger.events.find((e) => e.kind === "check.result")?.payload).toMatchObject({ status: "skipped" });
    expect(github.violations).toEqual([]);
  });

  it("records a failed job when GitHub refuses the check run, and keeps serving", async () => {
    const pr = fakePr();
    const s = await start(pr, engineWith(1));
    github.failCheckRuns = 500;
    await deliverAndSettle(s, prPayload(pr), "pr-fail");
    expect(ledger.events.find((e) => e.kind === "check.result")?.payload).toMatchObject({ status: "failed", error: expect.stringContaining("check-runs") });
    expect((await s.app.request("/healthz")).status).toBe(200);
  });

  it("completes the run as neutral when the engine throws after the run started", async () => {
    const pr = fakePr();
    const s = await start(pr, () => Promise.reject(new Error("policy file is broken")));
    await deliverAndSettle(s, prPayload(pr), "pr-engine");
    expect(github.calls("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}")[0]?.body).toMatchObject({ conclusion: "neutral", output: { summary: expect.stringContaining("policy file is broken") } });
    expect(ledger.events.find((e) => e.kind === "check.result")?.payload).toMatchObject({ status: "failed" });
  });

  it("skips a job whose head is no longer the pull request's head", async () => {
    const pr = fakePr();
    const s = await start(pr, engineWith(1));
    const stale = prPayload(pr);
    (stale.pull_request as { head: { sha: string } }).head.sha = "3".repeat(40);
    await deliverAndSettle(s, stale, "pr-stale");
    expect(github.calls("POST", "/repos/{owner}/{repo}/check-runs")).toEqual([]);
    expect(ledger.events.find((e) => e.kind === "check.result")?.payload).toMatchObject({ status: "skipped", error: expect.stringContaining("superseded") });
  });

  it("rebuilds the queue from the ledger on restart: an acknowledged PR is checked once, not twice", async () => {
    const pr = fakePr();
    // First server: no GitHub App configured, so the job stays pending after the ack.
    const first = await assembleServer({ ledger, state: new Database(":memory:"), webhookSecret: SECRET, classifier: registryClassifier() });
    const res = await first.app.request(await signedRequest("pull_request", prPayload(pr), "pr-restart"));
    expect(res.status).toBe(200);
    await first.close();
    expect(ledger.events.filter((e) => e.kind === "check.result")).toEqual([]);

    // Restart with a fresh state database: the projection and the queue come back from the ledger.
    const second = await start(pr, engineWith(2));
    await second.checks?.idle();
    expect(github.calls("POST", "/repos/{owner}/{repo}/check-runs")).toHaveLength(1);
    await second.close();
    server = undefined;
    await github.stop();

    // Again: the job is done (its check.result is in the ledger), nothing is posted twice.
    const third = await start(pr, engineWith(2));
    await third.checks?.idle();
    expect(github.calls("POST", "/repos/{owner}/{repo}/check-runs")).toEqual([]);
    expect(ledger.events.filter((e) => e.kind === "check.result")).toHaveLength(1);
  });
});

describe("pull request check with the real engine", () => {
  it("runs the CLI's engine under the base revision's policy and annotates a protected path an agent touched", async () => {
    const { defaultEngine } = await import("./default-engine.js");
    const pr = fakePr({
      files: [{ filename: ".github/workflows/ci.yml", status: "modified", additions: 1, deletions: 0, patch: "@@ -1,1 +1,2 @@\n name: ci\n+on: push" }],
      contents: { [`${HEAD}:.github/workflows/ci.yml`]: "name: ci\non: push\n", [`${BASE}:.github/workflows/ci.yml`]: "name: ci\n" },
    });
    const s = await start(pr, defaultEngine);
    await deliverAndSettle(s, prPayload(pr), "pr-real");
    expect(github.violations).toEqual([]);
    const completed = github.calls("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}")[0]?.body as { conclusion: string; output: { annotations: { path: string; title: string }[] } };
    expect(completed.output.annotations.map((a) => a.path)).toContain(".github/workflows/ci.yml");
    expect(completed.conclusion).toBe("failure");
    // The policy was looked up at the base revision, never at the agent's head.
    const policyReads = github.calls("GET", "/repos/{owner}/{repo}/contents/{path}").filter((r) => r.path.includes("custody.y"));
    expect(policyReads.length).toBeGreaterThan(0);
    expect(policyReads.every((r) => r.query.get("ref") === BASE)).toBe(true);
  });
});

describe("check queue while the projection lags", () => {
  it("does not start a job again whose result is recorded but not yet projected", async () => {
    const pr = fakePr();
    const inner = engineWith(1);
    // Another writer appends while the check runs: the job's result then lands behind a gap.
    const engine: EngineRun = async (input) => {
      await ledger.append([{ kind: "other.event", source: "cli", payload: {} }]);
      return inner(input);
    };
    const s = await start(pr, engine);
    await deliverAndSettle(s, prPayload(pr), "pr-gap");
    s.checks?.poke();
    s.checks?.poke();
    await s.checks?.idle();
    expect(github.calls("POST", "/repos/{owner}/{repo}/check-runs")).toHaveLength(1);
    await s.projector.catchUp();
    expect(s.store.pendingJobs()).toEqual([]);
  });
});
