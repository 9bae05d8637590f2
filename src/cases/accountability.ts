/**
 * The accountability record of a merged agent-authored pull request: who delegated the work,
 * who approved it, who merged it, and whether the review gate held — at least one approval
 * from an independent human. Independence is decided by the one judge the `required-approvals`
 * rule also uses (src/policy/approvals/independence.ts): not the agent, an AI reviewer or bot,
 * the delegating human, the PR author, a commit author or co-author, or the last pusher. A
 * delegator that is an agent (an agent authorising itself) is refused, with its reason.
 * Pure: values in, record out.
 */
import type { ActorKind, Identity } from "../model/actor.js";
import type { ReviewState } from "../model/change.js";
import { policyActorKind } from "../policy/approvals/classify-identity.js";
import { parseIdentityText, sameIdentity } from "../policy/approvals/identity.js";
import type { NotIndependentReason } from "../policy/approvals/independence.js";
import { independenceJudge, NOT_INDEPENDENT_TEXT, refuseAgentDelegators } from "../policy/approvals/independence.js";

export type { NotIndependentReason } from "../policy/approvals/independence.js";

export type DelegatorSource = "authorized-by" | "assignment" | "issue-assignment" | "assignee";

export interface Delegator {
  /** A GitHub login, or the trailer's text (`Jane Doe <jane@example.com>`) when no login is known. */
  who: string;
  source: DelegatorSource;
}

export interface ReviewRecord {
  reviewer: string;
  kind: ActorKind;
  state: ReviewState;
  seq: number;
  submittedAt?: string;
}

export interface AccountabilityRecord {
  repository: string;
  number: number;
  agent?: string;
  delegator?: Delegator;
  /** Reviewers whose latest review approves. */
  approvers: string[];
  independentApprovers: string[];
  notIndependent: { reviewer: string; reason: NotIndependentReason }[];
  mergedBy?: string;
  mergedAt?: string;
  gatesHeld: boolean;
  /** Why the gate did not hold, for a person to read; empty when it held. */
  reasons: string[];
}

export interface AccountabilityInput {
  repository: string;
  number: number;
  agent?: string;
  author?: string;
  delegator?: Delegator;
  lastPusher?: string;
  /** Commit authors and `Co-authored-by` of the change (logins or `Name <email>`), when known. */
  coAuthors?: readonly string[];
  /** Classifies a delegator; default: the built-in agent signatures. Reviewers carry their own `kind`. */
  classify?: (identity: Identity) => ActorKind;
  reviews: readonly ReviewRecord[];
  mergedBy?: string;
  mergedAt?: string;
}

export function buildAccountability(input: AccountabilityInput): AccountabilityRecord {
  // A reviewer's latest decisive review counts: approving then requesting changes is not an approval.
  const latest = new Map<string, ReviewRecord>();
  for (const review of [...input.reviews].sort((a, b) => a.seq - b.seq)) {
    if (review.state === "approved" || review.state === "changes_requested" || review.state === "dismissed") {
      latest.set(review.reviewer.toLowerCase(), review);
    }
  }
  const approvals = [...latest.values()].filter((r) => r.state === "approved");
  const classify = input.classify ?? policyActorKind({ agents: [] });
  const reasons: string[] = [];
  let delegator = input.delegator;
  let refusedDelegator = false;
  if (delegator !== undefined) {
    const { refused } = refuseAgentDelegators([identityOf(delegator.who)], classify, delegator.source === "authorized-by" ? "Authorized-by" : "the delegation");
    if (refused[0] !== undefined) {
      reasons.push(`the delegator is refused: ${refused[0].reason}`);
      delegator = undefined;
      refusedDelegator = true;
    }
  }
  const judge = independenceJudge({
    // A reviewer's kind was classified when the review was recorded.
    kindOf: (identity) => approvals.find((review) => sameIdentity(identityOf(review.reviewer), identity))?.kind ?? classify(identity),
    ...(input.author === undefined ? {} : { author: identityOf(input.author) }),
    delegators: delegator === undefined ? [] : [identityOf(delegator.who)],
    contributors: (input.coAuthors ?? []).map(identityOf),
    ...(input.lastPusher === undefined ? {} : { lastPusher: identityOf(input.lastPusher) }),
  });
  const independentApprovers: string[] = [];
  const notIndependent: AccountabilityRecord["notIndependent"] = [];
  for (const approval of approvals) {
    const reason: NotIndependentReason | undefined = judge(identityOf(approval.reviewer));
    if (reason === undefined) {
      independentApprovers.push(approval.reviewer);
    } else {
      notIndependent.push({ reviewer: approval.reviewer, reason });
    }
  }
  if (independentApprovers.length === 0) {
    reasons.push(
      approvals.length === 0
        ? "merged with no approval"
        : `merged with no independent human approval (${notIndependent.map((n) => `${n.reviewer}: ${NOT_INDEPENDENT_TEXT[n.reason]}`).join(", ")})`,
    );
  }
  if (input.delegator === undefined) {
    reasons.push("no delegating human is recorded (no assignment, no Authorized-by trailer)");
  }
  return {
    repository: input.repository,
    number: input.number,
    ...(input.agent === undefined ? {} : { agent: input.agent }),
    ...(delegator === undefined ? {} : { delegator }),
    approvers: approvals.map((a) => a.reviewer),
    independentApprovers,
    notIndependent,
    ...(input.mergedBy === undefined ? {} : { mergedBy: input.mergedBy }),
    ...(input.mergedAt === undefined ? {} : { mergedAt: input.mergedAt }),
    // An agent authorising itself is no delegation: the gate did not hold.
    gatesHeld: independentApprovers.length > 0 && !refusedDelegator,
    reasons,
  };
}

/** A recorded actor (a login, or a trailer's `Name <email>`) as an identity for the shared judge. */
function identityOf(recorded: string): Identity {
  return parseIdentityText(recorded);
}

/**
 * Whether a login names the same person as a recorded actor (a login or a trailer value):
 * the identity module's `sameIdentity`, kept under this name for the case projection.
 */
export function sameActor(login: string, recorded: string): boolean {
  return sameIdentity({ login }, parseIdentityText(recorded));
}
