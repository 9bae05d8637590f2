import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../__fixtures__/test-values.js";
import { missingDataOutcomes } from "../__fixtures__/test-values.js";
import { policyOf, scenario } from "../__fixtures__/test-values.js";
import { scopeViolations } from "../paths/path-scope.js";
import { pathScopeRule } from "./path-scope.js";

const docsAgent = {
  rules: { path_scope: { scopes: [{ name: "docs agent", agents: ["claude-code"], only_changed_files: ["docs/**", "**/*.md"] }] } },
};

const fires: { name: string; spec: ScenarioSpec; expected: { path: string; severity: string; commit?: string }[] }[] = [
  {
    name: "agent changes a file outside its allow list",
    spec: { commits: [{ sha: "c1", by: "claude-code", files: ["docs/a.md", "src/app.ts"] }], policy: docsAgent },
    expected: [{ path: "src/app.ts", severity: "high", commit: "c1" }],
  },
  {
    name: "any agent changes a denied path",
    spec: {
      commits: [{ sha: "c2", by: "codex", files: ["infra/main.tf"] }],
      policy: { rules: { path_scope: { scopes: [{ agents: ["*"], deny_changed_files: ["infra/**"] }] } } },
    },
    expected: [{ path: "infra/main.tf", severity: "high", commit: "c2" }],
  },
  {
    name: "a task-label scope applies when the PR carries the label",
    spec: {
      commits: [{ sha: "c3", by: "copilot", files: ["src/x.ts"] }],
      pullRequest: { labels: ["docs"] },
      policy: { rules: { path_scope: { scopes: [{ labels: ["docs"], only_changed_files: ["docs/**"] }] } } },
    },
    expected: [{ path: "src/x.ts", severity: "high", commit: "c3" }],
  },
  {
    name: "every applicable scope must pass (agent scope and label scope intersect)",
    spec: {
      commits: [{ sha: "c4", by: "claude-code", files: ["src/a.ts", "docs/b.md"] }],
      pullRequest: { labels: ["docs-task"] },
      policy: {
        rules: {
          path_scope: {
            scopes: [
              { agents: ["claude-code"], only_changed_files: ["src/**", "docs/**"] },
              { labels: ["docs-task"], only_changed_files: ["docs/**"] },
            ],
          },
        },
      },
    },
    expected: [{ path: "src/a.ts", severity: "high", commit: "c4" }],
  },
  {
    name: "the policy's severity override applies",
    spec: {
      commits: [{ sha: "c5", by: "claude-code", files: ["src/app.ts"] }],
      policy: { rules: { path_scope: { severity: "critical", scopes: docsAgent.rules.path_scope.scopes } } },
    },
    expected: [{ path: "src/app.ts", severity: "critical", commit: "c5" }],
  },
  {
    name: "moving a file out of a denied directory is a change to it",
    spec: {
      commits: [{ sha: "c6", by: "codex", files: [{ path: "public/key.pem", oldPath: "secrets/key.pem" }] }],
      policy: { rules: { path_scope: { scopes: [{ agents: ["codex"], deny_changed_files: ["secrets/**"] }] } } },
    },
    expected: [{ path: "secrets/key.pem", severity: "high", commit: "c6" }],
  },
];

const passes: { name: string; spec: ScenarioSpec }[] = [
  {
    name: "agent stays inside its allow list",
    spec: { commits: [{ by: "claude-code", files: ["docs/guide.md", "README.md"] }], policy: docsAgent },
  },
  { name: "a human commit is outside agent scopes", spec: { commits: [{ files: ["src/app.ts"] }], policy: docsAgent } },
  { name: "a scope for another agent does not apply", spec: { commits: [{ by: "codex", files: ["src/app.ts"] }], policy: docsAgent } },
  {
    name: "a label scope does not apply without its label",
    spec: {
      commits: [{ by: "copilot", files: ["src/x.ts"] }],
      pullRequest: { labels: ["bug"] },
      policy: { rules: { path_scope: { scopes: [{ labels: ["docs"], only_changed_files: ["docs/**"] }] } } },
    },
  },
  { name: "no scopes configured", spec: { commits: [{ by: "claude-code", files: ["anything/at/all.ts"] }] } },
];

describe("path-scope", () => {
  it.each(fires)("fires: $name", ({ spec, expected }) => {
    const findings = pathScopeRule.evaluate(scenario(spec));
    expect(findings.map((finding) => ({ path: finding.location?.path, severity: finding.severity, commit: finding.commit }))).toEqual(
      expected,
    );
    for (const finding of findings) {
      expect(finding.ruleId).toBe("path-scope");
      expect(finding.message).toContain(spec.commits[0]?.by ?? "");
      expect(finding.message).toContain(finding.location?.path ?? "");
    }
  });

  it.each(passes)("passes: $name", ({ spec }) => {
    expect(pathScopeRule.evaluate(scenario(spec))).toEqual([]);
  });

  it("cannot judge (never passes) when every scope needs task labels and there is no PR", () => {
    const context = scenario({
      commits: [{ by: "copilot", files: ["src/x.ts"] }],
      policy: { rules: { path_scope: { scopes: [{ labels: ["docs"], only_changed_files: ["docs/**"] }] } } },
    });
    expect(pathScopeRule.missingData?.(context)?.reason).toContain("no pull request");
    const { failed, skipped, finding } = missingDataOutcomes(
      {
        commits: [{ by: "copilot", files: ["src/x.ts"] }],
        policy: { rules: { path_scope: { scopes: [{ labels: ["docs"], only_changed_files: ["docs/**"] }] } } },
      },
      "path-scope",
    );
    expect(failed).toMatchObject({ outcome: "failed", reason: expect.stringContaining("no pull request"), remedy: expect.any(String) });
    expect(finding?.message).toContain("no pull request");
    expect(skipped).toMatchObject({ outcome: "skipped", reason: expect.stringContaining("no pull request"), remedy: expect.any(String) });
  });

  it("scopeViolations lists the paths an agent may not change, for audit", () => {
    const policy = policyOf(docsAgent);
    expect(scopeViolations(policy, "claude-code", [], ["docs/a.md", "src/b.ts", ".github/workflows/ci.yml"])).toEqual([
      "src/b.ts",
      ".github/workflows/ci.yml",
    ]);
    expect(scopeViolations(policy, "codex", [], ["src/b.ts"])).toEqual([]);
  });
});
