import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../__fixtures__/test-values.js";
import { missingDataOutcomes } from "../__fixtures__/test-values.js";
import { policyOf, review, scenario } from "../__fixtures__/test-values.js";
import { isProtectedPath, protectedPathMatcher } from "../paths/protected-paths.js";
import { protectedPathsRule } from "./protected-paths.js";

const fires: { name: string; spec: ScenarioSpec; expected: { path: string; severity: string }[] }[] = [
  {
    name: "agent edits a workflow",
    spec: { commits: [{ by: "copilot", files: [".github/workflows/ci.yml"] }] },
    expected: [{ path: ".github/workflows/ci.yml", severity: "high" }],
  },
  {
    name: "agent edits Terraform",
    spec: { commits: [{ by: "codex", files: ["infra/prod/main.tf", "infra/prod/prod.tfvars"] }] },
    expected: [
      { path: "infra/prod/main.tf", severity: "high" },
      { path: "infra/prod/prod.tfvars", severity: "high" },
    ],
  },
  {
    name: "agent edits its own instructions",
    spec: { commits: [{ by: "claude-code", files: ["CLAUDE.md", "packages/api/AGENTS.md", ".mcp.json", ".claude/settings.json"] }] },
    expected: ["CLAUDE.md", "packages/api/AGENTS.md", ".mcp.json", ".claude/settings.json"].map((path) => ({ path, severity: "high" })),
  },
  {
    name: "agent edits Copilot's configuration",
    spec: {
      commits: [
        {
          by: "copilot",
          files: [
            ".github/copilot-instructions.md",
            ".github/instructions/ts.instructions.md",
            ".github/agents/reviewer.md",
            ".github/workflows/copilot-setup-steps.yml",
            ".cursor/rules/style.mdc",
          ],
        },
      ],
    },
    expected: [
      ".github/copilot-instructions.md",
      ".github/instructions/ts.instructions.md",
      ".github/agents/reviewer.md",
      ".github/workflows/copilot-setup-steps.yml",
      ".cursor/rules/style.mdc",
    ].map((path) => ({ path, severity: "high" })),
  },
  {
    name: "agent edits CODEOWNERS and the policy",
    spec: { commits: [{ by: "copilot", files: ["docs/CODEOWNERS", ".github/custody.yml"] }] },
    expected: [
      { path: "docs/CODEOWNERS", severity: "high" },
      { path: ".github/custody.yml", severity: "high" },
    ],
  },
  {
    name: "a path the policy adds",
    spec: {
      commits: [{ by: "copilot", files: ["db/migrations/001.sql"] }],
      policy: { rules: { protected_paths: { paths: ["db/migrations/**"], severity: "critical" } } },
    },
    expected: [{ path: "db/migrations/001.sql", severity: "critical" }],
  },
  {
    name: "an approval by the delegating human does not count",
    spec: {
      commits: [{ by: "copilot", files: [".github/workflows/ci.yml"], trailers: [{ key: "Authorized-by", value: "@dana" }] }],
      pullRequest: { reviews: [review("dana")] },
      policy: { rules: { protected_paths: { approval: { approvers: ["dana", "sam"] } } } },
    },
    expected: [{ path: ".github/workflows/ci.yml", severity: "high" }],
  },
];

const passes: { name: string; spec: ScenarioSpec }[] = [
  { name: "a human edits a workflow", spec: { commits: [{ files: [".github/workflows/ci.yml"] }] } },
  { name: "an agent edits ordinary code", spec: { commits: [{ by: "copilot", files: ["src/app.ts", "docs/guide.md"] }] } },
  {
    name: "an ignored path",
    spec: {
      commits: [{ by: "copilot", files: ["deploy/k8s/README.md"] }],
      policy: { rules: { protected_paths: { ignore: ["**/README.md"] } } },
    },
  },
  {
    name: "defaults turned off",
    spec: {
      commits: [{ by: "copilot", files: [".github/workflows/ci.yml"] }],
      policy: { rules: { protected_paths: { include_defaults: false } } },
    },
  },
  {
    name: "the approval label is present",
    spec: {
      commits: [{ by: "copilot", files: [".github/workflows/ci.yml"] }],
      pullRequest: { labels: ["ci-change-approved"] },
      policy: { rules: { protected_paths: { approval: { labels: ["ci-change-approved"] } } } },
    },
  },
  {
    name: "an independent listed approver approved",
    spec: {
      commits: [{ by: "copilot", files: [".github/workflows/ci.yml"] }],
      pullRequest: { reviews: [review("sam")] },
      policy: { rules: { protected_paths: { approval: { approvers: ["sam"] } } } },
    },
  },
];

describe("protected-paths", () => {
  it.each(fires)("fires: $name", ({ spec, expected }) => {
    const findings = protectedPathsRule.evaluate(scenario(spec));
    expect(findings.map((finding) => ({ path: finding.location?.path, severity: finding.severity }))).toEqual(expected);
    for (const finding of findings) {
      expect(finding.ruleId).toBe("protected-paths");
      expect(finding.message).toContain(spec.commits[0]?.by ?? "");
      expect(finding.commit).toBeDefined();
    }
  });

  it.each(passes)("passes: $name", ({ spec }) => {
    expect(protectedPathsRule.evaluate(scenario(spec))).toEqual([]);
  });

  it("cannot judge when an approval is configured but there is no pull request to show it", () => {
    const context = scenario({
      commits: [{ by: "copilot", files: [".github/workflows/ci.yml"] }],
      policy: { rules: { protected_paths: { approval: { labels: ["ok"] } } } },
    });
    expect(protectedPathsRule.evaluate(context)).toEqual([]);
    const { failed, skipped, finding } = missingDataOutcomes(
      {
        commits: [{ by: "copilot", files: [".github/workflows/ci.yml"] }],
        policy: { rules: { protected_paths: { approval: { labels: ["ok"] } } } },
      },
      "protected-paths",
    );
    expect(failed).toMatchObject({ outcome: "failed", reason: expect.stringContaining("no pull request"), remedy: expect.any(String) });
    expect(finding?.message).toContain("no pull request");
    expect(skipped).toMatchObject({ outcome: "skipped", reason: expect.stringContaining("no pull request"), remedy: expect.any(String) });
  });

  it("shares its matcher with audit", () => {
    const policy = policyOf();
    expect(protectedPathMatcher(policy)("charts/api/values.yaml")).toBe("**/charts/**");
    expect(isProtectedPath(policy, "services/web/Dockerfile")).toBe(true);
    expect(isProtectedPath(policy, "src/index.ts")).toBe(false);
  });
});
