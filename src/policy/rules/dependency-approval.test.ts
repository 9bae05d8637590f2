import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../__fixtures__/test-values.js";
import { missingDataOutcomes } from "../__fixtures__/test-values.js";
import { review, scenario } from "../__fixtures__/test-values.js";
import { dependencyApprovalRule } from "./dependency-approval.js";

const fires: { name: string; spec: ScenarioSpec; expected: { path: string; severity: string }[] }[] = [
  {
    name: "agent changes package.json and the lockfile without the label",
    spec: { commits: [{ by: "copilot", files: ["package.json", "package-lock.json", "src/a.ts"] }], pullRequest: {} },
    expected: [
      { path: "package.json", severity: "medium" },
      { path: "package-lock.json", severity: "medium" },
    ],
  },
  {
    name: "nested manifests of other ecosystems",
    spec: { commits: [{ by: "codex", files: ["svc/go.mod", "py/requirements-dev.txt", "rs/Cargo.lock", "jvm/pom.xml"] }], pullRequest: {} },
    expected: ["svc/go.mod", "py/requirements-dev.txt", "rs/Cargo.lock", "jvm/pom.xml"].map((path) => ({ path, severity: "medium" })),
  },
  {
    name: "everyone's changes when applies_to is everyone",
    spec: {
      commits: [{ files: ["yarn.lock"] }],
      pullRequest: { author: { login: "hana" } },
      policy: { rules: { dependency_approval: { applies_to: "everyone", severity: "high" } } },
    },
    expected: [{ path: "yarn.lock", severity: "high" }],
  },
  {
    name: "an approving review by someone not listed does not count",
    spec: {
      commits: [{ by: "copilot", files: ["package.json"] }],
      pullRequest: { reviews: [review("random")] },
      policy: { rules: { dependency_approval: { approval: { labels: [], approvers: ["lead"] } } } },
    },
    expected: [{ path: "package.json", severity: "medium" }],
  },
  {
    name: "a listed approver's approval later withdrawn by a changes-requested review",
    spec: {
      commits: [{ by: "copilot", files: ["package.json"] }],
      pullRequest: {
        reviews: [
          review("lead", "approved", { submittedAt: "2026-11-25T10:00:00Z" }),
          review("lead", "changes_requested", { submittedAt: "2026-11-25T11:00:00Z" }),
        ],
      },
      policy: { rules: { dependency_approval: { approval: { labels: [], approvers: ["lead"] } } } },
    },
    expected: [{ path: "package.json", severity: "medium" }],
  },
];

const passes: { name: string; spec: ScenarioSpec }[] = [
  {
    name: "the approval label is present",
    spec: { commits: [{ by: "copilot", files: ["package.json"] }], pullRequest: { labels: ["dependencies-approved"] } },
  },
  { name: "a human changes dependencies (applies_to: agents)", spec: { commits: [{ files: ["package.json"] }], pullRequest: {} } },
  {
    name: "agent changes no dependency file",
    spec: { commits: [{ by: "copilot", files: ["src/package-utils.ts", "docs/package.json.md"] }], pullRequest: {} },
  },
  {
    name: "a listed approver approved (a later comment leaves it standing)",
    spec: {
      commits: [{ by: "copilot", files: ["package.json"] }],
      pullRequest: {
        reviews: [
          review("lead", "approved", { submittedAt: "2026-11-25T10:00:00Z" }),
          review("lead", "commented", { submittedAt: "2026-11-25T11:00:00Z" }),
        ],
      },
      policy: { rules: { dependency_approval: { approval: { approvers: ["@lead"] } } } },
    },
  },
];

describe("dependency-approval", () => {
  it.each(fires)("fires: $name", ({ spec, expected }) => {
    const findings = dependencyApprovalRule.evaluate(scenario(spec));
    expect(findings.map((finding) => ({ path: finding.location?.path, severity: finding.severity }))).toEqual(expected);
    for (const finding of findings) {
      expect(finding.ruleId).toBe("dependency-approval");
      expect(finding.message).toContain(finding.location?.path ?? "");
      expect(finding.message).toContain(spec.commits[0]?.by ?? "The change");
    }
  });

  it.each(passes)("passes: $name", ({ spec }) => {
    expect(dependencyApprovalRule.evaluate(scenario(spec))).toEqual([]);
  });

  const skips: [string, ScenarioSpec, string][] = [
    ["no pull request", { commits: [{ by: "copilot", files: ["package.json"] }] }, "no pull request"],
    [
      "reviews unknown and only an approver would grant it",
      {
        commits: [{ by: "copilot", files: ["package.json"] }],
        pullRequest: {},
        policy: { rules: { dependency_approval: { approval: { labels: [], approvers: ["lead"] } } } },
      },
      "reviews are unknown",
    ],
  ];

  it.each(skips)("cannot judge, and says why, when %s", (_name, spec, reason) => {
    const context = scenario(spec);
    expect(dependencyApprovalRule.evaluate(context)).toEqual([]);
    const { failed, skipped, finding } = missingDataOutcomes(spec, "dependency-approval");
    expect(failed).toMatchObject({ outcome: "failed", reason: expect.stringContaining(reason), remedy: expect.any(String) });
    expect(finding?.message).toContain(reason);
    expect(skipped).toMatchObject({ outcome: "skipped", reason: expect.stringContaining(reason), remedy: expect.any(String) });
  });
});
