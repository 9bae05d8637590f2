import { describe, expect, it } from "vitest";
import { addedRule } from "./added.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";

describe("deps/added", () => {
  it.each([
    ["a direct dependency", [npmPackage("zod", { version: "4.1.0" })], ["Adds direct dependency npm package zod@4.1.0."]],
    ["a transitive dev dependency", [npmPackage("ms", { direct: false, dev: true })], ["Adds transitive dev dependency npm package ms@1.0.0."]],
    ["nothing added", [], []],
  ])("%s", (_name, added, messages) => {
    expect(addedRule.check(ruleContext({ added })).map((hit) => hit.message)).toEqual(messages);
  });

  it("does not report changed packages as added", () => {
    expect(addedRule.check(ruleContext({ changed: [{ before: npmPackage("a"), after: npmPackage("a", { version: "2.0.0" }) }] }))).toEqual([]);
  });
});
