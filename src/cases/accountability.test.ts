import { describe, expect, it } from "vitest";
import { buildAccountability, sameActor } from "./accountability.js";

describe("sameActor", () => {
  it.each([
    ["alice", "alice", true],
    ["Alice", "@alice", true],
    ["alice", "Alice Liddell <12345+alice@users.noreply.github.com>", true],
    ["alice", "alice@users.noreply.github.com", true],
    ["alice", "Alice <alice@example.com>", false],
    ["alice", "malice", false],
    ["bob", "12345+alice@users.noreply.github.com", false],
  ])("%s vs %s → %s", (login, recorded, expected) => {
    expect(sameActor(login, recorded)).toBe(expected);
  });
});

describe("buildAccountability", () => {
  it("does not count the PR author's own approval, a bot's, or a dismissed one", () => {
    const record = buildAccountability({
      repository: "o/r",
      number: 1,
      author: "carol",
      delegator: { who: "Dana <1+dana@users.noreply.github.com>", source: "authorized-by" },
      reviews: [
        { reviewer: "carol", kind: "human", state: "approved", seq: 1 },
        { reviewer: "dependabot[bot]", kind: "maintenance-bot", state: "approved", seq: 2 },
        { reviewer: "erin", kind: "human", state: "approved", seq: 3 },
        { reviewer: "erin", kind: "human", state: "dismissed", seq: 4 },
        { reviewer: "dana", kind: "human", state: "approved", seq: 5 },
      ],
    });
    expect(record.notIndependent).toEqual([
      { reviewer: "carol", reason: "author" },
      { reviewer: "dependabot[bot]", reason: "maintenance-bot" },
      { reviewer: "dana", reason: "delegator" },
    ]);
    expect(record.gatesHeld).toBe(false);
  });

  it("holds the gate with one independent approval and says when no delegator is known", () => {
    const record = buildAccountability({ repository: "o/r", number: 1, reviews: [{ reviewer: "erin", kind: "human", state: "approved", seq: 1 }] });
    expect(record.gatesHeld).toBe(true);
    expect(record.reasons).toEqual(["no delegating human is recorded (no assignment, no Authorized-by trailer)"]);
  });
});
