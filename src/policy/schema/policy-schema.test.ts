// The policy's `retention` section: what it accepts, and the review-cycle floor reported at the
// offending key's line and column, as `custody ledger purge` and `custody check` users see it.
import { describe, expect, it } from "vitest";
import type { CustodyError } from "../../model/errors.js";
import { isCustodyError } from "../../model/errors.js";
import { defaultPolicy, parsePolicy } from "../load/load-policy.js";

function parseError(text: string): CustodyError {
  try {
    parsePolicy(text, ".github/custody.yml");
  } catch (error) {
    if (isCustodyError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error("expected the policy to be rejected");
}

describe("policy `retention`", () => {
  it("defaults to keeping everything", () => {
    expect(defaultPolicy().retention).toEqual({ days: {} });
  });

  it("accepts days per kind, prefix and default, none shorter than the review cycle", () => {
    const policy = parsePolicy(
      `version: 1
retention:
  review_cycle_days: 90
  days:
    default: 365
    "pull_request.*": 730
    check.result: 90
`,
      "p.yml",
    );
    expect(policy.retention).toEqual({ review_cycle_days: 90, days: { default: 365, "pull_request.*": 730, "check.result": 90 } });
  });

  it("rejects a retention shorter than the review cycle, at the entry's line, column and key", () => {
    const error = parseError(`version: 1
retention:
  review_cycle_days: 90
  days:
    default: 365
    check.result: 30
`);
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.position).toEqual({ file: ".github/custody.yml", line: 6, column: 19, key: "retention.days.check.result" });
    expect(error.message).toMatch(
      /^At `retention.days.check.result`: `check.result` events are kept for 30 days, shorter than the declared review cycle of 90 days/,
    );
  });

  it("rejects keys that are not a kind, a prefix or default; zero or fractional days; unknown keys", () => {
    expect(parseError("version: 1\nretention:\n  days:\n    'pull request': 30\n")).toMatchObject({
      position: { line: 4, key: "retention.days.pull request" },
    });
    expect(parseError("version: 1\nretention:\n  days:\n    '*': 30\n").message).toMatch(/is not a retention key: use `default`/);
    expect(parseError("version: 1\nretention:\n  days:\n    default: 0\n").position).toMatchObject({
      line: 4,
      key: "retention.days.default",
    });
    expect(parseError("version: 1\nretention:\n  days:\n    default: 1.5\n").position).toMatchObject({ key: "retention.days.default" });
    expect(parseError("version: 1\nretention:\n  review_cycle: 30\n").message).toMatch(
      /unknown key "review_cycle"; known keys here: review_cycle_days, days/,
    );
  });
});
