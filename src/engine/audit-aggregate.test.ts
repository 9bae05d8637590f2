import { describe, expect, it } from "vitest";
import type { ActorKind } from "../model/actor.js";
import type { Commit, FileChange } from "../model/commit.js";
import type { CommitProvenance } from "../model/provenance.js";
import { AuditAggregator } from "./audit-aggregate.js";

let counter = 0;
function commit(date: string, files: Partial<FileChange>[] = [], extra: Partial<Commit> = {}): Commit {
  counter += 1;
  const sha = counter.toString(16).padStart(40, "0");
  return {
    sha,
    parents: ["p"],
    author: { name: "A", email: "a@example.com", date },
    committer: { name: "A", email: "a@example.com", date },
    subject: `commit ${String(counter)}`,
    message: `commit ${String(counter)}\n`,
    trailers: [],
    files: files.map((f) => ({ path: "x", status: "modified", additions: 1, deletions: 0, binary: false, ...f })),
    ...extra,
  };
}

function prov(kind: ActorKind, agent?: string, trailers: Record<string, string> = {}): CommitProvenance {
  return { sha: "", kind, ...(agent === undefined ? {} : { agent }), confidence: 1, evidence: [], provenanceTrailers: trailers };
}

const rules = {
  requiredTrailers: ["Agent-Task", "Authorized-by"],
  isProtected: (path: string) => path.startsWith(".github/workflows/"),
  scopeViolations: (agent: string, paths: string[]) => (agent === "codex" ? paths.filter((p) => !p.startsWith("src/")) : []),
};

describe("AuditAggregator", () => {
  it("counts commits by kind, agent and ISO week", () => {
    const audit = new AuditAggregator(rules);
    audit.add(
      commit("2025-01-06T10:00:00Z", [{ additions: 5, deletions: 2 }]),
      prov("agent", "claude-code", { "agent-task": "T-1", "authorized-by": "ada" }),
    );
    audit.add(commit("2025-01-07T10:00:00Z"), prov("human"));
    audit.add(
      commit("2025-01-14T10:00:00Z", [{ additions: 3 }]),
      prov("agent", "github-copilot", { "agent-task": "T-2", "authorized-by": "ada" }),
    );
    audit.add(commit("2025-01-15T10:00:00Z"), prov("maintenance-bot", "dependabot"));
    audit.add(commit("2025-01-15T11:00:00Z", [], { parents: ["a", "b"] }), prov("human"));
    const report = audit.report({ repository: "/r" });
    expect(report.totals).toEqual({
      commits: 5,
      mergeCommits: 1,
      byKind: { agent: 2, human: 2, "maintenance-bot": 1, "ai-reviewer": 0 },
      agentShare: 0.4,
      agentAdditions: 8,
      agentDeletions: 2,
      // The stand-in provenance carries no basis: read as evidence in the commit.
      agentByBasis: { commit: 2, merge: 0, branch: 0, suggestion: 0, notes: 0, trace: 0 },
    });
    expect(report.weeks).toEqual([
      { week: "2025-W02", commits: 2, agentCommits: 1, byAgent: { "claude-code": 1 } },
      { week: "2025-W03", commits: 3, agentCommits: 1, byAgent: { "github-copilot": 1 } },
    ]);
    expect(report.agents.map((a) => [a.agent, a.commits, a.additions])).toEqual([
      ["claude-code", 1, 5],
      ["github-copilot", 1, 3],
    ]);
    expect(report.maintenanceBots).toEqual({ dependabot: 1 });
    expect(report.firstCommitDate).toBe("2025-01-06T10:00:00Z");
    expect(report.lastCommitDate).toBe("2025-01-15T11:00:00Z");
    expect(report.missingProvenance.count).toBe(0);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("reports agent commits missing required trailers, naming the keys", () => {
    const audit = new AuditAggregator(rules);
    audit.add(commit("2025-01-06T10:00:00Z"), prov("agent", "devin", { "agent-task": "T-9" }));
    audit.add(commit("2025-01-06T11:00:00Z"), prov("agent", "devin", { "agent-task": "T-9", "authorized-by": "bea" }));
    // Humans are not required to carry agent provenance.
    audit.add(commit("2025-01-06T12:00:00Z"), prov("human"));
    const report = audit.report({ repository: "/r" });
    expect(report.missingProvenance.count).toBe(1);
    expect(report.missingProvenance.examples[0]).toMatchObject({ agent: "devin", items: ["Authorized-by"] });
    expect(report.agents[0]?.missingProvenance).toBe(1);
  });

  it("flags protected paths, including a rename away from one, for agents only", () => {
    const audit = new AuditAggregator(rules);
    audit.add(commit("2025-01-06T10:00:00Z", [{ path: ".github/workflows/ci.yml" }, { path: "src/a.ts" }]), prov("agent", "claude-code"));
    audit.add(
      commit("2025-01-06T11:00:00Z", [{ path: "ci-old.yml", oldPath: ".github/workflows/ci.yml", status: "renamed" }]),
      prov("agent", "claude-code"),
    );
    audit.add(commit("2025-01-06T12:00:00Z", [{ path: ".github/workflows/ci.yml" }]), prov("human"));
    audit.add(commit("2025-01-06T13:00:00Z", [{ path: "src/b.ts" }]), prov("agent", "claude-code"));
    const report = audit.report({ repository: "/r" });
    expect(report.protectedPaths.count).toBe(2);
    expect(report.protectedPaths.examples.map((e) => e.items)).toEqual([[".github/workflows/ci.yml"], [".github/workflows/ci.yml"]]);
    expect(report.agents[0]?.protectedPathCommits).toBe(2);
  });

  it("flags paths outside an agent's scope", () => {
    const audit = new AuditAggregator(rules);
    audit.add(commit("2025-01-06T10:00:00Z", [{ path: "src/ok.ts" }, { path: "infra/main.tf" }]), prov("agent", "codex"));
    audit.add(commit("2025-01-06T11:00:00Z", [{ path: "src/fine.ts" }]), prov("agent", "codex"));
    const report = audit.report({ repository: "/r" });
    expect(report.scopeViolations).toMatchObject({ count: 1, examples: [{ agent: "codex", items: ["infra/main.tf"] }] });
  });

  it("keeps counts exact but examples bounded", () => {
    const audit = new AuditAggregator({ ...rules, maxExamples: 3 });
    for (let i = 0; i < 50; i += 1) {
      audit.add(commit("2025-01-06T10:00:00Z"), prov("agent", "codex"));
    }
    const report = audit.report({ repository: "/r" });
    expect(report.missingProvenance.count).toBe(50);
    expect(report.missingProvenance.examples).toHaveLength(3);
    expect(report.maxExamples).toBe(3);
  });

  it("reports an empty history without dividing by zero", () => {
    const report = new AuditAggregator(rules).report({ repository: "/r", since: "2025-01-01" });
    expect(report.totals.agentShare).toBe(0);
    expect(report.firstCommitDate).toBeNull();
    expect(report.since).toBe("2025-01-01");
    expect(report.until).toBeNull();
  });
});
