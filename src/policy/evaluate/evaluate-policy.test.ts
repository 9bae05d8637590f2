import { describe, expect, it } from "vitest";
import { review, scenario, TRAILERS_OK } from "../__fixtures__/test-values.js";
import { evaluatePolicy } from "./evaluate-policy.js";
import { RULES } from "../rules/index.js";

describe("evaluatePolicy", () => {
  it("runs every rule on a fully known agent PR and collects their findings", () => {
    const context = scenario({
      commits: [{ by: "copilot", files: [".github/workflows/ci.yml", "package.json"] }],
      pullRequest: { headBranch: "feature/x", reviews: [review("dana")] },
      codeowners: "* @lead\n",
    });
    const result = evaluatePolicy(context);
    expect(result.skipped).toEqual([]);
    expect(result.ran).toEqual(RULES.map((rule) => rule.meta.id));
    expect(result.findings.map((finding) => finding.ruleId).sort()).toEqual(
      [
        "protected-paths",
        "dependency-approval",
        "required-trailers",
        "required-approvals",
        "codeowner-approval",
        "codeowner-approval",
        "branch-naming",
      ].sort(),
    );
  });

  it("finds nothing in a compliant agent PR", () => {
    const context = scenario({
      commits: [{ by: "copilot", files: ["src/app.ts"], trailers: TRAILERS_OK }],
      pullRequest: { reviews: [review("lead")] },
      codeowners: "* @lead\n",
    });
    const result = evaluatePolicy(context);
    expect(result.findings).toEqual([]);
    expect(result.ran).toHaveLength(RULES.length);
  });

  it("a human change with no PR: agent rules run and find nothing; nothing is skipped", () => {
    const result = evaluatePolicy(scenario({ commits: [{ files: [".github/workflows/ci.yml", "package.json"] }] }));
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.ran).toHaveLength(RULES.length);
  });

  it("an agent change without a PR fails each rule it could not judge, naming what is missing and how to supply it", () => {
    const spec = { commits: [{ by: "claude-code", files: ["src/a.ts"], trailers: TRAILERS_OK }], codeowners: "* @lead\n" };
    const result = evaluatePolicy(scenario(spec));
    const cannotJudge = result.outcomes.filter((outcome) => outcome.reason !== undefined);
    expect(cannotJudge.map((outcome) => outcome.id).sort()).toEqual(["branch-naming", "codeowner-approval", "required-approvals"].sort());
    for (const outcome of cannotJudge) {
      expect(outcome).toMatchObject({
        outcome: "failed",
        findings: 1,
        reason: expect.stringContaining("no pull request"),
        remedy: expect.stringContaining("--event"),
      });
    }
    expect(result.findings.map((finding) => finding.ruleId).sort()).toEqual(
      ["branch-naming", "codeowner-approval", "required-approvals"].sort(),
    );
    expect(result.skipped).toEqual([]);
    expect(result.outcomes.find((outcome) => outcome.id === "required-trailers")).toEqual({
      id: "required-trailers",
      kind: "rule",
      outcome: "passed",
      findings: 0,
    });
  });

  it("with on_missing_data: skip the same rules are skipped with their reason, and one rule can override the default", () => {
    const base = { commits: [{ by: "claude-code", files: ["src/a.ts"], trailers: TRAILERS_OK }] };
    const skipping = evaluatePolicy(
      scenario({ ...base, policy: { on_missing_data: "skip", rules: { required_approvals: { on_missing_data: "fail" } } } }),
    );
    expect(skipping.skipped.map((entry) => entry.rule).sort()).toEqual(["branch-naming"]);
    expect(skipping.findings.map((finding) => finding.ruleId)).toEqual(["required-approvals"]);
  });

  it("accounts for every rule exactly once, in table order", () => {
    const result = evaluatePolicy(scenario({ commits: [{ by: "copilot", files: ["a"] }], pullRequest: { reviews: [] } }));
    expect(result.outcomes.map((outcome) => outcome.id)).toEqual(RULES.map((rule) => rule.meta.id));
  });

  it("gives the same fingerprint for the same issue across runs and different ones for different paths", () => {
    const first = evaluatePolicy(scenario({ commits: [{ by: "copilot", files: ["CLAUDE.md", "AGENTS.md"] }] })).findings;
    const second = evaluatePolicy(scenario({ commits: [{ by: "copilot", files: ["CLAUDE.md", "AGENTS.md"] }] })).findings;
    expect(first.map((finding) => finding.fingerprint)).toEqual(second.map((finding) => finding.fingerprint));
    const protectedFindings = first.filter((finding) => finding.ruleId === "protected-paths");
    expect(new Set(protectedFindings.map((finding) => finding.fingerprint)).size).toBe(2);
  });
});
