import { describe, expect, it } from "vitest";
import { SEVERITIES } from "./model/severity.js";
import { ALL_RULES } from "./rule-catalog.js";

describe("the rule catalog", () => {
  it("has no id twice across the policy and detector tables", () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(repeated).toEqual([]);
  });

  it("gives every rule a kebab-case id, a known severity and a description", () => {
    for (const rule of ALL_RULES) {
      expect(rule.id, rule.id).toMatch(/^[a-z0-9]+(?:[-/][a-z0-9]+)*$/);
      expect(SEVERITIES, rule.id).toContain(rule.severity);
      expect(rule.description.length, rule.id).toBeGreaterThan(10);
    }
  });
});
