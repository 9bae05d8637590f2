import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../__fixtures__/test-values.js";
import { missingDataOutcomes } from "../__fixtures__/test-values.js";
import { scenario } from "../__fixtures__/test-values.js";
import { branchNamingRule } from "./branch-naming.js";

const fires: { name: string; spec: ScenarioSpec; expected: { check: string; branch: string; severity: string }[] }[] = [
  {
    name: "agent PR from a branch outside the agent patterns",
    spec: { commits: [{ by: "claude-code", files: ["a"] }], pullRequest: { headBranch: "fix-parser" } },
    expected: [{ check: "from_branch", branch: "fix-parser", severity: "low" }],
  },
  {
    name: "agent PR targeting a release branch",
    spec: {
      commits: [{ by: "copilot", files: ["a"] }],
      pullRequest: { baseBranch: "release/2.0" },
      policy: { rules: { branch_naming: { targets_branch: ["main", "develop"], severity: "high" } } },
    },
    expected: [{ check: "targets_branch", branch: "release/2.0", severity: "high" }],
  },
  {
    name: "custom head patterns",
    spec: {
      commits: [{ by: "copilot", files: ["a"] }],
      pullRequest: { headBranch: "copilot/fix" },
      policy: { rules: { branch_naming: { from_branch: ["ai/*/**"] } } },
    },
    expected: [{ check: "from_branch", branch: "copilot/fix", severity: "low" }],
  },
];

const passes: { name: string; spec: ScenarioSpec }[] = [
  {
    name: "agent PR from copilot/…",
    spec: { commits: [{ by: "copilot", files: ["a"] }], pullRequest: { headBranch: "copilot/fix-parser" } },
  },
  { name: "nested agent branch", spec: { commits: [{ by: "codex", files: ["a"] }], pullRequest: { headBranch: "codex/team/task-9" } } },
  {
    name: "a human PR from any branch",
    spec: { commits: [{ files: ["a"] }], pullRequest: { headBranch: "hana-hotfix", author: { login: "hana" } } },
  },
  {
    name: "allowed target",
    spec: {
      commits: [{ by: "copilot", files: ["a"] }],
      pullRequest: { baseBranch: "main" },
      policy: { rules: { branch_naming: { targets_branch: ["main"] } } },
    },
  },
];

describe("branch-naming", () => {
  it.each(fires)("fires: $name", ({ spec, expected }) => {
    const findings = branchNamingRule.evaluate(scenario(spec));
    expect(
      findings.map((finding) => ({ check: finding.properties?.check, branch: finding.properties?.branch, severity: finding.severity })),
    ).toEqual(expected);
    for (const finding of findings) {
      expect(finding.ruleId).toBe("branch-naming");
      expect(finding.message).toContain(spec.commits[0]?.by ?? "");
    }
  });

  it.each(passes)("passes: $name", ({ spec }) => {
    expect(branchNamingRule.evaluate(scenario(spec))).toEqual([]);
  });

  it("fails (or, with on_missing_data: skip, is skipped) for an agent change without a pull request", () => {
    const { failed, skipped, finding } = missingDataOutcomes({ commits: [{ by: "copilot", files: ["a"] }] }, "branch-naming");
    expect(failed).toMatchObject({ outcome: "failed", reason: expect.stringContaining("no pull request"), remedy: expect.any(String) });
    expect(finding?.message).toContain("no pull request");
    expect(skipped).toMatchObject({ outcome: "skipped", reason: expect.stringContaining("no pull request"), remedy: expect.any(String) });
  });
});
