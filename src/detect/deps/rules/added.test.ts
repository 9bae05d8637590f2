import { describe, expect, it } from "vitest";
import { addedRule } from "./added.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";

describe("deps/added", () => {
  it.each([
    ["a direct dependency", [npmPackage("zod", { version: "4.1.0" })], ["Adds direct dependency npm package zod@4.1.0."]],
    [
      "a transitive dev dependency no direct addition explains",
      [npmPackage("ms", { direct: false, dev: true })],
      ["Adds 1 transitive package that no added direct dependency explains (ms@1.0.0)."],
    ],
    ["nothing added", [], []],
  ])("%s", (_name, added, messages) => {
    expect(addedRule.check(ruleContext({ added })).map((hit) => hit.message)).toEqual(messages);
  });

  it("folds the transitive packages a direct addition brings into its one finding, through the lockfile graph", () => {
    const added = [
      npmPackage("express", { version: "5.0.0", requires: ["body-parser", "debug"] }),
      npmPackage("body-parser", { direct: false, requires: ["bytes", "debug"] }),
      npmPackage("bytes", { direct: false }),
      npmPackage("debug", { direct: false, requires: ["ms"] }),
      npmPackage("ms", { direct: false }),
      npmPackage("zod", { version: "4.1.0" }),
      npmPackage("left-pad", { direct: false }),
    ];
    const hits = addedRule.check(ruleContext({ added }));
    expect(hits.map((hit) => hit.message)).toEqual([
      "Adds direct dependency npm package express@5.0.0 with 4 transitive packages (body-parser@1.0.0, debug@1.0.0, bytes@1.0.0, ms@1.0.0).",
      "Adds direct dependency npm package zod@4.1.0.",
      "Adds 1 transitive package that no added direct dependency explains (left-pad@1.0.0).",
    ]);
    expect(hits[0]?.properties?.["transitive"]).toEqual(["body-parser@1.0.0", "debug@1.0.0", "bytes@1.0.0", "ms@1.0.0"]);
  });

  it("does not report changed packages as added", () => {
    expect(addedRule.check(ruleContext({ changed: [{ before: npmPackage("a"), after: npmPackage("a", { version: "2.0.0" }) }] }))).toEqual(
      [],
    );
  });
});
