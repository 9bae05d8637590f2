import { describe, expect, it } from "vitest";
import { isoWeek } from "./iso-week.js";

describe("isoWeek", () => {
  it.each([
    ["2025-01-06T09:00:00Z", "2025-W02"],
    ["2024-12-30T00:00:00Z", "2025-W01"],
    ["2021-01-03T12:00:00Z", "2020-W53"],
    ["2026-11-25T15:00:00+00:00", "2026-W48"],
    // 23:30 at -05:00 is already Monday in UTC.
    ["2025-01-05T23:30:00-05:00", "2025-W02"],
  ])("%s is in %s", (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });

  it("returns undefined for an unreadable date", () => {
    expect(isoWeek("yesterday-ish")).toBeUndefined();
  });
});
