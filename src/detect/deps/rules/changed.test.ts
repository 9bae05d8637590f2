import { describe, expect, it } from "vitest";
import { changedRule } from "./changed.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";

describe("deps/changed", () => {
  it.each([
    [
      "a version bump",
      [{ before: npmPackage("lodash", { version: "4.17.20" }), after: npmPackage("lodash", { version: "4.17.21" }) }],
      ["Changes npm package lodash from 4.17.20 to 4.17.21."],
    ],
    [
      "a range change",
      [
        {
          before: npmPackage("axios", { version: undefined, range: "^1.6.0" }),
          after: npmPackage("axios", { version: undefined, range: "^1.7.0" }),
        },
      ],
      ["Changes npm package axios from ^1.6.0 to ^1.7.0."],
    ],
    ["no change", [], []],
  ])("%s", (_name, changed, messages) => {
    expect(changedRule.check(ruleContext({ changed })).map((hit) => hit.message)).toEqual(messages);
  });

  it("does not report added packages", () => {
    expect(changedRule.check(ruleContext({ added: [npmPackage("a")] }))).toEqual([]);
  });
});
