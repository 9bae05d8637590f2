import { describe, expect, it } from "vitest";
import { removedRule } from "./removed.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";

describe("deps/removed", () => {
  it("reports a removed package, located on the base side", () => {
    const hits = removedRule.check(ruleContext({ removed: [npmPackage("request", { version: "2.88.2" })] }));
    expect(hits.map((hit) => [hit.message, hit.side])).toEqual([["Removes direct dependency npm package request@2.88.2.", "base"]]);
  });

  it("reports nothing when nothing is removed", () => {
    expect(removedRule.check(ruleContext({ added: [npmPackage("a")] }))).toEqual([]);
  });
});
