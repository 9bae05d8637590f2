import { describe, expect, it } from "vitest";
import { buildAccountability, type AccountabilityInput, type LastEvaluation } from "./accountability.js";

const HEAD = "a".repeat(40);
const passed: LastEvaluation = {
  headSha: HEAD,
  status: "completed",
  conclusion: "success",
  failedRules: [],
  approvals: { required: 1, counted: ["erin"], discounted: [] },
};
const input = (fields: Partial<AccountabilityInput> = {}): AccountabilityInput => ({
  repository: "o/r",
  number: 1,
  delegator: { who: "dana", source: "authorized-by" },
  reviews: [{ reviewer: "erin", kind: "human", state: "approved", seq: 1 }],
  mergedHead: HEAD,
  lastEvaluation: passed,
  ...fields,
});

describe("buildAccountability", () => {
  it("holds every gate with a passing evaluation of the merged head, the quorum and a delegator", () => {
    expect(buildAccountability(input())).toMatchObject({
      gatesHeld: true,
      reasons: [],
      independentApprovers: ["erin"],
      requiredApprovals: 1,
      evaluation: { headSha: HEAD, conclusion: "success" },
    });
  });

  it.each([
    ["no merged head", { mergedHead: undefined }, ["the merged head is unknown"]],
    ["no evaluation", { lastEvaluation: undefined }, ["Custody never evaluated the merged head aaaaaaaaaaaa"]],
    [
      "two gates at once",
      {
        delegator: undefined,
        lastEvaluation: {
          ...passed,
          approvals: { required: 2, counted: ["erin"], discounted: [{ reviewer: "dana", reason: "the delegating human" }] },
        },
      },
      [
        "1 of 2 required independent human approvals on the merged head (not counted: dana: the delegating human)",
        "no delegating human is recorded (no assignment, no Authorized-by trailer)",
      ],
    ],
    [
      "a result without a quorum (recorded before it was kept)",
      { lastEvaluation: { ...passed, approvals: undefined } },
      ["the evaluation of the merged head recorded no approval count"],
    ],
  ])("does not hold with %s", (_name, fields, reasons) => {
    const record = buildAccountability(input(fields));
    expect(record.reasons).toEqual(reasons);
    expect(record.gatesHeld).toBe(false);
  });

  it("refuses an agent named as the delegator (an agent authorising itself): the gates do not hold", () => {
    const record = buildAccountability(input({ delegator: { who: "Claude <noreply@anthropic.com>", source: "authorized-by" } }));
    expect(record.delegator).toBeUndefined();
    expect(record.gatesHeld).toBe(false);
    expect(record.reasons).toEqual([
      "the delegator is refused: Authorized-by names Claude (an agent): only a human can authorise an agent's work",
    ]);
  });

  it("holds with a policy that requires no approval", () => {
    expect(
      buildAccountability(input({ lastEvaluation: { ...passed, approvals: { required: 0, counted: [], discounted: [] } } })).gatesHeld,
    ).toBe(true);
  });

  it("lists the approvers whose latest decisive review approves", () => {
    const record = buildAccountability(
      input({
        reviews: [
          { reviewer: "erin", kind: "human", state: "approved", seq: 1 },
          { reviewer: "erin", kind: "human", state: "dismissed", seq: 2 },
          { reviewer: "fay", kind: "human", state: "approved", seq: 3 },
          { reviewer: "fay", kind: "human", state: "commented", seq: 4 },
        ],
      }),
    );
    expect(record.approvers).toEqual(["fay"]);
  });
});
