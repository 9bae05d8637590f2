import { describe, expect, it } from "vitest";
import { duplicatePurposeRule } from "./duplicate-purpose.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";

describe("deps/duplicate-purpose", () => {
  it("reports a second HTTP client, naming both", () => {
    const got = npmPackage("got");
    const hits = duplicatePurposeRule.check(ruleContext({ added: [got], present: [npmPackage("axios"), got] }));
    expect(hits.map((hit) => hit.message)).toEqual(["Adds got, another HTTP client, while axios already serves that purpose."]);
  });

  it("reports a second date library added with the first", () => {
    const added = [npmPackage("dayjs"), npmPackage("moment")];
    expect(duplicatePurposeRule.check(ruleContext({ added })).map((hit) => hit.properties?.["duplicates"])).toEqual([
      ["moment"],
      ["dayjs"],
    ]);
  });

  it.each([
    ["the only HTTP client", [npmPackage("axios")], [npmPackage("axios"), npmPackage("lodash")]],
    ["packages of different purposes", [npmPackage("dayjs")], [npmPackage("dayjs"), npmPackage("axios")]],
    ["a transitive addition", [npmPackage("got", { direct: false })], [npmPackage("got", { direct: false }), npmPackage("axios")]],
    [
      "the same purpose in another ecosystem",
      [npmPackage("axios")],
      [npmPackage("axios"), { ecosystem: "PyPI" as const, name: "requests", direct: true }],
    ],
  ])("does not report %s", (_name, added, present) => {
    expect(duplicatePurposeRule.check(ruleContext({ added, present }))).toEqual([]);
  });
});
