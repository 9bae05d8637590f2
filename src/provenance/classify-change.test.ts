import { describe, expect, it } from "vitest";
import { classifyChange } from "./classify-change.js";
import { makeChange, makePullRequest } from "./__fixtures__/make-change.js";
import { makeCommit, WEB_FLOW } from "./__fixtures__/make-commit.js";
import { buildRegistry } from "./signature-registry.js";

const registry = buildRegistry();

const copilotCommit = () =>
  makeCommit({
    author: ["copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"],
    committer: WEB_FLOW,
    subject: "Fix flaky test",
  });
const claudeCommit = () => makeCommit({ trailers: [["Co-authored-by", "Claude <noreply@anthropic.com>"]] });
const cursorCommit = () => makeCommit({ trailers: [["Co-authored-by", "Cursor Agent <cursoragent@cursor.com>"]] });
const humanCommit = () => makeCommit();
const dependabotCommit = () =>
  makeCommit({ author: ["dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"], subject: "Bump zod" });

describe("classifyChange", () => {
  it("recognises a Copilot coding agent PR by its account id", () => {
    const pr = makePullRequest({
      author: { login: "Copilot", id: 198982749, type: "Bot" },
      headBranch: "copilot/fix-flaky-test",
      body: "Fixes the flaky test.\n\n<!-- START COPILOT CODING AGENT SUFFIX -->",
      assignees: [
        { login: "Copilot", id: 198982749 },
        { login: "jane-doe", id: 1001 },
      ],
    });
    const result = classifyChange(makeChange([copilotCommit()], pr), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "github-copilot", agents: ["github-copilot"] });
    expect(result.confidence).toBeGreaterThan(0.95);
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ signal: "account-id", strength: "strong", subject: "github-copilot" }),
    );
    expect(result.evidence).toContainEqual(expect.objectContaining({ signal: "branch", strength: "weak", subject: "github-copilot" }));
    expect(result.commits).toHaveLength(1);
    expect(result.commits[0]).toMatchObject({ kind: "agent", agent: "github-copilot" });
  });

  it("keeps a human's branch named copilot/fix a human change", () => {
    const pr = makePullRequest({ headBranch: "copilot/fix" });
    const result = classifyChange(makeChange([humanCommit()], pr), registry);
    expect(result).toMatchObject({ kind: "human", agents: [] });
    expect(result.agent).toBeUndefined();
    expect(result.confidence).toBeLessThan(0.9);
    expect(result.evidence).toContainEqual(expect.objectContaining({ signal: "branch", strength: "weak", subject: "github-copilot" }));
  });

  it("does not let several weak signals decide together", () => {
    const pr = makePullRequest({ headBranch: "codex/add-tests", labels: ["codex"] });
    const result = classifyChange(makeChange([makeCommit({ body: "See https://chatgpt.com/codex/tasks/task_e_1" })], pr), registry);
    expect(result.kind).toBe("human");
    expect(result.confidence).toBe(0.6);
  });

  it("recognises a Codex cloud PR opened from the human's account by its task link", () => {
    const pr = makePullRequest({
      headBranch: "codex/add-tests",
      labels: ["codex"],
      body: "## Summary\n- add tests\n\nhttps://chatgpt.com/codex/tasks/task_e_687a53ba646c8331baa4140c5b2bec70",
    });
    const result = classifyChange(makeChange([humanCommit()], pr), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "openai-codex", agents: ["openai-codex"] });
    // The task link decides; branch and label corroborate.
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it("recognises a Jules PR by its footer", () => {
    const pr = makePullRequest({
      body: "Refactors the parser.\n\n---\n*PR created automatically by Jules for task [1056](https://jules.google.com/task/1056) started by @jane-doe*",
    });
    expect(classifyChange(makeChange([humanCommit()], pr), registry)).toMatchObject({ kind: "agent", agent: "google-jules" });
  });

  it("recognises an agent login without an id at medium strength", () => {
    const pr = makePullRequest({ author: { login: "devin-ai-integration[bot]" }, headBranch: "devin/1712345678-fix" });
    const result = classifyChange(makeChange([humanCommit()], pr), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "devin" });
    expect(result.evidence).toContainEqual(expect.objectContaining({ signal: "login", strength: "medium", subject: "devin" }));
  });

  it("does not trust a login whose account id is not the agent's", () => {
    const pr = makePullRequest({ author: { login: "Copilot", id: 12345, type: "User" } });
    const result = classifyChange(makeChange([humanCommit()], pr), registry);
    expect(result.kind).toBe("human");
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        signal: "login",
        strength: "weak",
        subject: "github-copilot",
        detail: expect.stringContaining("renamed or reused"),
      }),
    );
  });

  it("keeps the human GitHub account named claude human", () => {
    const pr = makePullRequest({ author: { login: "claude", id: 81847, type: "User" } });
    expect(classifyChange(makeChange([humanCommit()], pr), registry)).toMatchObject({ kind: "human", agents: [] });
  });

  it("calls a Dependabot PR a maintenance bot's", () => {
    const pr = makePullRequest({
      author: { login: "dependabot[bot]", id: 49699333, type: "Bot" },
      headBranch: "dependabot/npm_and_yarn/zod-4.1.0",
    });
    expect(classifyChange(makeChange([dependabotCommit()], pr), registry)).toMatchObject({
      kind: "maintenance-bot",
      agent: "dependabot",
      agents: [],
    });
  });

  it("calls an unknown bot's PR a maintenance bot's", () => {
    const pr = makePullRequest({ author: { login: "release-please[bot]", id: 55107282, type: "Bot" } });
    expect(classifyChange(makeChange([humanCommit()], pr), registry)).toMatchObject({
      kind: "maintenance-bot",
      agent: "release-please[bot]",
    });
  });

  it("lists every distinct agent of a change", () => {
    const result = classifyChange(makeChange([claudeCommit(), humanCommit(), cursorCommit(), claudeCommit()], makePullRequest()), registry);
    expect(result.kind).toBe("agent");
    expect(result.agents).toEqual(["claude-code", "cursor"]);
    expect(result.agent).toBe("claude-code");
    expect(result.commits.map((commit) => commit.kind)).toEqual(["agent", "human", "agent", "agent"]);
  });

  it("marks an agent-assisted commit inside a human PR as an agent change", () => {
    const result = classifyChange(makeChange([humanCommit(), claudeCommit()], makePullRequest()), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "claude-code" });
  });

  it("prefixes commit evidence with the commit it came from", () => {
    const commit = makeCommit({ sha: "1234567890ab".padEnd(40, "0"), trailers: [["Co-authored-by", "Claude <noreply@anthropic.com>"]] });
    const result = classifyChange(makeChange([commit]), registry);
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ subject: "claude-code", detail: expect.stringMatching(/^commit 1234567890ab: /u) }),
    );
    // The commit's own provenance keeps its unprefixed detail.
    expect(result.commits[0]?.evidence.find((item) => item.subject === "claude-code")?.detail).not.toMatch(/^commit /u);
  });

  it("without a PR, calls all-Dependabot commits a maintenance bot's and a mix human", () => {
    expect(classifyChange(makeChange([dependabotCommit(), dependabotCommit()]), registry)).toMatchObject({
      kind: "maintenance-bot",
      agent: "dependabot",
    });
    expect(classifyChange(makeChange([dependabotCommit(), humanCommit()]), registry)).toMatchObject({ kind: "human", agents: [] });
    expect(classifyChange(makeChange([]), registry)).toMatchObject({ kind: "human", agents: [], commits: [] });
  });

  it("treats an assigned agent as a weak hint only", () => {
    const pr = makePullRequest({ assignees: [{ login: "Copilot", id: 198982749 }] });
    const result = classifyChange(makeChange([humanCommit()], pr), registry);
    expect(result.kind).toBe("human");
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ strength: "weak", subject: "github-copilot", detail: expect.stringContaining("assignee") }),
    );
  });

  it("passes the required trailers through to every commit", () => {
    const commit = makeCommit({
      trailers: [
        ["Co-authored-by", "Claude <noreply@anthropic.com>"],
        ["Ticket", "OPS-7"],
      ],
    });
    const result = classifyChange(makeChange([commit]), registry, { requiredTrailers: ["Ticket"] });
    expect(result.commits[0]?.provenanceTrailers).toEqual({ ticket: "OPS-7" });
  });
});
