import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../__fixtures__/test-values.js";
import { missingDataOutcomes } from "../__fixtures__/test-values.js";
import { review, scenario } from "../__fixtures__/test-values.js";
import { evaluatePolicy } from "../evaluate/evaluate-policy.js";
import { codeownerApprovalRule } from "./codeowner-approval.js";

const CODEOWNERS = `# owners
*                 @lead
/src/payments/    @pay-owner @acme/payments
docs/*            docs@example.com
/src/generated/
`;

const fires: { name: string; spec: ScenarioSpec; expected: { path: string; severity: string }[]; message: RegExp }[] = [
  {
    name: "nobody approved an owned path",
    spec: { commits: [{ by: "copilot", files: ["src/app.ts"] }], pullRequest: { reviews: [review("sam")] }, codeowners: CODEOWNERS },
    expected: [{ path: "src/app.ts", severity: "medium" }],
    message: /owned by @lead \(\.github\/CODEOWNERS:2\)/,
  },
  {
    name: "the last matching line wins: the catch-all owner does not own payments",
    spec: {
      commits: [{ by: "copilot", files: ["src/payments/charge.ts"] }],
      pullRequest: { reviews: [review("lead")] },
      codeowners: CODEOWNERS,
      policy: { rules: { codeowner_approval: { severity: "high" } } },
    },
    expected: [{ path: "src/payments/charge.ts", severity: "high" }],
    message: /Team membership of @acme\/payments cannot be resolved offline/,
  },
  {
    name: "the owner is the delegating human",
    spec: {
      commits: [{ by: "copilot", files: ["src/app.ts"] }],
      pullRequest: { assignees: [{ login: "lead" }], reviews: [review("lead")] },
      codeowners: CODEOWNERS,
    },
    expected: [{ path: "src/app.ts", severity: "medium" }],
    message: /no owner has approved independently/,
  },
];

const passes: { name: string; spec: ScenarioSpec }[] = [
  {
    name: "an owner approved",
    spec: { commits: [{ by: "copilot", files: ["src/app.ts"] }], pullRequest: { reviews: [review("lead")] }, codeowners: CODEOWNERS },
  },
  {
    name: "a direct user owner of payments approved",
    spec: {
      commits: [{ by: "copilot", files: ["src/payments/charge.ts"] }],
      pullRequest: { reviews: [review("pay-owner")] },
      codeowners: CODEOWNERS,
    },
  },
  {
    name: "a team member listed in the policy approved",
    spec: {
      commits: [{ by: "copilot", files: ["src/payments/charge.ts"] }],
      pullRequest: { reviews: [review("pam")] },
      codeowners: CODEOWNERS,
      policy: { rules: { codeowner_approval: { team_members: { "@acme/payments": ["pam"] } } } },
    },
  },
  {
    name: "an owner by email approved",
    spec: {
      commits: [{ by: "copilot", files: ["docs/guide.md"] }],
      pullRequest: { reviews: [review("doc-writer", "approved", { email: "docs@example.com" })] },
      codeowners: CODEOWNERS,
    },
  },
  {
    name: "a path explicitly without owners",
    spec: { commits: [{ by: "copilot", files: ["src/generated/api.ts"] }], pullRequest: { reviews: [] }, codeowners: CODEOWNERS },
  },
  {
    name: "a human change",
    spec: { commits: [{ files: ["src/app.ts"] }], pullRequest: { author: { login: "hana" }, reviews: [] }, codeowners: CODEOWNERS },
  },
];

describe("codeowner-approval", () => {
  it.each(fires)("fires: $name", ({ spec, expected, message }) => {
    const findings = codeownerApprovalRule.evaluate(scenario(spec));
    expect(findings.map((finding) => ({ path: finding.location?.path, severity: finding.severity }))).toEqual(expected);
    for (const finding of findings) {
      expect(finding.ruleId).toBe("codeowner-approval");
      expect(finding.message).toContain("copilot");
      expect(finding.message).toMatch(message);
    }
  });

  it.each(passes)("passes: $name", ({ spec }) => {
    expect(codeownerApprovalRule.evaluate(scenario(spec))).toEqual([]);
  });

  const skips: [string, ScenarioSpec, string][] = [
    ["there is no pull request", { commits: [{ by: "copilot", files: ["a"] }], codeowners: CODEOWNERS }, "no pull request"],
    ["reviews are unknown", { commits: [{ by: "copilot", files: ["a"] }], pullRequest: {}, codeowners: CODEOWNERS }, "reviews are unknown"],
  ];

  it.each(skips)("cannot judge (fails, or is skipped under on_missing_data: skip) when %s", (_name, spec, reason) => {
    const { failed, skipped, finding } = missingDataOutcomes(spec, "codeowner-approval");
    expect(failed).toMatchObject({ outcome: "failed", reason: expect.stringContaining(reason), remedy: expect.any(String) });
    expect(finding?.message).toContain(reason);
    expect(skipped).toMatchObject({ outcome: "skipped", reason: expect.stringContaining(reason), remedy: expect.any(String) });
  });

  it("passes when the base has no CODEOWNERS, or none of the touched paths is owned: there is no owner to ask", () => {
    for (const spec of [
      { commits: [{ by: "copilot", files: ["a"] }], pullRequest: { reviews: [] } },
      { commits: [{ by: "copilot", files: ["a"] }], codeowners: "/docs/ @writers\n" },
    ] satisfies ScenarioSpec[]) {
      expect(evaluatePolicy(scenario(spec)).outcomes.find((outcome) => outcome.id === "codeowner-approval")).toEqual({
        id: "codeowner-approval",
        kind: "rule",
        outcome: "passed",
        findings: 0,
      });
    }
  });
});
