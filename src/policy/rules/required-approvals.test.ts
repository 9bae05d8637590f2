import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../__fixtures__/test-values.js";
import { missingDataOutcomes } from "../__fixtures__/test-values.js";
import { review, scenario } from "../__fixtures__/test-values.js";
import { AGENT_LOGIN, INDEPENDENCE_CASES } from "../approvals/__fixtures__/independence-cases.js";
import { independentQuorum } from "../approvals/approvals.js";
import { parseIdentityText } from "../approvals/identity.js";
import { requiredApprovalsRule } from "./required-approvals.js";

const agentCommit = { by: "copilot", files: ["src/a.ts"] };

const fires: { name: string; spec: ScenarioSpec; severity: string; counted: number; message: RegExp }[] = [
  {
    name: "no reviews at all",
    spec: { commits: [agentCommit], pullRequest: { reviews: [] } },
    severity: "high",
    counted: 0,
    message: /0 of 1 .*no one has approved/,
  },
  {
    name: "the delegating human (PR assignee) is the only approver",
    spec: { commits: [agentCommit], pullRequest: { reviews: [review("dana")] } },
    severity: "high",
    counted: 0,
    message: /only approval is by the delegating human dana/,
  },
  {
    name: "the delegating human named by the Authorized-by trailer (noreply email) is the only approver",
    spec: {
      commits: [
        {
          by: "claude-code",
          files: ["src/a.ts"],
          trailers: [{ key: "Authorized-by", value: "Dana D <4242+dana@users.noreply.github.com>" }],
        },
      ],
      pullRequest: { author: { login: "claude[bot]", type: "Bot" }, assignees: [], reviews: [review("Dana")] },
    },
    severity: "high",
    counted: 0,
    message: /delegating human Dana/,
  },
  {
    name: "approvals by an AI reviewer, a bot and the PR author do not count",
    spec: {
      commits: [agentCommit],
      pullRequest: {
        author: { login: "hana" },
        assignees: [],
        reviews: [review("copilot-pull-request-reviewer[bot]"), review("renovate", "approved", { type: "Bot" }), review("hana")],
      },
      policy: { agents: [{ id: "coderabbit", kind: "ai-reviewer", logins: ["coderabbitai"] }] },
    },
    severity: "high",
    counted: 0,
    // Without a caller's classifier the rule still knows the built-in signatures: Copilot's
    // reviewer is an AI reviewer, not merely a bot.
    message: /copilot-pull-request-reviewer\[bot\] \(an AI reviewer\), renovate \(a bot\), hana \(the PR author\)/,
  },
  {
    name: "an AI reviewer from the policy's agents list and a co-author do not count",
    spec: {
      commits: [{ by: "copilot", files: ["src/a.ts"], trailers: [{ key: "Co-authored-by", value: "Kim <kim@example.com>" }] }],
      pullRequest: { assignees: [], reviews: [review("coderabbitai"), review("kim", "approved", { email: "kim@example.com" })] },
      policy: { agents: [{ id: "coderabbit", kind: "ai-reviewer", logins: ["coderabbitai"] }] },
    },
    severity: "high",
    counted: 0,
    message: /coderabbitai \(an AI reviewer\), kim \(a commit author or co-author\)/,
  },
  {
    name: "an approval that was dismissed afterwards",
    spec: {
      commits: [agentCommit],
      pullRequest: {
        reviews: [
          review("sam", "approved", { submittedAt: "2026-11-25T09:00:00Z" }),
          review("sam", "dismissed", { submittedAt: "2026-11-25T09:30:00Z" }),
        ],
      },
    },
    severity: "high",
    counted: 0,
    message: /no one has approved/,
  },
  {
    name: "two required, one independent, with a severity override",
    spec: {
      commits: [agentCommit],
      pullRequest: { reviews: [review("sam"), review("dana")] },
      policy: { rules: { required_approvals: { count: 2, severity: "critical" } } },
    },
    severity: "critical",
    counted: 1,
    message: /1 of 2 .*dana \(the delegating human\)/,
  },
  {
    name: "the caller's classifier marks an agent account that looks human",
    spec: {
      commits: [agentCommit],
      pullRequest: { reviews: [review("sneaky-agent")] },
      actorKind: (identity) => (identity.login === "sneaky-agent" ? "agent" : "human"),
    },
    severity: "high",
    counted: 0,
    message: /sneaky-agent \(an agent\)/,
  },
];

const passes: { name: string; spec: ScenarioSpec }[] = [
  { name: "one independent human approved", spec: { commits: [agentCommit], pullRequest: { reviews: [review("sam"), review("dana")] } } },
  {
    name: "a later comment leaves the approval standing",
    spec: {
      commits: [agentCommit],
      pullRequest: {
        reviews: [
          review("sam", "approved", { submittedAt: "2026-11-25T09:00:00Z" }),
          review("sam", "commented", { submittedAt: "2026-11-25T10:00:00Z" }),
        ],
      },
    },
  },
  {
    name: "a human change needs no agent quorum",
    spec: { commits: [{ files: ["src/a.ts"] }], pullRequest: { author: { login: "hana" }, reviews: [] } },
  },
  {
    name: "count 0",
    spec: { commits: [agentCommit], pullRequest: { reviews: [] }, policy: { rules: { required_approvals: { count: 0 } } } },
  },
];

describe("required-approvals", () => {
  it.each(fires)("fires: $name", ({ spec, severity, counted, message }) => {
    const findings = requiredApprovalsRule.evaluate(scenario(spec));
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.ruleId).toBe("required-approvals");
    expect(finding?.severity).toBe(severity);
    expect(finding?.properties?.counted).toHaveLength(counted);
    expect(finding?.message).toMatch(message);
    expect(finding?.message).toContain(spec.commits[0]?.by ?? "");
  });

  it.each(passes)("passes: $name", ({ spec }) => {
    expect(requiredApprovalsRule.evaluate(scenario(spec))).toEqual([]);
  });

  const skips: [string, ScenarioSpec, string][] = [
    ["reviews are unknown", { commits: [agentCommit], pullRequest: {} }, "reviews are unknown"],
    ["there is no pull request", { commits: [agentCommit] }, "no pull request"],
  ];

  it.each(skips)("cannot judge (fails, never passes) when %s", (_name, spec, reason) => {
    const context = scenario(spec);
    expect(requiredApprovalsRule.evaluate(context)).toEqual([]);
    const { failed, skipped, finding } = missingDataOutcomes(spec, "required-approvals");
    expect(failed).toMatchObject({ outcome: "failed", reason: expect.stringContaining(reason), remedy: expect.any(String) });
    expect(finding?.message).toContain(reason);
    expect(skipped).toMatchObject({ outcome: "skipped", reason: expect.stringContaining(reason), remedy: expect.any(String) });
  });
});

describe("required-approvals agrees with the accountability record on the shared independence table", () => {
  it.each(INDEPENDENCE_CASES)("$name → $expected", (entry) => {
    const trailers = [
      ...(entry.delegator === undefined ? [] : [{ key: "Authorized-by", value: entry.delegator }]),
      ...(entry.coAuthor === undefined ? [] : [{ key: "Co-authored-by", value: entry.coAuthor }]),
    ];
    const context = scenario({
      commits: [{ by: "copilot", files: ["src/a.ts"], trailers }],
      pullRequest: {
        author: { login: entry.author ?? AGENT_LOGIN, ...(entry.author === undefined ? { type: "Bot" } : {}) },
        assignees: [],
        reviews: [review(entry.reviewer.login, "approved", entry.reviewer.login.endsWith("[bot]") ? { type: "Bot" } : {})],
      },
    });
    const quorum = independentQuorum(
      entry.lastPusher === undefined ? context : { ...context, lastPusher: parseIdentityText(entry.lastPusher) },
    );
    const verdict = {
      counted: quorum.counted.map((identity) => identity.login),
      discounted: quorum.discounted.map((discount) => [discount.identity.login, discount.code]),
    };
    expect(verdict).toEqual(
      entry.expected === undefined
        ? { counted: [entry.reviewer.login], discounted: [] }
        : { counted: [], discounted: [[entry.reviewer.login, entry.expected]] },
    );
  });

  it("does not count an approval of an older commit (approvals.dismiss_stale, on by default)", () => {
    const spec = { commits: [agentCommit], pullRequest: { reviews: [review("sam", "approved", { commitId: "f".repeat(40) })] } };
    const [finding] = requiredApprovalsRule.evaluate(scenario(spec));
    expect(finding?.message).toMatch(/0 of 1 .*sam \(approved ffffffffffff, not the head/);
    expect(requiredApprovalsRule.evaluate(scenario({ ...spec, policy: { approvals: { dismiss_stale: false } } }))).toEqual([]);
  });
});
