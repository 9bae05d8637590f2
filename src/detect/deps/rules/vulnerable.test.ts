import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { AdvisoryIndex } from "../advisories/advisory-index.js";
import { loadAdvisories } from "../advisories/load-advisories.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";
import { vulnerableRule } from "./vulnerable.js";

let advisories: AdvisoryIndex;
beforeAll(async () => {
  advisories = await loadAdvisories(fileURLToPath(new URL("../__fixtures__/osv", import.meta.url)));
});

describe("deps/vulnerable", () => {
  it("reports an added vulnerable version with the advisory id, its severity and the fixed version", () => {
    const hits = vulnerableRule.check(ruleContext({ added: [npmPackage("minimist", { version: "1.2.5" })], advisories }));
    expect(hits.map((hit) => [hit.properties?.["advisory"], hit.severity, hit.properties?.["fixed"]])).toEqual([
      ["GHSA-xvch-5gv4-984h", "critical", "1.2.6"],
    ]);
    expect(hits[0]?.message).toBe(
      "npm package minimist@1.2.5 is affected by GHSA-xvch-5gv4-984h (Prototype Pollution in minimist); fixed in 1.2.6.",
    );
  });

  it("reports a change that moves into a vulnerable version", () => {
    const hits = vulnerableRule.check(
      ruleContext({
        changed: [{ before: npmPackage("lodash", { version: "4.17.21" }), after: npmPackage("lodash", { version: "4.17.15" }) }],
        advisories,
      }),
    );
    expect(hits.map((hit) => hit.properties?.["advisory"]).sort()).toEqual(["GHSA-35jh-r3h4-6jhm", "GHSA-p6mc-m468-83gw"]);
  });

  it.each([
    ["a fixed version", { added: [npmPackage("minimist", { version: "1.2.6" })] }],
    ["a package known only by range", { added: [npmPackage("minimist", { version: undefined, range: "^1.2.0" })] }],
    [
      "an accepted advisory (by alias)",
      { added: [npmPackage("minimist", { version: "1.2.5" })], options: { allow: { advisories: ["CVE-2021-44906"] } } },
    ],
    ["a vulnerable package that was only removed", { removed: [npmPackage("minimist", { version: "1.2.5" })] }],
  ])("does not report %s", (_name, spec) => {
    expect(vulnerableRule.check(ruleContext({ ...spec, advisories }))).toEqual([]);
  });

  it("does nothing without advisories", () => {
    expect(vulnerableRule.check(ruleContext({ added: [npmPackage("minimist", { version: "1.2.5" })] }))).toEqual([]);
  });
});
