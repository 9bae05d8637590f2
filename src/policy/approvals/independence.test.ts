import { describe, expect, it } from "vitest";
import type { Identity } from "../../model/actor.js";
import { INDEPENDENCE_CASES } from "./__fixtures__/independence-cases.js";
import { policyActorKind } from "./classify-identity.js";
import { parseIdentityText } from "./identity.js";
import { independenceJudge, refuseAgentDelegators } from "./independence.js";

const builtIn = policyActorKind({ agents: [] });

describe("independenceJudge (the shared table)", () => {
  it.each(INDEPENDENCE_CASES)("$name → $expected", (entry) => {
    const reviewer: Identity = { login: entry.reviewer.login, ...(entry.reviewer.login.endsWith("[bot]") ? { type: "Bot" } : {}) };
    // The table's kinds are what the built-in signatures say: the three callers classify alike.
    expect(builtIn(reviewer)).toBe(entry.reviewer.kind);
    const judge = independenceJudge({
      kindOf: builtIn,
      ...(entry.author === undefined ? {} : { author: { login: entry.author } }),
      delegators: entry.delegator === undefined ? [] : [parseIdentityText(entry.delegator)],
      contributors: entry.coAuthor === undefined ? [] : [parseIdentityText(entry.coAuthor)],
      ...(entry.lastPusher === undefined ? {} : { lastPusher: parseIdentityText(entry.lastPusher) }),
    });
    expect(judge(reviewer)).toBe(entry.expected);
  });
});

describe("refuseAgentDelegators", () => {
  it("refuses an agent named as the delegator, with its reason, and keeps the humans", () => {
    const { delegators, refused } = refuseAgentDelegators(
      [parseIdentityText("Claude <noreply@anthropic.com>"), parseIdentityText("@dana")],
      builtIn,
      "Authorized-by:",
    );
    expect(delegators).toEqual([{ login: "dana" }]);
    expect(refused).toEqual([
      {
        identity: { name: "Claude", email: "noreply@anthropic.com" },
        kind: "agent",
        reason: "Authorized-by: names Claude (an agent): only a human can authorise an agent's work",
      },
    ]);
  });
});
