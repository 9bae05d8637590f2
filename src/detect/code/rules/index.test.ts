import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_RULES } from "../diagnostic-rules.js";
import { findingsFor } from "../__fixtures__/rule-test-table.js";
import { VULN_CLASSES } from "../taint-rule.js";
import { TAINT_RULES } from "./index.js";

describe("TAINT_RULES", () => {
  it("has unique ids of the form taint/<class>, one rule per class", () => {
    const ids = TAINT_RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(TAINT_RULES.map((rule) => rule.vulnClass).sort()).toEqual([...VULN_CLASSES].sort());
    for (const rule of TAINT_RULES) {
      expect(rule.meta.id).toBe(`taint/${rule.vulnClass}`);
      expect(rule.meta.category).toBe("code");
    }
  });

  it("shares no id with the detector's diagnostic rules, which are info-only", () => {
    const ids = [...TAINT_RULES.map((rule) => rule.meta.id), ...DIAGNOSTIC_RULES.map((rule) => rule.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of DIAGNOSTIC_RULES) {
      expect(rule.id).toMatch(/^code\//);
      expect(rule.severity).toBe("info");
    }
  });

  it.each(TAINT_RULES.map((rule) => [rule.meta.id, rule] as const))(
    "%s lives in its own file with a doc line, title and sinks",
    (_id, rule) => {
      expect(existsSync(fileURLToPath(new URL(`./${rule.vulnClass}.ts`, import.meta.url)))).toBe(true);
      expect(existsSync(fileURLToPath(new URL(`./${rule.vulnClass}.test.ts`, import.meta.url)))).toBe(true);
      expect(rule.meta.description.length).toBeGreaterThan(20);
      expect(rule.doc).toMatch(/^https:\/\//);
      expect(rule.title.length).toBeGreaterThan(3);
      expect(rule.sinks.length).toBeGreaterThan(0);
      expect(rule.samples.invalid.length).toBeGreaterThan(0);
      expect(rule.samples.valid.length).toBeGreaterThan(0);
    },
  );

  const invalid = TAINT_RULES.flatMap((rule) =>
    rule.samples.invalid.map((sample) => [`${rule.meta.id}: ${sample.name}`, rule.meta.id, sample] as const),
  );
  it.each(invalid)("invalid sample %s fires at its line", (_name, id, sample) => {
    const lines = findingsFor(sample.code, sample.file)
      .filter((f) => f.ruleId === id)
      .map((f) => f.location?.startLine);
    expect(sample.line).toBeDefined();
    expect(lines).toContain(sample.line);
  });

  const valid = TAINT_RULES.flatMap((rule) =>
    rule.samples.valid.map((sample) => [`${rule.meta.id}: ${sample.name}`, rule.meta.id, sample] as const),
  );
  it.each(valid)("valid sample %s stays quiet", (_name, id, sample) => {
    expect(findingsFor(sample.code, sample.file).filter((f) => f.ruleId === id)).toEqual([]);
  });
});
