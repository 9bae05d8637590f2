import { describe, expect, it } from "vitest";
import { installScriptRule } from "./install-script.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";

describe("deps/install-script", () => {
  it.each([
    ["an added package with an install script", { added: [npmPackage("core-js", { hasInstallScript: true })] }, 1],
    [
      "an update that introduces an install script",
      { changed: [{ before: npmPackage("x"), after: npmPackage("x", { version: "2.0.0", hasInstallScript: true }) }] },
      1,
    ],
    ["an added package without one", { added: [npmPackage("lodash")] }, 0],
    [
      "an update of a package that already had one",
      {
        changed: [
          {
            before: npmPackage("esbuild", { hasInstallScript: true }),
            after: npmPackage("esbuild", { version: "2.0.0", hasInstallScript: true }),
          },
        ],
      },
      0,
    ],
  ])("%s → %d", (_name, spec, count) => {
    expect(installScriptRule.check(ruleContext(spec))).toHaveLength(count);
  });
});
