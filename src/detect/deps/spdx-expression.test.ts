import { describe, expect, it } from "vitest";
import { deniedLicences } from "./spdx-expression.js";

const denied = new Set(["gpl-3.0-only", "agpl-3.0-or-later", "sspl-1.0"]);

describe("deniedLicences", () => {
  it.each([
    ["GPL-3.0-only", ["GPL-3.0-only"]],
    ["MIT", []],
    ["MIT OR GPL-3.0-only", []],
    ["(MIT AND GPL-3.0-only)", ["GPL-3.0-only"]],
    ["(MIT OR Apache-2.0) AND GPL-3.0-only", ["GPL-3.0-only"]], // nested: GPL is imposed either way
    ["(MIT AND GPL-3.0-only) OR Apache-2.0", []], // Apache-2.0 alone avoids it
    ["(MIT OR GPL-3.0-only) AND (Apache-2.0 OR SSPL-1.0)", []],
    ["(GPL-3.0-only OR SSPL-1.0) AND MIT", ["GPL-3.0-only", "SSPL-1.0"]],
    ["SSPL-1.0 OR AGPL-3.0-or-later", ["SSPL-1.0", "AGPL-3.0-or-later"]],
    ["GPL-3.0-only WITH Classpath-exception-2.0", ["GPL-3.0-only"]],
    ["gpl-3.0-ONLY", ["gpl-3.0-ONLY"]], // not a valid expression: judged as one id
    ["SEE LICENSE IN LICENSE.md", []],
  ])("%s → %j", (expression, expected) => {
    expect(deniedLicences(expression, denied)).toEqual(expected);
  });
});
