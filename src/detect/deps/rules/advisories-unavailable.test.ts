import { describe, expect, it } from "vitest";
import { advisoriesUnavailableRule } from "./advisories-unavailable.js";
import { ruleContext } from "../__fixtures__/rule-test-context.js";

const failed = {
  ran: false,
  problem: "https://api.osv.dev: the OSV advisory service could not be queried (fetch failed)",
  required: false,
};

describe("deps/advisories-unavailable", () => {
  it("warns when no advisory source could be used, and fails the check when advisories are required", () => {
    const [warning] = advisoriesUnavailableRule.check({ ...ruleContext(), advisoryStatus: failed });
    expect(warning?.message).toMatch(/^The advisory check did not run: https:\/\/api\.osv\.dev: .*fetch failed/);
    expect(warning?.severity).toBeUndefined(); // the rule's own: low
    expect(advisoriesUnavailableRule.check({ ...ruleContext(), advisoryStatus: { ...failed, required: true } })[0]?.severity).toBe("high");
  });

  it("says nothing when advisories were checked or nothing came in", () => {
    expect(
      advisoriesUnavailableRule.check({
        ...ruleContext(),
        advisoryStatus: { ran: true, source: "OSV API https://api.osv.dev", required: false },
      }),
    ).toEqual([]);
    expect(advisoriesUnavailableRule.check(ruleContext())).toEqual([]);
  });
});
