import { describe, expect, it } from "vitest";
import { compareSemverRange, VERSION_COMPARATORS } from "./compare-version.js";

describe("VERSION_COMPARATORS", () => {
  it.each([
    ["npm", "4.17.20", "4.17.21", -1],
    ["npm", "1.0.0-beta.2", "1.0.0", -1],
    ["crates.io", "0.10.0+wasi-snapshot-preview1", "0.10.0", 0],
    ["Go", "v0.15.0", "v0.17.0", -1],
    ["Go", "v0.0.0-20230101000000-abcdef123456", "v0.17.0", -1],
    ["Go", "v2.0.0+incompatible", "v1.9.9", 1],
    ["PyPI", "2.31.0rc1", "2.31.0", -1],
    ["Maven", "2.13.2", "2.13.2.1", -1],
  ] as const)("%s: %s vs %s is %d", (ecosystem, a, b, expected) => {
    expect(VERSION_COMPARATORS[ecosystem](a, b)).toBe(expected);
  });

  it("returns undefined rather than guessing for unreadable versions", () => {
    expect(VERSION_COMPARATORS.npm("latest", "1.0.0")).toBeUndefined();
    expect(VERSION_COMPARATORS.Go("master", "v1.0.0")).toBeUndefined();
  });

  it("reads SEMVER ranges with or without v", () => {
    expect(compareSemverRange("0.17.0", "v0.17.0")).toBe(0);
  });
});
