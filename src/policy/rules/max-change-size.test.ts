import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../__fixtures__/test-values.js";
import { scenario } from "../__fixtures__/test-values.js";
import { maxChangeSizeRule } from "./max-change-size.js";

const many = (count: number, prefix = "src/file"): string[] => Array.from({ length: count }, (_, index) => `${prefix}-${String(index)}.ts`);

const fires: { name: string; spec: ScenarioSpec; expected: { kind: string; severity: string }[] }[] = [
  {
    name: "51 files against the default 50",
    spec: { commits: [{ by: "copilot", files: many(51) }] },
    expected: [{ kind: "files", severity: "low" }],
  },
  {
    name: "1001 modified lines against the default 1000",
    spec: { commits: [{ by: "codex", files: [{ path: "a.ts", additions: 600, deletions: 401 }] }] },
    expected: [{ kind: "lines", severity: "low" }],
  },
  {
    name: "both limits with a custom budget and severity",
    spec: {
      commits: [
        {
          by: "claude-code",
          files: [
            { path: "a.ts", additions: 30 },
            { path: "b.ts", additions: 30 },
          ],
        },
      ],
      policy: { rules: { max_change_size: { max_files: 1, max_modified_lines: 50, severity: "medium" } } },
    },
    expected: [
      { kind: "files", severity: "medium" },
      { kind: "lines", severity: "medium" },
    ],
  },
  {
    name: "a mixed change with one agent commit counts whole",
    spec: { commits: [{ files: many(40) }, { by: "copilot", files: many(11, "src/agent") }] },
    expected: [{ kind: "files", severity: "low" }],
  },
];

const passes: { name: string; spec: ScenarioSpec }[] = [
  {
    name: "exactly at the limits",
    spec: { commits: [{ by: "copilot", files: [...many(49), { path: "big.ts", additions: 900, deletions: 51 }] }] },
  },
  { name: "a large human change", spec: { commits: [{ files: many(300) }] } },
];

describe("max-change-size", () => {
  it.each(fires)("fires: $name", ({ spec, expected }) => {
    const findings = maxChangeSizeRule.evaluate(scenario(spec));
    expect(
      findings.map((finding) => ({ kind: finding.properties?.files === undefined ? "lines" : "files", severity: finding.severity })),
    ).toEqual(expected);
    for (const finding of findings) {
      expect(finding.ruleId).toBe("max-change-size");
      expect(finding.message).toMatch(/copilot|codex|claude-code/);
    }
  });

  it.each(passes)("passes: $name", ({ spec }) => {
    expect(maxChangeSizeRule.evaluate(scenario(spec))).toEqual([]);
  });
});
