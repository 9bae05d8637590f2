import { describe, expect, it } from "vitest";
import { advisorySourceRule } from "./advisory-source.js";
import { ruleContext } from "../__fixtures__/rule-test-context.js";

const ran = { ran: true, source: "OSV export vendor/osv", date: "2026-12-01", records: 12, required: false };
const failed = {
  ran: false,
  problem: "https://api.osv.dev: the OSV advisory service could not be queried (fetch failed)",
  required: false,
};

describe("deps/advisory-source", () => {
  it("names the source and its date", () => {
    expect(advisorySourceRule.check({ ...ruleContext(), advisoryStatus: ran })[0]?.message).toBe(
      "Advisories checked against OSV export vendor/osv, records up to 2026-12-01 (12 records matched or loaded).",
    );
  });

  it("says nothing when advisories did not run", () => {
    expect(advisorySourceRule.check({ ...ruleContext(), advisoryStatus: failed })).toEqual([]);
  });
});
