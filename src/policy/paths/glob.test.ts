import { describe, expect, it } from "vitest";
import { globMatcher, globProblem } from "./glob.js";

describe("globs", () => {
  it.each(["**/*.tf", ".github/workflows/**", "src/{a,b}/*.ts", "docs/[a-z]*.md", "!(vendor)/**"])("%s is valid", (glob) => {
    expect(globProblem(glob)).toBeUndefined();
  });

  it.each([
    ["", /empty/],
    ["/src/**", /leading "\/"/],
    ["./src/**", /leading "\.\/"/],
    ["src/[abc", /Missing closing/],
    ["src/{a,b", /Missing closing/],
    ["src/[z-a]", /Range out of order/],
  ])("%j is rejected", (glob, reason) => {
    expect(globProblem(glob)).toMatch(reason);
  });

  it("matches dotfiles and reports the glob that matched", () => {
    const match = globMatcher(["**/*.md", ".github/**"]);
    expect(match(".github/workflows/ci.yml")).toBe(".github/**");
    expect(match("docs/.hidden.md")).toBe("**/*.md");
    expect(match("src/a.ts")).toBeUndefined();
  });
});
