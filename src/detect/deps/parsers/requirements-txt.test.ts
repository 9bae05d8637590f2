import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRequirementsTxt } from "./requirements-txt.js";

describe("parseRequirementsTxt", () => {
  it("reads requirements, pins, extras, markers, hashes and URLs; skips options and editables", () => {
    const text = readFileSync(new URL("../__fixtures__/requirements-txt/requirements.txt", import.meta.url), "utf8");
    expect(
      parseRequirementsTxt(text, "requirements.txt").map((item) => [item.name, item.version ?? null, item.range ?? null, item.line]),
    ).toEqual([
      ["Django", "3.2.12", "==3.2.12", 5],
      ["requests", null, ">=2.25,<3", 6],
      ["urllib3", "1.26.4", "==1.26.4", 7],
      ["PyYAML", "5.3.1", "==5.3.1", 9],
      ["certifi", null, null, 10],
      ["numpy", null, "https://files.pythonhosted.org/packages/numpy-1.26.4.tar.gz", 11],
    ]);
  });

  it("does not take a wildcard == as a pinned version", () => {
    expect(parseRequirementsTxt("django==4.2.*\n", "requirements.txt")[0]?.version).toBeUndefined();
  });

  it.each([
    ["an operator without a version", "requests>=\n", 1],
    ["garbage after a valid line", "flask==2.0\n$$$\n", 2],
  ])("refuses %s naming the line", (_name, text, line) => {
    expect(() => parseRequirementsTxt(text, "requirements-dev.txt")).toThrow(new RegExp(`requirements-dev\\.txt:${String(line)}:`));
  });
});
