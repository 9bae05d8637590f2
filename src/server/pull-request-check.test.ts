import Database from "better-sqlite3";
import { importSPKI, jwtVerify } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import type { Finding } from "../model/finding.js";
import type { Verdict } from "../model/verdict.js";
import { buildRegistry, classifyChange } from "../provenance/index.js";
import type { EngineRun, Evaluation } from "./default-engine.js";
import { agentPr, APP_ID, humanPr, prEvent, publicKey, sha, startWorld, type World } from "./__fixtures__/app-world.js";
import { MemoryLedger } from "./__fixtures__/memory-ledger.js";

function finding(i: number): Finding {
  return {
    ruleId: "protected-paths",
    category: "policy",
    severity: "high",
    message: `finding ${String(i)}`,
    location: { path: "src/cache.ts", startLine: 1 + (i % 3) },
    fingerprint: `fp${String(i)}`,
  };
}

/** An engine stand-in that reports `count` findings for an agent change: the GitHub path is under test here, not the rules. */
function engineWith(count: number, seen: Parameters<EngineRun>[0][] = []): EngineRun {
  return (input): Promise<Evaluation> => {
    seen.push(input);
    const provenance = classifyChange(input.change, buildRegistry());
    if (provenance.kind !== "agent") {
      return Promise.resolve({ provenance, skipped: [], policySource: "defaults" });
    }
    const findings = Array.from({ length: count }, (_, i) => finding(i));
    const verdict: Verdict = {
      outcome: count > 0 ? "fail" : "pass",
      failOn: "high",
      findings,
      provenance,
      base: input.change.base,
      head: input.change.head,
      ran: ["protected-paths"],
    };
    return Promise.resolve({
      provenance,
      verdict,
      skipped: [{ rule: "codeowner-approval", reason: "no CODEOWNERS" }],
      policySource: "defaults",
      approvals: { required: 1, counted: [], discounted: [] },
    });
  };
}

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const checkRunsPosted = (w: World) => w.github.calls("POST", "/repos/{owner}/{repo}/check-runs");
const checkRunUpdates = (w: World) => w.github.calls("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}");

describe("pull request check as a GitHub App", () => {
  it("reads the change through the API and posts a check run with 120 annotations in batches of 50", async () => {
    const seen: Parameters<EngineRun>[0][] = [];
    const pr = agentPr();
    world = await startWorld({ pulls: [pr], engine: engineWith(120, seen) });
    await world.deliver("pull_request", prEvent(pr, "opened"));

    expect(world.github.violations).toEqual([]);
    const created = checkRunsPosted(world);
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({
      name: "Custody",
      head_sha: pr.headSha,
      status: "in_progress",
      details_url: expect.stringContaining("/details/octo-org/widgets/7/"),
    });
    expect(checkRunUpdates(world).map((u) => (u.body as { output: { annotations: unknown[] } }).output.annotations.length)).toEqual([
      50, 50, 20,
    ]);
    expect(checkRunUpdates(world)[0]?.body).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { summary: expect.stringContaining("codeowner-approval") },
    });

    // The change as the engine saw it: commits, trailers, files with their added lines, snapshots.
    const input = seen[0];
    expect(input?.change.commits[0]?.trailers).toEqual([
      { key: "Agent-Task", value: "T-42" },
      { key: "Authorized-by", value: "alice <alice@example.com>" },
    ]);
    expect(input?.change.files[0]).toMatchObject({
      path: "src/cache.ts",
      addedLines: [
        { line: 2, text: "const b = 2;" },
        { line: 3, text: "const c = 3;" },
      ],
    });
    expect((await input?.head.read("src/cache.ts"))?.toString()).toContain("const c = 3;");
    expect(await input?.base.read("missing.ts")).toBeUndefined();

    // The result is in the ledger and in the case file.
    const result = world.ledger.events.find((e) => e.kind === "check.result");
    expect(result?.payload).toMatchObject({
      status: "completed",
      conclusion: "failure",
      checkRunId: expect.any(Number),
      headSha: pr.headSha,
      agentAuthored: true,
    });
    const file = await (
      await world.server.app.request("/api/cases/octo-org/widgets/7", {
        headers: { authorization: `Bearer ${world.server.tokens.create("reader").token}` },
      })
    ).json();
    expect(file).toMatchObject({
      findings: [{ ruleId: "protected-paths", count: 120 }],
      delegator: { who: "alice <alice@example.com>", source: "authorized-by" },
    });
  });

  it("authenticates as the app: a JWT signed with the app's key, then the installation token", async () => {
    const pr = agentPr();
    world = await startWorld({ pulls: [pr], engine: engineWith(0) });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    const tokenRequest = world.github.calls("POST", "/app/installations/{installation_id}/access_tokens")[0];
    expect(tokenRequest?.path).toBe("/app/installations/99/access_tokens");
    const jwt = (tokenRequest?.authorization ?? "").replace(/^bearer /i, "");
    const { payload } = await jwtVerify(jwt, await importSPKI(publicKey, "RS256"));
    expect(String(payload.iss)).toBe(String(APP_ID));
    expect(world.github.calls("GET", "/repos/{owner}/{repo}/pulls/{pull_number}")[0]?.authorization).toBe(
      "token ghs_testinstallationtoken",
    );
    expect(checkRunUpdates(world)).toHaveLength(1);
    expect(checkRunUpdates(world)[0]?.body).toMatchObject({ conclusion: "success", output: { annotations: [] } });
    expect(world.github.violations).toEqual([]);
  });

  it("gives a human's pull request a passing check run that says why it is not agent-authored", async () => {
    const pr = humanPr();
    world = await startWorld({ pulls: [pr], engine: engineWith(3) });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    expect(checkRunsPosted(world)).toHaveLength(1);
    expect(world.github.conclusionOn(pr.headSha)).toBe("success");
    const output = world.github.checkRunsOn(pr.headSha)[0]?.output;
    expect(output?.title).toBe("Not agent-authored");
    expect(output?.summary).toMatch(/not agent-authored/);
    expect(world.ledger.events.find((e) => e.kind === "check.result")?.payload).toMatchObject({
      status: "completed",
      conclusion: "success",
      agentAuthored: false,
      evidence: expect.any(Array),
    });
    expect(world.github.violations).toEqual([]);
  });

  it("retries when GitHub refuses the check run, then records the failure once attempts run out; the server keeps serving", async () => {
    const pr = agentPr();
    world = await startWorld({ pulls: [pr], engine: engineWith(1), maxAttempts: 3 });
    world.github.failCheckRuns = 500;
    await world.deliver("pull_request", prEvent(pr, "opened"));
    expect(checkRunsPosted(world)).toHaveLength(3);
    expect(world.ledger.events.filter((e) => e.kind === "check.result").map((e) => e.payload)).toEqual([
      expect.objectContaining({ status: "failed", error: expect.stringContaining("check-runs") }),
    ]);
    expect((await world.server.app.request("/healthz")).status).toBe(200);
  });

  it("completes the run as neutral when the engine throws after the run started", async () => {
    const pr = agentPr();
    world = await startWorld({ pulls: [pr], engine: () => Promise.reject(new Error("policy file is broken")) });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    expect(checkRunUpdates(world)[0]?.body).toMatchObject({
      conclusion: "neutral",
      output: { summary: expect.stringContaining("policy file is broken") },
    });
    expect(world.ledger.events.find((e) => e.kind === "check.result")?.payload).toMatchObject({ status: "failed" });
  });

  it("judges the pull request's current head, not the head an older delivery named", async () => {
    const pr = agentPr();
    world = await startWorld({ pulls: [pr], engine: engineWith(1) });
    const stale = prEvent({ ...pr, headSha: sha(0x99) }, "opened");
    await world.deliver("pull_request", stale);
    expect(checkRunsPosted(world).map((r) => (r.body as { head_sha: string }).head_sha)).toEqual([pr.headSha]);
    expect(world.ledger.events.find((e) => e.kind === "check.result")?.payload).toMatchObject({ headSha: pr.headSha });
  });

  it("rebuilds the queue from the ledger on restart: an acknowledged PR is checked once, not twice", async () => {
    const pr = agentPr();
    const ledger = new MemoryLedger();
    // First server: no GitHub App configured, so the evaluation stays pending after the ack.
    const first = await startWorld({ pulls: [pr], ledger, withApp: false });
    await first.deliver("pull_request", prEvent(pr, "opened"));
    await first.close();
    expect(ledger.events.filter((e) => e.kind === "check.result")).toEqual([]);

    // Restart with a fresh state database: the projection and the queue come back from the ledger.
    const second = await startWorld({ pulls: [agentPr()], ledger, engine: engineWith(2) });
    await second.server.checks?.drain();
    expect(checkRunsPosted(second)).toHaveLength(1);
    await second.close();

    // Again: the evaluation is answered (its check.result is in the ledger), nothing is posted twice.
    world = await startWorld({ pulls: [agentPr()], ledger, engine: engineWith(2), state: new Database(":memory:") });
    await world.server.checks?.drain();
    expect(checkRunsPosted(world)).toEqual([]);
    expect(ledger.events.filter((e) => e.kind === "check.result")).toHaveLength(1);
  });
});

describe("pull request check with the real engine", () => {
  it("runs the CLI's engine under the base revision's policy and annotates a protected path an agent touched", async () => {
    const pr = agentPr({
      files: [
        {
          filename: ".github/workflows/ci.yml",
          status: "modified",
          additions: 1,
          deletions: 0,
          patch: "@@ -1,1 +1,2 @@\n name: ci\n+on: push",
        },
      ],
      contents: {},
    });
    pr.contents = {
      [`${pr.headSha}:.github/workflows/ci.yml`]: "name: ci\non: push\n",
      [`${pr.baseSha}:.github/workflows/ci.yml`]: "name: ci\n",
    };
    world = await startWorld({ pulls: [pr] });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    expect(world.github.violations).toEqual([]);
    const completed = checkRunUpdates(world)[0]?.body as { conclusion: string; output: { annotations: { path: string; title: string }[] } };
    expect(completed.output.annotations.map((a) => a.path)).toContain(".github/workflows/ci.yml");
    expect(completed.conclusion).toBe("failure");
    // Every file was read through the tree of its commit, never the contents API one path at a time.
    expect(world.github.calls("GET", "/repos/{owner}/{repo}/contents/{path}")).toEqual([]);
    expect(world.github.calls("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}").map((r) => r.path.split("/").pop())).toContain(
      pr.baseSha,
    );
  });

  it("reads the policy at the base, so an agent cannot relax it in its own pull request", async () => {
    const pr = agentPr({
      files: [
        {
          filename: ".github/workflows/ci.yml",
          status: "modified",
          additions: 1,
          deletions: 0,
          patch: "@@ -1,1 +1,2 @@\n name: ci\n+on: push",
        },
      ],
    });
    pr.contents = {
      [`${pr.baseSha}:.github/custody.yml`]: "version: 1\nfail_on: critical\n",
      [`${pr.headSha}:.github/custody.yml`]: "version: 1\nfail_on: low\n",
      [`${pr.headSha}:.github/workflows/ci.yml`]: "name: ci\non: push\n",
    };
    world = await startWorld({ pulls: [pr] });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    // The protected-path finding is high: under the base's `fail_on: critical` it does not fail the check.
    expect(world.github.conclusionOn(pr.headSha)).toBe("success");
    expect(world.ledger.events.find((e) => e.kind === "check.result")?.payload).toMatchObject({
      policySource: `.github/custody.yml@${pr.baseSha}`,
      failOn: "critical",
    });
  });

  it("honours the base policy's `agents:`: the repository's own agent gets the agent policy", async () => {
    const pr = humanPr({
      author: { login: "acme-coder", id: 4242, type: "User" },
      commits: [{ sha: sha(0x33), message: "Cache widgets", authorName: "acme-coder", authorEmail: "coder@acme.example" }],
    });
    pr.contents = { [`${pr.baseSha}:.github/custody.yml`]: "version: 1\nagents:\n  - id: acme-coder\n    logins: [acme-coder]\n" };
    world = await startWorld({ pulls: [pr] });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    const result = world.ledger.events.find((e) => e.kind === "check.result")?.payload;
    expect(result).toMatchObject({ agentAuthored: true, agent: "acme-coder", conclusion: "failure" });
    const token = world.server.tokens.create("reader").token;
    const file = (await (
      await world.server.app.request("/api/cases/octo-org/widgets/8", { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { agentAuthored: boolean; agent: string };
    expect(file).toMatchObject({ agentAuthored: true, agent: "acme-coder" });
  });
});

describe("evaluation queue while the projection lags", () => {
  it("does not start an evaluation again whose result is recorded but not yet projected", async () => {
    const pr = agentPr();
    const inner = engineWith(1);
    const ledger = new MemoryLedger();
    // Another writer appends while the check runs: the result then lands behind a gap.
    const engine: EngineRun = async (input) => {
      await ledger.append([{ kind: "other.event", source: "cli", payload: {} }]);
      return inner(input);
    };
    world = await startWorld({ pulls: [pr], engine, ledger });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    world.server.checks?.poke();
    world.server.checks?.poke();
    await world.server.checks?.drain();
    expect(checkRunsPosted(world)).toHaveLength(1);
    expect(world.server.store.evaluationCounts().pending).toBe(0);
  });
});
