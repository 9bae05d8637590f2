import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../__fixtures__/test-values.js";
import { missingDataOutcomes, review, scenario } from "../__fixtures__/test-values.js";
import { policyChangeRule } from "./policy-change.js";

const human = { author: { name: "Hana Human", email: "hana@example.com" } };

const fires: { name: string; spec: ScenarioSpec; message: RegExp }[] = [
  {
    name: "a human edits the policy with no approval",
    spec: {
      commits: [{ ...human, files: [".github/custody.yml"] }],
      pullRequest: { author: { login: "hana" }, assignees: [], reviews: [] },
    },
    message: /edits the policy file \.github\/custody\.yml.*1 independent human approval on the head: it has 0/,
  },
  {
    name: "an agent renames the policy away; only the author approved",
    spec: {
      commits: [{ by: "copilot", files: [{ path: "docs/old-policy.yml", oldPath: ".github/custody.yml" }] }],
      pullRequest: { author: { login: "hana" }, assignees: [], reviews: [review("hana")] },
    },
    message: /custody\.yml.*not counted: hana \(the PR author\)/,
  },
  {
    name: "the only approval is of an older commit",
    spec: {
      commits: [{ ...human, files: [".github/custody.yaml"] }],
      pullRequest: { author: { login: "hana" }, assignees: [], reviews: [review("sam", "approved", { commitId: "0".repeat(40) })] },
    },
    message: /not counted: sam \(approved 000000000000, not the head/,
  },
  {
    name: "a named approver is required and did not approve",
    spec: {
      commits: [{ ...human, files: [".github/custody.yml"] }],
      pullRequest: { author: { login: "hana" }, assignees: [], reviews: [review("sam")] },
      policy: { rules: { policy_change: { approval: { approvers: ["security-lead"] } } } },
    },
    message: /needs an approving review by security-lead: it has none/,
  },
];

const passes: { name: string; spec: ScenarioSpec }[] = [
  { name: "the change does not touch the policy", spec: { commits: [{ ...human, files: ["src/a.ts"] }] } },
  {
    name: "an independent human approved the head",
    spec: {
      commits: [{ ...human, files: [".github/custody.yml"] }],
      pullRequest: { author: { login: "hana" }, assignees: [], reviews: [review("sam")] },
    },
  },
  {
    name: "the named approver approved",
    spec: {
      commits: [{ ...human, files: [".github/custody.yml"] }],
      pullRequest: { author: { login: "hana" }, assignees: [], reviews: [review("security-lead")] },
      policy: { rules: { policy_change: { approval: { approvers: ["security-lead"] } } } },
    },
  },
  {
    name: "a stale approval counts when the policy opts out of dismiss_stale",
    spec: {
      commits: [{ ...human, files: [".github/custody.yml"] }],
      pullRequest: { author: { login: "hana" }, assignees: [], reviews: [review("sam", "approved", { commitId: "0".repeat(40) })] },
      policy: { approvals: { dismiss_stale: false } },
    },
  },
];

describe("policy-change", () => {
  it.each(fires)("fires: $name", ({ spec, message }) => {
    const findings = policyChangeRule.evaluate(scenario(spec));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "policy-change", severity: "high" });
    expect(findings[0]?.message).toMatch(message);
  });

  it.each(passes)("passes: $name", ({ spec }) => {
    const context = scenario(spec);
    expect(policyChangeRule.missingData?.(context)).toBeUndefined();
    expect(policyChangeRule.evaluate(context)).toEqual([]);
  });

  it("cannot judge a policy edit without a pull request: fails by default, skipped under on_missing_data: skip", () => {
    const { failed, skipped, finding } = missingDataOutcomes({ commits: [{ ...human, files: [".github/custody.yml"] }] }, "policy-change");
    expect(failed).toMatchObject({ outcome: "failed", reason: expect.stringContaining("no pull request") });
    expect(finding?.severity).toBe("high");
    expect(skipped).toMatchObject({ outcome: "skipped", reason: expect.stringContaining("no pull request") });
  });

  it("recognises the policy file in effect when it lives elsewhere", () => {
    const context = {
      ...scenario({ commits: [{ ...human, files: ["config/custody.yml"] }], pullRequest: { reviews: [] } }),
      policyPath: "config/custody.yml",
    };
    expect(policyChangeRule.evaluate(context)).toHaveLength(1);
  });
});
