import { describe, expect, it } from "vitest";
import { compareMaven } from "./maven-version.js";

// Orderings from Maven's ComparableVersionTest (VERSIONS_QUALIFIER and VERSIONS_NUMBER) and
// the POM reference's version order specification.
describe("compareMaven", () => {
  it.each([
    ["1-alpha2snapshot", "1-alpha2"],
    ["1-alpha2", "1-alpha-123"],
    ["1-alpha-123", "1-beta-2"],
    ["1-beta-2", "1-beta123"],
    ["1-beta123", "1-m2"],
    ["1-m2", "1-m11"],
    ["1-m11", "1-rc"],
    ["1-rc", "1-cr2"],
    ["1-cr2", "1-rc123"],
    ["1-rc123", "1-SNAPSHOT"],
    ["1-SNAPSHOT", "1"],
    ["1", "1-sp"],
    ["1-sp", "1-sp2"],
    ["1-sp2", "1-sp123"],
    ["1-sp123", "1-abc"],
    ["1-abc", "1-def"],
    ["1-def", "1-pom-1"],
    ["1-pom-1", "1-1-snapshot"],
    ["1-1-snapshot", "1-1"],
    ["1-1", "1-2"],
    ["1-2", "1-123"],
    ["1", "1.1"],
    ["1.1", "1.2"],
    ["1.2", "1.10"],
    ["2.13.2", "2.13.2.1"],
    ["2.12.6", "2.12.6.1"],
    ["2.12.6.1", "2.13.0"],
    ["1.9", "1.10.0"],
  ])("%s < %s", (lower, higher) => {
    expect(compareMaven(lower, higher)).toBe(-1);
    expect(compareMaven(higher, lower)).toBe(1);
  });

  it.each([
    ["1", "1.0"],
    ["1", "1.0.0"],
    ["1.0", "1-0"],
    ["1", "1-ga"],
    ["1", "1.final"],
    ["1", "1.RELEASE"],
    ["1a1", "1-alpha-1"],
    ["1-cr1", "1-rc1"],
    ["1.0.0.Final", "1.0.0"],
  ])("%s == %s", (a, b) => {
    expect(compareMaven(a, b)).toBe(0);
  });
});
