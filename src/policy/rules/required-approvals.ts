/**
 * `required-approvals`: an agent PR has fewer approvals from independent humans than the
 * policy requires. Approvals by agents, AI reviewers, bots, the PR author, commit authors and
 * co-authors, and the human who delegated the task do not count (see ../approvals.ts) — so a
 * delegator who is the only approver fails this rule. Judged only when the reviews are known.
 */
import { agentNames, isAgentChange } from "../evaluate/agent-activity.js";
import { describeDiscounted, independentQuorum } from "../approvals/approvals.js";
import { displayIdentity } from "../approvals/identity.js";
import { noPullRequest, noReviews } from "../evaluate/missing-data.js";
import { policyFinding } from "../evaluate/policy-finding.js";
import type { PolicyRule } from "../evaluate/rule-context.js";

export const requiredApprovalsRule: PolicyRule = {
  meta: {
    id: "required-approvals",
    category: "policy",
    severity: "high",
    description:
      "An agent pull request lacks the required number of approvals from independent humans (not the agent, AI reviewers, the author or the delegator).",
  },
  section: "required_approvals",
  missingData(context) {
    if (!isAgentChange(context)) {
      return undefined;
    }
    const pullRequest = context.change.pullRequest;
    if (pullRequest === undefined) {
      return noPullRequest("there are no reviews to count");
    }
    return pullRequest.reviews === undefined ? noReviews("the independent approvals cannot be counted") : undefined;
  },
  evaluate(context) {
    const required = context.policy.rules.required_approvals.count;
    const pullRequest = context.change.pullRequest;
    if (required === 0 || pullRequest?.reviews === undefined || !isAgentChange(context)) {
      return [];
    }
    const quorum = independentQuorum(context);
    if (quorum.counted.length >= required) {
      return [];
    }
    const agent = agentNames(context);
    const onlyDelegator =
      quorum.counted.length === 0 &&
      quorum.discounted.length > 0 &&
      quorum.discounted.every((entry) => entry.reason === "the delegating human");
    const detail = onlyDelegator
      ? `the only approval is by the delegating human ${quorum.discounted.map((entry) => displayIdentity(entry.identity)).join(", ")}, who cannot approve their own agent's work`
      : quorum.discounted.length > 0
        ? `not counted: ${describeDiscounted(quorum.discounted)}`
        : "no one has approved it";
    return [
      policyFinding(requiredApprovalsRule, context, {
        message: `Agent PR #${String(pullRequest.number)} by ${agent} has ${String(quorum.counted.length)} of ${String(required)} required independent human approval${required > 1 ? "s" : ""}; ${detail}.`,
        identity: [pullRequest.number],
        properties: {
          agent,
          required,
          counted: quorum.counted.map(displayIdentity),
          discounted: quorum.discounted.map((entry) => ({ reviewer: displayIdentity(entry.identity), reason: entry.reason })),
        },
      }),
    ];
  },
};
