import { describe, expect, it } from "vitest";
import { AGENT_LOGIN, INDEPENDENCE_CASES } from "../policy/approvals/__fixtures__/independence-cases.js";
import { buildAccountability, sameActor } from "./accountability.js";

describe("sameActor", () => {
  it.each([
    ["alice", "alice", true],
    ["Alice", "@alice", true],
    ["alice", "Alice Liddell <12345+alice@users.noreply.github.com>", true],
    ["alice", "alice@users.noreply.github.com", true],
    // A trailer's name equal to the login is taken as the same person: the judge errs towards
    // "not independent" (a wrong match drops an approval; a missed one would let a delegator in).
    ["alice", "Alice <alice@example.com>", true],
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

describe("buildAccountability agrees with the check on the shared independence table", () => {
  it.each(INDEPENDENCE_CASES)("$name → $expected", (entry) => {
    const record = buildAccountability({
      repository: "o/r",
      number: 1,
      author: entry.author ?? AGENT_LOGIN,
      ...(entry.delegator === undefined ? {} : { delegator: { who: entry.delegator, source: "authorized-by" as const } }),
      ...(entry.coAuthor === undefined ? {} : { coAuthors: [entry.coAuthor] }),
      ...(entry.lastPusher === undefined ? {} : { lastPusher: entry.lastPusher }),
      reviews: [{ reviewer: entry.reviewer.login, kind: entry.reviewer.kind, state: "approved", seq: 1 }],
    });
    if (entry.expected === undefined) {
      expect(record.independentApprovers).toEqual([entry.reviewer.login]);
    } else {
      expect(record.notIndependent).toEqual([{ reviewer: entry.reviewer.login, reason: entry.expected }]);
    }
  });

  it("refuses an agent named as the delegator (an agent authorising itself): the gate does not hold", () => {
    const record = buildAccountability({
      repository: "o/r",
      number: 1,
      delegator: { who: "Claude <noreply@anthropic.com>", source: "authorized-by" },
      reviews: [{ reviewer: "sam", kind: "human", state: "approved", seq: 1 }],
    });
    expect(record.delegator).toBeUndefined();
    expect(record.gatesHeld).toBe(false);
    expect(record.reasons).toEqual(["the delegator is refused: Authorized-by names Claude (an agent): only a human can authorise an agent's work"]);
  });
});
