import { describe, expect, it } from "vitest";
import { deniedLicenseRule } from "./denied-license.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";

const options = { denied_licenses: ["GPL-3.0-only", "AGPL-3.0-only"] };

describe("deps/denied-license", () => {
  it.each([
    ["an added GPL package", npmPackage("gpl-lib", { license: "GPL-3.0-only" }), ["GPL-3.0-only"]],
    ["a package under AND with a denied term", npmPackage("mixed", { license: "(MIT AND AGPL-3.0-only)" }), ["AGPL-3.0-only"]],
    [
      "a nested expression that imposes a denied licence",
      npmPackage("nested", { license: "(MIT OR Apache-2.0) AND GPL-3.0-only" }),
      ["GPL-3.0-only"],
    ],
  ])("reports %s", (_name, item, denied) => {
    const hits = deniedLicenseRule.check(ruleContext({ added: [item], options }));
    expect(hits.map((hit) => hit.properties?.["denied"])).toEqual([denied]);
  });

  it.each([
    ["a permissive licence", npmPackage("mit-lib", { license: "MIT" })],
    ["a choice that includes an allowed licence", npmPackage("dual", { license: "MIT OR GPL-3.0-only" })],
    ["no licence recorded", npmPackage("unknown")],
  ])("does not report %s", (_name, item) => {
    expect(deniedLicenseRule.check(ruleContext({ added: [item], options }))).toEqual([]);
  });

  it("does nothing when the policy denies no licence", () => {
    expect(deniedLicenseRule.check(ruleContext({ added: [npmPackage("gpl-lib", { license: "GPL-3.0-only" })] }))).toEqual([]);
  });
});
