// Which retention applies to a kind: the pure lookup `purge` relies on.
import { describe, expect, it } from "vitest";
import { retentionDaysFor } from "./retention.js";

describe("retentionDaysFor", () => {
  const policy = { days: { default: 400, "pull_request.*": 730, "pull_request.review.*": 900, "check.result": 180 } };

  it("prefers the exact kind, then the longest prefix, then default", () => {
    expect(retentionDaysFor(policy, "check.result")).toBe(180);
    expect(retentionDaysFor(policy, "pull_request.review.submitted")).toBe(900);
    expect(retentionDaysFor(policy, "pull_request.opened")).toBe(730);
    expect(retentionDaysFor(policy, "deployment.created")).toBe(400);
  });

  it("keeps kinds matched by nothing forever when there is no default", () => {
    expect(retentionDaysFor({ days: { "pull_request.*": 730 } }, "check.result")).toBeUndefined();
    // A prefix matches whole segments only: `pull_request.*` is not `pull_request_review`.
    expect(retentionDaysFor({ days: { "pull_request.*": 730 } }, "pull_request_review.submitted")).toBeUndefined();
  });
});
