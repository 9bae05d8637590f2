import { describe, expect, it } from "vitest";
import { AuditAggregator } from "../engine/audit-aggregate.js";
import type { AuditReport } from "../model/audit-report.js";
import type { Commit } from "../model/commit.js";
import { renderAuditJson } from "./audit-json.js";
import { escapeMarkdown, renderAuditMarkdown } from "./audit-markdown.js";
import { printable, renderAuditText } from "./audit-text.js";

function sample(subject = "Edit CI"): AuditReport {
  const audit = new AuditAggregator({
    requiredTrailers: ["Agent-Task"],
    isProtected: (p) => p.startsWith(".github/"),
    scopeViolations: () => [],
  });
  const commit: Commit = {
    sha: "a".repeat(40),
    parents: [],
    author: { name: "Copilot", email: "c@example.com", date: "2025-01-07T10:00:00Z" },
    committer: { name: "Copilot", email: "c@example.com", date: "2025-01-07T10:00:00Z" },
    subject,
    message: subject,
    trailers: [],
    files: [{ path: ".github/workflows/ci.yml", status: "modified", additions: 2, deletions: 1, binary: false }],
  };
  audit.add(commit, { sha: commit.sha, kind: "agent", agent: "github-copilot", confidence: 1, evidence: [], provenanceTrailers: {} });
  audit.add(
    { ...commit, sha: "b".repeat(40), author: { ...commit.author, name: "Ada" }, files: [] },
    { sha: "b", kind: "human", confidence: 1, evidence: [], provenanceTrailers: {} },
  );
  return audit.report({ repository: "/repo" });
}

describe("renderAuditText", () => {
  it("shows totals, the agent table and the findings with examples", () => {
    const text = renderAuditText(sample(), { color: false });
    expect(text).toContain("2 commits from 2025-01-07 to 2025-01-07: 1 by agents (50.0%), 1 by people");
    expect(text).toMatch(/Agent\s+Commits\s+\+Lines/);
    expect(text).toMatch(/github-copilot\s+1\s+2\s+1\s+1\s+1\s+0/);
    expect(text).toContain("Agent commits missing provenance trailers (Agent-Task): 1");
    expect(text).toContain("aaaaaaaaaa 2025-01-07 github-copilot: Edit CI — touched .github/workflows/ci.yml");
    expect(text).toContain("Agent commits outside their allowed scope: ok");
    expect(text).not.toContain("\u001b[");
  });

  it("colours only when asked", () => {
    expect(renderAuditText(sample(), { color: true })).toContain("\u001b[1m");
  });

  it("neutralises terminal escapes in commit subjects", () => {
    const text = renderAuditText(sample("evil \u001b[2J\u001b]0;pwned\u0007 subject\rover"), { color: false });
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\r");
    expect(printable("a\u009bb")).toBe("a\ufffdb");
  });

  it("says so when no agent commits exist", () => {
    const empty = new AuditAggregator({ requiredTrailers: [], isProtected: () => false, scopeViolations: () => [] }).report({
      repository: "/r",
    });
    expect(renderAuditText(empty, { color: false })).toContain("No agent-authored commits found.");
  });
});

describe("renderAuditJson", () => {
  it("round-trips the report", () => {
    const report = sample();
    expect(JSON.parse(renderAuditJson(report))).toEqual(report);
  });
});

describe("renderAuditMarkdown", () => {
  it("renders tables and escapes repository text", () => {
    const md = renderAuditMarkdown(sample("<img src=x onerror=alert(1)> | [link](http://x)"));
    expect(md).toContain("## Custody audit");
    expect(md).toContain("| github-copilot | 1 | 2 | 1 | 1 | 1 | 0 |");
    expect(md).not.toContain("<img");
    expect(md).not.toContain("[link]");
    expect(md).toContain("### Agent commits touching protected paths: 1");
    expect(escapeMarkdown("a|b\nc")).toBe("a&#124;b c");
  });
});
