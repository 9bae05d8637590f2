import { describe, expect, it } from "vitest";
import { atLeast, SEVERITIES } from "./severity.js";

describe("severity order", () => {
  it.each([
    ["critical", "high", true],
    ["high", "high", true],
    ["medium", "high", false],
    ["info", "low", false],
  ] as const)("%s at least %s is %s", (severity, threshold, expected) => {
    expect(atLeast(severity, threshold)).toBe(expected);
  });

  it("lists severities from least to most severe", () => {
    expect(SEVERITIES[0]).toBe("info");
    expect(SEVERITIES.at(-1)).toBe("critical");
  });
});
