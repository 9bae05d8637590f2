// Verdicts shaped like real `check` results, for the reporter tests.
import type { Finding } from "../../model/finding.js";
import type { Verdict } from "../../model/verdict.js";

const BASE = "1111111111111111111111111111111111111111";
const HEAD = "2222222222222222222222222222222222222222";

export const ssrfFinding: Finding = {
  ruleId: "taint/ssrf",
  category: "code",
  severity: "high",
  message: "User input from req.query.url reaches fetch() (server-side request forgery).",
  location: { path: "src/routes/proxy.ts", startLine: 14, startColumn: 9, endLine: 14, endColumn: 31 },
  fingerprint: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
  flows: [
    [
      { location: { path: "src/routes/proxy.ts", startLine: 11, startColumn: 15 }, message: "source: req.query.url" },
      { location: { path: "src/routes/proxy.ts", startLine: 12, startColumn: 9 }, message: "assigned to target" },
      { location: { path: "src/routes/proxy.ts", startLine: 14, startColumn: 9 }, message: "sink: fetch(target)" },
    ],
  ],
};

export const protectedPathFinding: Finding = {
  ruleId: "protected-paths",
  category: "policy",
  severity: "high",
  message: "Agent github-copilot changed protected path .github/workflows/ci.yml | deploy.",
  location: { path: ".github/workflows/ci.yml" },
  commit: "3333333333333333333333333333333333333333",
  fingerprint: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
};

export const approvalFinding: Finding = {
  ruleId: "required-approvals",
  category: "policy",
  severity: "medium",
  message: "Agent pull request has 0 independent human approval(s); 1 required.",
  fingerprint: "ffeeddccbbaa99887766554433221100",
};

export const unicodePathFinding: Finding = {
  ruleId: "secret/github-pat",
  category: "secret",
  severity: "critical",
  message: "GitHub personal access token ghp_…(40) added.",
  location: { path: "docs/café notes/setup #1.md", startLine: 3 },
  fingerprint: "00112233445566778899aabbccddeeff",
};

export function agentVerdict(findings: Finding[], outcome: Verdict["outcome"] = "fail"): Verdict {
  return {
    outcome,
    failOn: "high",
    findings,
    base: BASE,
    head: HEAD,
    ran: ["protected-paths", "required-approvals", "code"],
    policySource: { origin: "base", path: ".github/custody.yml", blobSha: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", rev: BASE },
    rules: [
      {
        id: "protected-paths",
        kind: "rule",
        outcome: findings.some((f) => f.ruleId === "protected-paths") ? "failed" : "passed",
        findings: findings.filter((f) => f.ruleId === "protected-paths").length,
      },
      {
        id: "required-approvals",
        kind: "rule",
        outcome: "failed",
        findings: 1,
        reason: "the pull request's reviews are unknown, so the independent approvals cannot be counted",
        remedy: "pass --event with the reviews, or give the Action a github-token so it fetches them",
      },
      {
        id: "branch-naming",
        kind: "rule",
        outcome: "skipped",
        findings: 0,
        reason: "disabled by the policy (rules.branch_naming.enabled: false)",
        remedy: "set rules.branch_naming.enabled: true",
      },
      { id: "code", kind: "detector", outcome: "passed", findings: 0 },
    ],
    provenance: {
      kind: "agent",
      agent: "github-copilot",
      agents: ["github-copilot"],
      confidence: 0.9,
      evidence: [
        {
          signal: "author",
          strength: "medium",
          subject: "github-copilot",
          kind: "agent",
          detail: "author email 198982749+Copilot@users.noreply.github.com",
        },
      ],
      commits: [
        {
          sha: "3333333333333333333333333333333333333333",
          kind: "agent",
          agent: "github-copilot",
          confidence: 0.9,
          evidence: [],
          provenanceTrailers: { "agent-task": "#42" },
        },
      ],
    },
  };
}
