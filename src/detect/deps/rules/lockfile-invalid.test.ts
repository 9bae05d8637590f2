import { describe, expect, it } from "vitest";
import { lockfileError } from "../lockfile-error.js";
import { lockfileInvalidRule } from "./lockfile-invalid.js";
import { ruleContext } from "../__fixtures__/rule-test-context.js";

describe("deps/lockfile-invalid", () => {
  it("reports the parse error with its line", () => {
    const error = lockfileError("go.sum", "not a checksum line", { line: 4 });
    expect(lockfileInvalidRule.check(ruleContext({ error })).map((hit) => [hit.line, hit.message])).toEqual([[4, error.message]]);
  });

  it("reports nothing for a file that parsed", () => {
    expect(lockfileInvalidRule.check(ruleContext())).toEqual([]);
  });
});
