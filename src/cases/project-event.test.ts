import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MemoryLedger } from "../server/__fixtures__/memory-ledger.js";
import { allExamples } from "../server/__fixtures__/signed-delivery.js";
import { caseFile } from "./case-file.js";
import { computeMetrics } from "./case-metrics.js";
import { CaseProjector } from "./case-projector.js";
import { CaseStore } from "./case-store.js";
import { projectEvent } from "./project-event.js";
import { registryClassifier } from "./registry-classifier.js";
import { AI_REVIEWER, COPILOT, EventLog, REPO, alice, bob, carol, evaluated } from "./__fixtures__/events.js";

const classifier = registryClassifier();

function project(log: EventLog): CaseStore {
  const store = new CaseStore(new Database(":memory:"));
  store.transaction(() => {
    for (const event of log.events) {
      projectEvent(store, event, classifier);
      store.setCursor(event.seq);
    }
  });
  return store;
}

describe("case correlation", () => {
  it("opens a case for an agent PR and names the human who assigned the issue to Copilot as delegator", () => {
    const log = new EventLog();
    log.add("issues.assigned", { action: "assigned", issue: { number: 3 }, assignee: COPILOT, sender: carol });
    log.pullRequest("opened", { assignees: [COPILOT] }, { sender: COPILOT });
    const file = caseFile(project(log), REPO, 7);
    expect(file).toMatchObject({
      agentAuthored: true,
      agent: "github-copilot",
      delegator: { who: "carol", source: "issue-assignment" },
      state: "open",
    });
    expect(file?.timeline.map((t) => t.kind)).toEqual(["pull_request.opened"]);
  });

  it("takes the assigner of the agent on the PR over a mere human assignee", () => {
    const log = new EventLog();
    log.pullRequest("opened", { body: "" }, { sender: COPILOT });
    expect(caseFile(project(log), REPO, 7)?.delegator).toEqual({ who: "alice", source: "assignee" });
    log.pullRequest("assigned", { body: "" }, { sender: bob, assignee: COPILOT });
    expect(caseFile(project(log), REPO, 7)?.delegator).toEqual({ who: "bob", source: "assignment" });
  });

  it("takes an Authorized-by trailer on a pushed commit over any assignment", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.add("push", {
      ref: "refs/heads/copilot/fix-widget-cache",
      after: "c".repeat(40),
      sender: COPILOT,
      commits: [{ id: "c".repeat(40), message: "Cache widgets\n\nAgent-Task: T-9\nAuthorized-by: Dana <dana@example.com>" }],
    });
    const file = caseFile(project(log), REPO, 7);
    expect(file?.delegator).toEqual({ who: "Dana <dana@example.com>", source: "authorized-by" });
    expect(file?.timeline.map((t) => t.kind)).toEqual(["pull_request.opened", "push"]);
  });

  it("does not treat a human's PR as agent-authored", () => {
    const log = new EventLog();
    log.pullRequest("opened", { user: bob, head: { ref: "feature/x", sha: "d".repeat(40) }, assignees: [], body: "" }, { sender: bob });
    const store = project(log);
    expect(caseFile(store, REPO, 7)).toMatchObject({ agentAuthored: false, agent: null, delegator: null });
    expect(computeMetrics(store).agentPullRequestsPerWeek).toEqual([]);
  });

  it("attaches check suites, workflow runs, and deployments by pull_requests array or head sha", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.add("check_suite.completed", {
      action: "completed",
      check_suite: { head_sha: "0".repeat(40), pull_requests: [{ number: 7 }], conclusion: "success" },
    });
    log.add("workflow_run.completed", {
      action: "completed",
      workflow_run: { head_sha: "a".repeat(40), name: "CI", pull_requests: [], conclusion: "failure" },
    });
    log.add("deployment.created", { action: "created", deployment: { sha: "a".repeat(40), environment: "staging", id: 5 } });
    log.add("deployment.created", { action: "created", deployment: { sha: "f".repeat(40), environment: "prod", id: 6 } });
    const file = caseFile(project(log), REPO, 7);
    expect(file?.timeline.map((t) => t.summary)).toEqual([
      expect.stringContaining("opened"),
      "check suite success",
      'workflow run "CI" failure',
      "deployment to staging created",
    ]);
  });

  it("marks a case revised when a push follows the first human review", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.review(AI_REVIEWER, "commented");
    log.pullRequest("synchronize", { head: { ref: "copilot/fix-widget-cache", sha: "e".repeat(40) } }, { sender: COPILOT });
    expect(caseFile(project(log), REPO, 7)?.revisedAfterHumanReview).toBe(false);
    log.review(bob, "changes_requested");
    log.pullRequest("synchronize", { head: { ref: "copilot/fix-widget-cache", sha: "9".repeat(40) } }, { sender: COPILOT });
    const store = project(log);
    expect(caseFile(store, REPO, 7)?.revisedAfterHumanReview).toBe(true);
    expect(computeMetrics(store).revisionAfterHumanReview).toEqual({ reviewed: 1, revised: 1, share: 1 });
  });

  it("ingests every @octokit/webhooks-examples payload and opens a case for every pull_request example", async () => {
    const ledger = new MemoryLedger();
    const examples = allExamples();
    await ledger.append(
      examples.map(({ event, payload }, i) => ({
        kind: typeof payload.action === "string" ? `${event}.${payload.action}` : event,
        source: "github-webhook",
        deliveryId: `x${String(i)}`,
        payload,
      })),
    );
    const store = new CaseStore(new Database(":memory:"));
    const projector = new CaseProjector(store, ledger, classifier);
    await projector.catchUp();
    expect(store.cursor()).toBe(examples.length - 1);
    const expected = new Set(
      examples
        .filter((e) => e.event === "pull_request")
        .map(
          (e) =>
            `${(e.payload.repository as { full_name: string }).full_name}#${String((e.payload.pull_request as { number: number }).number)}`,
        ),
    );
    const cases = store.db
      .prepare<[], { k: string }>("SELECT repo || '#' || number AS k FROM cases")
      .all()
      .map((r) => r.k);
    for (const key of expected) {
      expect(cases).toContain(key);
    }
    expect(store.db.prepare("SELECT * FROM projection_meta WHERE key LIKE 'error:%'").all()).toEqual([]);
  });
});

describe("accountability on merge", () => {
  const discounted = [
    { reviewer: "copilot-pull-request-reviewer[bot]", reason: "an AI reviewer" },
    { reviewer: "alice", reason: "the delegating human" },
  ];

  it("names delegator, approvers and merger; the gates hold when the last evaluation of the merged head passed with the quorum", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.review(AI_REVIEWER, "approved");
    log.review(alice, "approved");
    log.review(bob, "approved");
    evaluated(log, { approvals: { required: 1, counted: ["bob"], discounted } });
    log.merge(carol);
    const record = caseFile(project(log), REPO, 7)?.accountability;
    expect(record).toMatchObject({
      delegator: { who: "alice", source: "assignee" },
      approvers: ["copilot-pull-request-reviewer[bot]", "alice", "bob"],
      independentApprovers: ["bob"],
      notIndependent: discounted,
      requiredApprovals: 1,
      mergedBy: "carol",
      mergedHead: "a".repeat(40),
      gatesHeld: true,
      reasons: [],
    });
  });

  it("fails the gates when only the delegator and an AI reviewer approved", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.review(AI_REVIEWER, "approved");
    log.review(alice, "approved");
    evaluated(log, {
      conclusion: "failure",
      rules: { ran: ["required-approvals"], failed: ["required-approvals"], skipped: [] },
      approvals: { required: 1, counted: [], discounted },
    });
    log.merge(alice);
    const store = project(log);
    const record = caseFile(store, REPO, 7)?.accountability;
    expect(record?.gatesHeld).toBe(false);
    expect(record?.reasons).toEqual([
      "Custody's check on the merged head concluded failure: required-approvals failed",
      "0 of 1 required independent human approvals on the merged head (not counted: copilot-pull-request-reviewer[bot]: an AI reviewer, alice: the delegating human)",
    ]);
    expect(computeMetrics(store).mergedWithoutIndependentApproval).toEqual({ merged: 1, withoutIndependentApproval: 1, share: 1 });
  });

  it.each([
    ["no evaluation at all", [], /never evaluated the merged head/],
    [
      "an evaluation of an older head",
      [{ headSha: "9".repeat(40) }],
      /last evaluation judged 999999999999, not the merged head aaaaaaaaaaaa/,
    ],
    [
      "a failed check on the merged head",
      [{ conclusion: "failure", rules: { ran: ["protected-paths"], failed: ["protected-paths"], skipped: [] } }],
      /concluded failure: protected-paths failed/,
    ],
    ["an evaluation that did not complete", [{ status: "failed", error: "GitHub answered 502" }], /did not complete: GitHub answered 502/],
    [
      "fewer independent approvals than the policy's count",
      [{ approvals: { required: 2, counted: ["bob"], discounted: [] } }],
      /1 of 2 required independent human approvals/,
    ],
    ["a passing result followed by a newer failing one", [{}, { conclusion: "failure", forSeq: 99 }], /concluded failure/],
  ])("does not hold with %s, and says why", (_name, results, reason) => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.review(bob, "approved");
    for (const fields of results) {
      evaluated(log, fields);
    }
    log.merge(carol);
    const record = caseFile(project(log), REPO, 7)?.accountability;
    expect(record?.gatesHeld).toBe(false);
    expect(record?.reasons.join("; ")).toMatch(reason);
  });

  it("ignores a result older than the one it holds (a late retry of a superseded request)", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.review(bob, "approved");
    evaluated(log, { forSeq: 50 });
    evaluated(log, { forSeq: 10, conclusion: "failure" });
    log.merge(carol);
    const file = caseFile(project(log), REPO, 7);
    expect(file?.accountability).toMatchObject({ gatesHeld: true, reasons: [] });
    expect(file?.timeline.some((t) => t.summary.includes("ignored"))).toBe(true);
  });

  it("says the gates did not hold when no delegating human is recorded, even if the check passed", () => {
    const log = new EventLog();
    const noDelegator = { assignees: [], body: "" };
    log.pullRequest("opened", noDelegator, { sender: COPILOT });
    log.review(bob, "approved", noDelegator);
    evaluated(log);
    log.merge(carol, noDelegator);
    const record = caseFile(project(log), REPO, 7)?.accountability;
    expect(record).toMatchObject({
      gatesHeld: false,
      reasons: ["no delegating human is recorded (no assignment, no Authorized-by trailer)"],
    });
  });

  it("writes no accountability record for a PR closed without merging or a human PR", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.pullRequest("closed", { merged: false });
    expect(caseFile(project(log), REPO, 7)).toMatchObject({ state: "closed", accountability: null });
  });
});

describe("evaluation requests", () => {
  const due = (store: CaseStore) => store.dueEvaluations().map((e) => [e.repo, e.number, e.requested_seq, e.reason]);

  it.each([
    ["opened", true],
    ["synchronize", true],
    ["reopened", true],
    ["edited", true],
    ["labeled", true],
    ["unlabeled", true],
    ["ready_for_review", true],
    ["assigned", false],
    ["closed", false],
  ])("pull_request.%s asks for an evaluation: %s", (action, asks) => {
    const log = new EventLog();
    log.pullRequest(action, {}, { sender: COPILOT });
    expect(due(project(log))).toEqual(asks ? [[REPO, 7, 0, `pull_request.${action}`]] : []);
  });

  it("coalesces: many events make one pending evaluation answering the newest; a result up to it closes it", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.pullRequest("labeled", {}, { sender: alice });
    log.review(bob, "approved");
    const store = project(log);
    expect(due(store)).toEqual([[REPO, 7, 2, "pull_request_review.submitted by bob"]]);
    evaluated(log, { forSeq: 1 });
    const partly = project(log);
    expect(due(partly).map((d) => d[2])).toEqual([2]);
    evaluated(log, { forSeq: 2 });
    expect(due(project(log))).toEqual([]);
  });

  it("asks again on a Re-run of Custody's check run or its suite, not on another app's check run", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    evaluated(log, { forSeq: 0 });
    const checkRun = (name: string) => ({ head_sha: "a".repeat(40), name, pull_requests: [{ number: 7 }] });
    log.add("check_run.rerequested", { action: "rerequested", check_run: checkRun("CodeQL"), sender: alice });
    expect(due(project(log))).toEqual([]);
    log.add("check_run.rerequested", { action: "rerequested", check_run: checkRun("Custody"), sender: alice });
    expect(due(project(log))).toEqual([[REPO, 7, 3, "check_run.rerequested by alice"]]);
    log.add("check_suite.rerequested", {
      action: "rerequested",
      check_suite: { head_sha: "a".repeat(40), pull_requests: [] },
      sender: alice,
    });
    expect(due(project(log))).toEqual([[REPO, 7, 4, "check_suite.rerequested by alice"]]);
  });

  it("a push to the base that changes the policy re-evaluates every open pull request into it; other pushes do not", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.pullRequest("opened", { number: 8, user: bob, head: { ref: "feature/x", sha: "8".repeat(40) } }, { sender: bob });
    log.pullRequest("opened", { number: 9, base: { ref: "release", sha: "b".repeat(40) } }, { sender: COPILOT });
    for (const number of [7, 8, 9]) {
      evaluated(log, { number, forSeq: 2 });
    }
    const push = (files: string[]) => ({
      ref: "refs/heads/main",
      after: "c".repeat(40),
      commits: [{ id: "c".repeat(40), message: "m", added: [], modified: files, removed: [] }],
      sender: carol,
    });
    log.add("push", push(["README.md"]));
    expect(due(project(log))).toEqual([]);
    log.add("push", push([".github/custody.yml"]));
    const store = project(log);
    expect(due(store).map((d) => d[1])).toEqual([7, 8]);
    expect(due(store)[0]?.[3]).toBe("push to main (ccccccc) changed .github/custody.yml");
    expect(store.branchTip(REPO, "main")).toBe("c".repeat(40));
  });
});

describe("metrics", () => {
  it("counts agent PRs per ISO week by agent, findings by type and review load per human reviewer", () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.pullRequest("opened", {
      number: 8,
      created_at: "2026-11-25T10:00:00Z",
      user: { login: "devin-ai-integration[bot]", id: 158243242, type: "Bot" },
      head: { ref: "devin/x", sha: "1".repeat(40) },
    });
    log.review(bob, "approved");
    log.review(bob, "commented", { number: 8, user: { login: "devin-ai-integration[bot]", id: 158243242, type: "Bot" } });
    log.review(AI_REVIEWER, "approved");
    log.add(
      "check.result",
      {
        forSeq: 0,
        repository: REPO,
        number: 7,
        headSha: "a".repeat(40),
        status: "completed",
        conclusion: "failure",
        findings: [
          { ruleId: "secret/github-pat", category: "secret", severity: "high" },
          { ruleId: "protected-paths", category: "policy", severity: "high" },
          { ruleId: "protected-paths", category: "policy", severity: "high" },
        ],
      },
      "check",
    );
    const metrics = computeMetrics(project(log));
    expect(metrics.agentPullRequestsPerWeek).toEqual([
      { week: "2026-W47", agent: "github-copilot", count: 1 },
      { week: "2026-W48", agent: "devin", count: 1 },
    ]);
    expect(metrics.findingsByType).toEqual([
      { category: "policy", ruleId: "protected-paths", count: 2 },
      { category: "secret", ruleId: "secret/github-pat", count: 1 },
    ]);
    expect(metrics.reviewLoad).toEqual([{ reviewer: "bob", reviews: 2, pullRequests: 2 }]);
  });
});

/** The metrics recomputed from scratch with SQL over the projection: the counters must agree. */
function aggregate(store: CaseStore): unknown {
  const db = store.db;
  return {
    perWeek: db
      .prepare("SELECT agent AS k1, opened_week AS k2, COUNT(*) AS value FROM cases WHERE is_agent = 1 GROUP BY 1, 2 ORDER BY 1, 2")
      .all(),
    findings: db.prepare("SELECT category AS k1, rule_id AS k2, SUM(count) AS value FROM case_findings GROUP BY 1, 2 ORDER BY 1, 2").all(),
    load: db
      .prepare(
        "SELECT reviewer AS k1, COUNT(*) AS value FROM case_reviews WHERE is_agent_case = 1 AND kind = 'human' GROUP BY 1 ORDER BY 1",
      )
      .all(),
  };
}

function fromCounters(store: CaseStore): unknown {
  const sorted = (metric: string) => store.counters(metric).sort((a, b) => a.k1.localeCompare(b.k1) || a.k2.localeCompare(b.k2));
  return {
    perWeek: sorted("agent_week"),
    findings: sorted("finding"),
    load: sorted("load_reviews").map(({ k1, value }) => ({ k1, value })),
  };
}

describe("metric counters", () => {
  it("agree with a from-scratch aggregate after a mixed history (a human PR turning out to be an agent's, reviews before it, findings replaced)", () => {
    const log = new EventLog();
    log.pullRequest(
      "opened",
      { number: 9, user: bob, head: { ref: "feature/x", sha: "8".repeat(40) }, assignees: [], body: "" },
      { sender: bob },
    );
    log.review(carol, "approved", { number: 9, user: bob, head: { ref: "feature/x", sha: "8".repeat(40) } });
    const finding = (ruleId: string) => ({ ruleId, category: "policy", severity: "high" });
    log.add(
      "check.result",
      {
        forSeq: 0,
        repository: REPO,
        number: 9,
        headSha: "8".repeat(40),
        status: "completed",
        agent: "claude-code",
        findings: [finding("a"), finding("a"), finding("b")],
      },
      "check",
    );
    log.add(
      "check.result",
      { forSeq: 0, repository: REPO, number: 9, headSha: "8".repeat(40), status: "completed", findings: [finding("b")] },
      "check",
    );
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.review(bob, "approved");
    log.merge(carol);
    const store = project(log);
    expect(fromCounters(store)).toEqual(aggregate(store));
    expect(computeMetrics(store).reviewLoad).toEqual([
      { reviewer: "bob", reviews: 1, pullRequests: 1 },
      { reviewer: "carol", reviews: 1, pullRequests: 1 },
    ]);
  });
});

describe("rebuild", () => {
  it("replaying the ledger into an empty projection gives the same case file", async () => {
    const log = new EventLog();
    log.pullRequest("opened", {}, { sender: COPILOT });
    log.review(bob, "approved");
    evaluated(log);
    log.merge(carol);
    const ledger = new MemoryLedger();
    ledger.events.push(...log.events);
    const a = new CaseProjector(new CaseStore(new Database(":memory:")), ledger, classifier);
    for (const event of log.events) {
      a.offer(event);
    }
    const b = new CaseProjector(new CaseStore(new Database(":memory:")), ledger, classifier);
    await b.catchUp();
    expect(caseFile(b.store, REPO, 7)).toEqual(caseFile(a.store, REPO, 7));
    expect(caseFile(b.store, REPO, 7)?.accountability?.gatesHeld).toBe(true);
  });

  it("offerSoon applies a burst of events on the next turn, in seq order, whatever order they came in", async () => {
    const log = new EventLog();
    const events = [log.pullRequest("opened", {}, { sender: COPILOT }), log.review(bob, "approved"), evaluated(log), log.merge(carol)];
    let applied = 0;
    const projector = new CaseProjector(new CaseStore(new Database(":memory:")), new MemoryLedger(), classifier, {
      onApplied: () => (applied += 1),
    });
    for (const event of [events[2], events[0], events[3], events[1]]) {
      projector.offerSoon(event!);
    }
    expect(projector.store.cursor()).toBe(-1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(projector.store.cursor()).toBe(3);
    expect(applied).toBe(1);
    expect(caseFile(projector.store, REPO, 7)?.accountability?.gatesHeld).toBe(true);
    projector.close();
  });

  it("buffers an event that arrives ahead of a gap and applies both in order", () => {
    const log = new EventLog();
    const first = log.pullRequest("opened", {}, { sender: COPILOT });
    const second = log.review(bob, "approved");
    const projector = new CaseProjector(new CaseStore(new Database(":memory:")), new MemoryLedger(), classifier);
    projector.offer(second);
    expect(projector.store.cursor()).toBe(-1);
    projector.offer(first);
    expect(projector.store.cursor()).toBe(1);
    expect(projector.pending).toBe(0);
    projector.close();
  });
});
