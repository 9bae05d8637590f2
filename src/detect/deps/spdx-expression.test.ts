import { describe, expect, it } from "vitest";
import { deniedLicences } from "./spdx-expression.js";

const denied = new Set(["gpl-3.0-only", "agpl-3.0-or-later", "sspl-1.0"]);

describe("deniedLicences", () => {
  it.each([
    ["GPL-3.0-only", ["GPL-3.0-only"]],
    ["MIT", []],
    ["MIT OR GPL-3.0-only", []],
    ["(MIT AND GPL-3.0-only)", ["GPL-3.0-only"]],
    ["SSPL-1.0 OR AGPL-3.0-or-later", ["SSPL-1.0", "AGPL-3.0-or-later"]],
    ["GPL-3.0-only WITH Classpath-exception-2.0", ["GPL-3.0-only"]],
    ["gpl-3.0-ONLY", ["gpl-3.0-ONLY"]],
  ])("%s → %j", (expression, expected) => {
    expect(deniedLicences(expression, denied)).toEqual(expected);
  });
});
