import { afterEach, describe, expect, it } from "vitest";
import { buildRegistry, classifyCommit } from "../provenance/index.js";
import { openRepository } from "../sources/git/repository.js";
import { createGitScenario } from "../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../test/fixtures/git-scenario.js";
import type { AuditWalkOptions } from "./audit.js";
import { auditCommits } from "./audit.js";
import type { AuditCommitRecord } from "../model/audit-report.js";

let scenario: GitScenario | undefined;

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

const registry = buildRegistry();

/** main ← a Codex-cloud pull request whose commits carry the human's identity, merged by GitHub. */
function codexPullRequest(merge: string): GitScenario {
  const s = createGitScenario();
  s.write("a.ts", "a\n");
  s.commit("human base");
  s.branch("codex/fix-login");
  s.write("b.ts", "b\n");
  s.commit("Fix the login redirect");
  s.write("b.ts", "b2\n");
  s.commit("Add a test");
  s.checkout("main");
  s.write("c.ts", "c\n");
  s.commit("human work on main meanwhile");
  s.git("merge", "--no-ff", "-q", "-m", merge, "codex/fix-login");
  return s;
}

async function records(options: Partial<AuditWalkOptions> = {}): Promise<AuditCommitRecord[]> {
  if (scenario === undefined) {
    throw new Error("no scenario");
  }
  const out: AuditCommitRecord[] = [];
  for await (const record of auditCommits({
    repo: await openRepository(scenario.dir),
    registry,
    classify: (commit, context) => classifyCommit(commit, registry, {}, context),
    ...options,
  })) {
    out.push(record);
  }
  return out;
}

describe("merge evidence over real history", () => {
  it("attributes a platform merge of an agent branch and only its pull request's commits", async () => {
    scenario = codexPullRequest("Merge pull request #7 from acme/codex/fix-login\n\nFix the login redirect");
    const bySubject = new Map((await records()).map((record) => [record.subject, record]));
    expect(bySubject.get("Merge pull request #7 from acme/codex/fix-login")).toMatchObject({
      kind: "agent",
      agent: "openai-codex",
      basis: "merge",
    });
    expect(bySubject.get("Fix the login redirect")).toMatchObject({ kind: "agent", agent: "openai-codex", basis: "merge" });
    expect(bySubject.get("Add a test")).toMatchObject({ kind: "agent", basis: "merge" });
    expect(bySubject.get("human work on main meanwhile")).toMatchObject({ kind: "human" });
    expect(bySubject.get("human base")).toMatchObject({ kind: "human" });
  });

  it("keeps them human, with the hint listed, under branch_evidence: hint", async () => {
    scenario = codexPullRequest("Merge pull request #7 from acme/codex/fix-login");
    const fix = (await records({ branchEvidence: "hint" })).find((record) => record.subject === "Fix the login redirect");
    expect(fix?.kind).toBe("human");
    expect(fix?.evidence).toContainEqual(expect.objectContaining({ signal: "merge", strength: "weak", subject: "openai-codex" }));
  });

  it("calls a local merge of an agent branch basis branch", async () => {
    scenario = codexPullRequest("Merge branch 'codex/fix-login'");
    const fix = (await records()).find((record) => record.subject === "Fix the login redirect");
    expect(fix).toMatchObject({ kind: "agent", basis: "branch" });
  });

  it("leaves a merge of a human-named branch alone", async () => {
    scenario = codexPullRequest("Merge pull request #7 from acme/feature/login");
    expect((await records()).every((record) => record.kind === "human")).toBe(true);
  });

  it("lets evidence in the commit win over the merge", async () => {
    scenario = createGitScenario();
    scenario.write("a", "a\n");
    scenario.commit("base");
    scenario.branch("codex/x");
    scenario.write("b", "b\n");
    scenario.commit("refactor\n\nCo-authored-by: Claude <noreply@anthropic.com>\n");
    scenario.checkout("main");
    scenario.git("merge", "--no-ff", "-q", "-m", "Merge pull request #1 from acme/codex/x", "codex/x");
    const refactor = (await records()).find((record) => record.subject === "refactor");
    expect(refactor).toMatchObject({ kind: "agent", agent: "claude-code", basis: "commit" });
    expect(refactor?.evidence).toContainEqual(expect.objectContaining({ signal: "merge", subject: "openai-codex" }));
  });
});
