// The meta-test over the rule table: every rule is one file named by its id, documented, and
// configurable in the policy schema (its section accepts `enabled` and `severity`).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SEVERITIES } from "../../model/severity.js";
import { scenario } from "../__fixtures__/test-values.js";
import { evaluatePolicy } from "../evaluate/evaluate-policy.js";
import { parsePolicy } from "../load/load-policy.js";
import { rulesSchema } from "../schema/policy-schema.js";
import { RULES } from "./index.js";

const docs = readFileSync(fileURLToPath(new URL("../../../docs/policy.md", import.meta.url)), "utf8");

describe("the policy rule table", () => {
  it("has unique kebab-case ids", () => {
    const ids = RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    }
  });

  it("has exactly one section in the schema per rule", () => {
    expect(RULES.map((rule) => rule.section).sort()).toEqual(Object.keys(rulesSchema.shape).sort());
  });

  describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))("%s", (id, rule) => {
    it("lives in a file named after its id, with a test beside it", () => {
      expect(existsSync(fileURLToPath(new URL(`./${id}.ts`, import.meta.url)))).toBe(true);
      expect(existsSync(fileURLToPath(new URL(`./${id}.test.ts`, import.meta.url)))).toBe(true);
    });

    it("has a one-line description, a policy category and a valid default severity", () => {
      expect(rule.meta.description.length).toBeGreaterThan(20);
      expect(rule.meta.description).not.toContain("\n");
      expect(["policy", "provenance"]).toContain(rule.meta.category);
      expect(SEVERITIES).toContain(rule.meta.severity);
    });

    it("is configured under rules.<id with underscores>", () => {
      expect(rule.section).toBe(id.replaceAll("-", "_"));
    });

    it("is documented in docs/policy.md", () => {
      expect(docs).toContain(`### \`${rule.section}\` — rule \`${id}\``);
    });

    it("can be disabled and re-rated from the policy file", () => {
      const policy = parsePolicy(`version: 1\nrules:\n  ${rule.section}:\n    enabled: false\n    severity: critical\n`, "policy.yml");
      expect(policy.rules[rule.section].severity).toBe("critical");
      const result = evaluatePolicy({ ...scenario({ commits: [{ by: "copilot", files: ["a"] }] }), policy });
      expect(result.ran).not.toContain(id);
      expect(result.skipped).toContainEqual({
        rule: id,
        reason: `disabled by the policy (rules.${rule.section}.enabled: false)`,
        remedy: `set rules.${rule.section}.enabled: true`,
      });
      expect(result.outcomes.find((outcome) => outcome.id === id)).toMatchObject({ outcome: "skipped", findings: 0 });
    });

    it("accepts on_missing_data and accounts for itself in the outcomes of every evaluation", () => {
      const policy = parsePolicy(`version: 1\nrules:\n  ${rule.section}:\n    on_missing_data: skip\n`, "policy.yml");
      expect(policy.rules[rule.section].on_missing_data).toBe("skip");
      const result = evaluatePolicy({ ...scenario({ commits: [{ by: "copilot", files: ["a"] }] }), policy });
      expect(result.outcomes.filter((outcome) => outcome.id === id)).toHaveLength(1);
    });
  });
});
