import { describe, expect, it } from "vitest";
import { comparePep440, parsePep440 } from "./pep440.js";

// Orderings from PEP 440's "Summary of permitted suffixes and relative ordering" and its
// normalisation section.
describe("comparePep440", () => {
  it.each([
    ["1.0.dev456", "1.0a1"],
    ["1.0a1", "1.0a2.dev456"],
    ["1.0a2.dev456", "1.0a12.dev456"],
    ["1.0a12", "1.0b1.dev456"],
    ["1.0b2", "1.0b2.post345.dev456"],
    ["1.0b2.post345.dev456", "1.0b2.post345"],
    ["1.0b2.post345", "1.0rc1.dev456"],
    ["1.0rc1", "1.0"],
    ["1.0", "1.0+abc.5"],
    ["1.0+abc.5", "1.0+abc.7"],
    ["1.0+abc.7", "1.0+5"],
    ["1.0+5", "1.0.post456.dev34"],
    ["1.0.post456.dev34", "1.0.post456"],
    ["1.0.post456", "1.1.dev1"],
    ["2.9", "2.10"],
    ["2.30.0", "2.31.0"],
    ["1!0.1", "1!1.0"],
    ["99.0", "1!0.0"],
  ])("%s < %s", (lower, higher) => {
    expect(comparePep440(lower, higher)).toBe(-1);
    expect(comparePep440(higher, lower)).toBe(1);
  });

  it.each([
    ["1.0", "1.0.0"],
    ["1.0", "v1.0"],
    ["1.0a1", "1.0.alpha.1"],
    ["1.0rc1", "1.0c1"],
    ["1.0-1", "1.0.post1"],
    ["1.0.POST1", "1.0.post1"],
    ["1.0-dev", "1.0.dev0"],
  ])("%s == %s", (a, b) => {
    expect(comparePep440(a, b)).toBe(0);
  });

  it.each(["", "1.0-foo", "not a version", "1..0", `1.${"0.".repeat(100)}0`])("refuses %j", (text) => {
    expect(parsePep440(text)).toBeUndefined();
    expect(comparePep440(text, "1.0")).toBeUndefined();
  });
});
