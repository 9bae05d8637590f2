import { describe, expect, it } from "vitest";
import type { Package } from "../package.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";
import { typosquatRule } from "./typosquat.js";

const pypi = (name: string): Package => ({ ecosystem: "PyPI", name, version: "1.0.0", direct: true });

describe("deps/typosquat", () => {
  it.each([
    [npmPackage("lodahs"), "lodash"],
    [npmPackage("expresss"), "express"],
    [npmPackage("@types-node"), "@types/node"],
    [npmPackage("cross_env"), "cross-env"],
    [pypi("reqeusts"), "requests"],
  ])("reports $name imitating %s", (item, target) => {
    const hits = typosquatRule.check(ruleContext({ added: [item] }));
    expect(hits.map((hit) => hit.properties?.["imitates"])).toEqual([target]);
  });

  it.each([
    ["the popular package itself", npmPackage("lodash")],
    ["another popular package", npmPackage("react-dom")],
    ["a distinct legitimate name", npmPackage("better-sqlite3-helper-toolkit")],
    ["a transitive addition (chosen by another maintainer)", npmPackage("lodahs", { direct: false })],
    ["an allowed setting: typosquat disabled", npmPackage("lodahs")],
  ])("does not report %s", (name, item) => {
    const options = name.startsWith("an allowed") ? { typosquat: { enabled: false } } : {};
    expect(typosquatRule.check(ruleContext({ added: [item], options }))).toEqual([]);
  });

  it("does not report a changed package (its name was already there)", () => {
    expect(
      typosquatRule.check(ruleContext({ changed: [{ before: npmPackage("lodahs"), after: npmPackage("lodahs", { version: "2.0.0" }) }] })),
    ).toEqual([]);
  });
});
