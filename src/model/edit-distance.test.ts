import { describe, expect, it } from "vitest";
import { editDistance } from "./edit-distance.js";

describe("editDistance", () => {
  it.each([
    ["lodash", "lodash", 0],
    ["lodahs", "lodash", 1], // transposition
    ["expresss", "express", 1], // insertion
    ["reqeusts", "requests", 1], // transposition
    ["reqests", "requests", 1], // deletion
    ["lodask", "lodash", 1], // substitution
    ["", "abc", 3],
    ["ca", "abc", 3], // optimal string alignment, not unrestricted Damerau (which gives 2)
    ["kitten", "sitting", 3],
  ])("%s ↔ %s = %d", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it("stops at the limit and reports limit + 1", () => {
    expect(editDistance("react", "angular", 1)).toBe(2);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });
});
