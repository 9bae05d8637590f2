/**
 * Meta-test over the one table: ids unique and well-formed, at least 100 rules, keywords
 * lower case and present in every true positive, every true positive found by its own rule,
 * no false positive found by it.
 */
import { describe, expect, it } from "vitest";
import { scanText } from "../scan-text.js";
import { SECRET_RULES } from "./index.js";

const only = (ruleId: string) => ({
  rules: Object.fromEntries(SECRET_RULES.filter((r) => r.meta.id !== ruleId).map((r) => [r.meta.id, { enabled: false }])),
});

describe("SECRET_RULES", () => {
  it("has at least 100 rules with unique, prefixed, kebab-case ids", () => {
    expect(SECRET_RULES.length).toBeGreaterThanOrEqual(100);
    const ids = SECRET_RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^secret\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });

  const textRules = SECRET_RULES.filter((rule) => rule.pathOnly !== true);
  const pathRules = SECRET_RULES.filter((rule) => rule.pathOnly === true);

  describe.each(pathRules.map((rule) => [rule.meta.id, rule] as const))("%s (judged by file name)", (id, rule) => {
    it("reports each true-positive path, whatever the content, and no false-positive path", () => {
      expect(rule.truePositives.length).toBeGreaterThan(0);
      expect(rule.falsePositives.length).toBeGreaterThan(0);
      for (const path of rule.truePositives) {
        expect(
          scanText("\u0000binary", path).map((match) => match.ruleId),
          path,
        ).toContain(id);
      }
      for (const path of rule.falsePositives) {
        expect(
          scanText("text", path).map((match) => match.ruleId),
          path,
        ).not.toContain(id);
      }
    });
  });

  it.each(textRules.filter((rule) => rule.path !== undefined).map((rule) => [rule.meta.id, rule] as const))(
    "%s scans its samples under a path its path filter accepts",
    (_id, rule) => {
      expect(rule.samplePath, "a rule with `path` names a samplePath").toBeDefined();
      expect(rule.path?.test(rule.samplePath ?? "")).toBe(true);
      expect(rule.path?.test("sample.txt")).toBe(false);
    },
  );

  describe.each(textRules.map((rule) => [rule.meta.id, rule] as const))("%s", (id, rule) => {
    it("is described, categorised and has samples of both kinds", () => {
      expect(rule.meta.category).toBe("secret");
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(rule.truePositives.length).toBeGreaterThan(0);
      expect(rule.falsePositives.length).toBeGreaterThan(0);
      expect(rule.keywords.length).toBeGreaterThan(0);
    });

    it("has lower-case keywords, one of which occurs in every true positive", () => {
      for (const keyword of rule.keywords) {
        expect(keyword).toBe(keyword.toLowerCase());
      }
      for (const sample of rule.truePositives) {
        expect(
          rule.keywords.some((keyword) => sample.toLowerCase().includes(keyword)),
          sample,
        ).toBe(true);
      }
    });

    it("finds each true positive", () => {
      for (const sample of rule.truePositives) {
        const found = scanText(sample, rule.samplePath ?? "sample.txt", only(id)).map((match) => match.ruleId);
        expect(found, `rule ${id} on sample #${String(rule.truePositives.indexOf(sample))}`).toContain(id);
      }
    });

    it("finds each true positive in the full table too (not shadowed)", () => {
      for (const sample of rule.truePositives) {
        const found = scanText(sample, rule.samplePath ?? "sample.txt").map((match) => match.ruleId);
        // A generic rule may be outranked by a specific one on its own sample; something must still report it.
        expect(found.length, `sample #${String(rule.truePositives.indexOf(sample))}`).toBeGreaterThan(0);
        expect(rule.generic === true || found.includes(id)).toBe(true);
      }
    });

    it("does not find any false positive", () => {
      for (const sample of rule.falsePositives) {
        const found = scanText(sample, rule.samplePath ?? "sample.txt", only(id)).map((match) => match.ruleId);
        expect(found, `rule ${id} on false positive #${String(rule.falsePositives.indexOf(sample))}`).not.toContain(id);
      }
    });
  });
});
