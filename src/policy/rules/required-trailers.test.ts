import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../__fixtures__/test-values.js";
import { scenario, TRAILERS_OK } from "../__fixtures__/test-values.js";
import { requiredTrailersRule } from "./required-trailers.js";

const fires: { name: string; spec: ScenarioSpec; expected: { commit: string; missing: string[]; severity: string }[] }[] = [
  {
    name: "agent commit without any trailer",
    spec: { commits: [{ sha: "a1", by: "claude-code", files: ["src/a.ts"] }] },
    expected: [{ commit: "a1", missing: ["Agent-Task", "Authorized-by"], severity: "medium" }],
  },
  {
    name: "agent commit missing Authorized-by only; the next one complete",
    spec: {
      commits: [
        { sha: "a2", by: "codex", files: ["src/a.ts"], trailers: [{ key: "agent-task", value: "#12" }] },
        { sha: "a3", by: "codex", files: ["src/b.ts"], trailers: TRAILERS_OK },
      ],
    },
    expected: [{ commit: "a2", missing: ["Authorized-by"], severity: "medium" }],
  },
  {
    name: "an empty trailer value is no trailer",
    spec: {
      commits: [
        {
          sha: "a4",
          by: "copilot",
          files: ["x"],
          trailers: [
            { key: "Agent-Task", value: " " },
            { key: "Authorized-by", value: "dana" },
          ],
        },
      ],
    },
    expected: [{ commit: "a4", missing: ["Agent-Task"], severity: "medium" }],
  },
  {
    name: "custom required keys and severity",
    spec: {
      commits: [{ sha: "a5", by: "copilot", files: ["x"], trailers: TRAILERS_OK }],
      policy: { provenance: { required_trailers: ["Ticket"] }, rules: { required_trailers: { severity: "high" } } },
    },
    expected: [{ commit: "a5", missing: ["Ticket"], severity: "high" }],
  },
];

const passes: { name: string; spec: ScenarioSpec }[] = [
  { name: "agent commit with both trailers", spec: { commits: [{ by: "claude-code", files: ["src/a.ts"], trailers: TRAILERS_OK }] } },
  {
    name: "keys compare case-insensitively",
    spec: {
      commits: [
        {
          by: "claude-code",
          files: ["src/a.ts"],
          trailers: [
            { key: "AGENT-TASK", value: "#1" },
            { key: "authorized-BY", value: "dana" },
          ],
        },
      ],
    },
  },
  { name: "human commits need no trailers", spec: { commits: [{ files: ["src/a.ts"] }] } },
  { name: "no trailers required", spec: { commits: [{ by: "copilot", files: ["x"] }], policy: { provenance: { required_trailers: [] } } } },
];

describe("required-trailers", () => {
  it.each(fires)("fires: $name", ({ spec, expected }) => {
    const findings = requiredTrailersRule.evaluate(scenario(spec));
    expect(
      findings.map((finding) => ({ commit: finding.commit, missing: finding.properties?.missing, severity: finding.severity })),
    ).toEqual(expected);
    for (const finding of findings) {
      expect(finding.ruleId).toBe("required-trailers");
      expect(finding.category).toBe("provenance");
      expect(finding.message).toContain(spec.commits[0]?.by ?? "");
    }
  });

  it.each(passes)("passes: $name", ({ spec }) => {
    expect(requiredTrailersRule.evaluate(scenario(spec))).toEqual([]);
  });

  it("reads trailers the provenance classifier found even when the commit's own list lacks them", () => {
    const context = scenario({ commits: [{ sha: "a6", by: "copilot", files: ["x"] }] });
    context.provenance.commits[0]!.provenanceTrailers = { "agent-task": "#3", "authorized-by": "dana" };
    expect(requiredTrailersRule.evaluate(context)).toEqual([]);
  });
});
