import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEPS_RULES } from "./index.js";

describe("DEPS_RULES", () => {
  it("has unique ids", () => {
    const ids = DEPS_RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(DEPS_RULES.map((rule) => [rule.meta.id, rule] as const))("%s", (id, rule) => {
    const name = id.slice("deps/".length);

    it("is a kebab-case deps/ id in the dependency category with a description", () => {
      expect(id).toMatch(/^deps\/[a-z]+(-[a-z]+)*$/);
      expect(rule.meta.category).toBe("dependency");
      expect(rule.meta.description.length).toBeGreaterThan(20);
    });

    it("lives in a file named after it, with tests beside it", () => {
      expect(existsSync(new URL(`./${name}.ts`, import.meta.url))).toBe(true);
      expect(existsSync(new URL(`./${name}.test.ts`, import.meta.url))).toBe(true);
    });
  });
});
