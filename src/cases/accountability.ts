/**
 * The accountability record of a merged agent-authored pull request: who delegated the work,
 * who approved it, who merged it, and whether the review gate held — at least one approval
 * from an independent human. Not independent (SPEC capability 2): the agent itself, AI
 * reviewers and other bots, the delegating human, the PR author and the last pusher (a human
 * who pushed onto the agent's branch reviewed their own code). Pure: values in, record out.
 */
import type { ActorKind } from "../model/actor.js";
import type { ReviewState } from "../model/change.js";

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

type NotIndependentReason = "agent" | "ai-reviewer" | "maintenance-bot" | "delegator" | "author" | "last-pusher";

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
  const independentApprovers: string[] = [];
  const notIndependent: AccountabilityRecord["notIndependent"] = [];
  for (const approval of approvals) {
    const reason = notIndependentReason(approval, input);
    if (reason === undefined) {
      independentApprovers.push(approval.reviewer);
    } else {
      notIndependent.push({ reviewer: approval.reviewer, reason });
    }
  }
  const reasons: string[] = [];
  if (independentApprovers.length === 0) {
    reasons.push(
      approvals.length === 0
        ? "merged with no approval"
        : `merged with no independent human approval (${notIndependent.map((n) => `${n.reviewer}: ${n.reason}`).join(", ")})`,
    );
  }
  if (input.delegator === undefined) {
    reasons.push("no delegating human is recorded (no assignment, no Authorized-by trailer)");
  }
  return {
    repository: input.repository,
    number: input.number,
    ...(input.agent === undefined ? {} : { agent: input.agent }),
    ...(input.delegator === undefined ? {} : { delegator: input.delegator }),
    approvers: approvals.map((a) => a.reviewer),
    independentApprovers,
    notIndependent,
    ...(input.mergedBy === undefined ? {} : { mergedBy: input.mergedBy }),
    ...(input.mergedAt === undefined ? {} : { mergedAt: input.mergedAt }),
    gatesHeld: independentApprovers.length > 0,
    reasons,
  };
}

function notIndependentReason(review: ReviewRecord, input: AccountabilityInput): NotIndependentReason | undefined {
  if (review.kind === "agent" || review.kind === "ai-reviewer" || review.kind === "maintenance-bot") {
    return review.kind;
  }
  if (input.delegator !== undefined && sameActor(review.reviewer, input.delegator.who)) {
    return "delegator";
  }
  if (input.author !== undefined && sameActor(review.reviewer, input.author)) {
    return "author";
  }
  if (input.lastPusher !== undefined && sameActor(review.reviewer, input.lastPusher)) {
    return "last-pusher";
  }
  return undefined;
}

/**
 * Whether a login names the same person as a recorded actor, which may be a login or a trailer
 * value (`Jane <jane@example.com>`, `@jane`, `123+jane@users.noreply.github.com`). Plain string
 * comparison only: no pattern is built from either side.
 */
export function sameActor(login: string, recorded: string): boolean {
  const who = login.toLowerCase();
  const text = recorded.toLowerCase().trim();
  if (text === who || text === `@${who}`) {
    return true;
  }
  const open = text.lastIndexOf("<");
  const close = text.lastIndexOf(">");
  const email = open >= 0 && close > open ? text.slice(open + 1, close) : text.includes("@") ? text : "";
  if (email.endsWith("@users.noreply.github.com")) {
    const local = email.slice(0, email.indexOf("@"));
    const plus = local.indexOf("+");
    return (plus >= 0 ? local.slice(plus + 1) : local) === who;
  }
  return false;
}
