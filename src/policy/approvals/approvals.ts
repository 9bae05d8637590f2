/**
 * The independent human quorum of one change: the standing approvals (each reviewer's latest
 * decisive review approves, and — unless the policy sets `approvals.dismiss_stale: false` — it
 * was given on the head commit), each judged by the one independence judge (./independence.ts)
 * with the facts this change holds: its PR author, delegators, commit authors and co-authors,
 * and the last pusher. An approval of an older commit does not count: an agent could push after
 * the human approved, as GitHub's `require_last_push_approval` and policy-bot's
 * `invalidate_on_push` also hold.
 */
import type { Identity } from "../../model/actor.js";
import type { Review } from "../../model/change.js";
import { classifyIdentity } from "./classify-identity.js";
import { displayIdentity, parseIdentityText, sameIdentity } from "./identity.js";
import type { NotIndependentReason, RefusedDelegator } from "./independence.js";
import { independenceJudge, NOT_INDEPENDENT_TEXT, refuseAgentDelegators } from "./independence.js";
import type { IndependenceFacts } from "./independence.js";
import type { RuleContext } from "../evaluate/rule-context.js";

export type DiscountReason = NotIndependentReason | "stale";

export interface Discounted {
  identity: Identity;
  /** Why the approval does not count, in words. */
  reason: string;
  code: DiscountReason;
}

export interface Quorum {
  counted: Identity[];
  discounted: Discounted[];
}

export interface StandingApproval {
  identity: Identity;
  /** The commit the approval was given on, when the review names it. */
  commit?: string;
}

/** Each reviewer's latest approving / changes-requested / dismissed review, when it approves. */
export function standingApprovals(reviews: readonly Review[]): StandingApproval[] {
  const ordered = reviews
    .map((review, index) => ({ review, index }))
    .sort((a, b) => (a.review.submittedAt ?? "").localeCompare(b.review.submittedAt ?? "") || a.index - b.index);
  const latest: { identity: Identity; approved: boolean; commit?: string }[] = [];
  for (const { review } of ordered) {
    // A comment or a pending review leaves an earlier approval standing, as on GitHub.
    if (review.state === "commented" || review.state === "pending") {
      continue;
    }
    const approved = review.state === "approved";
    const existing = latest.find((entry) => sameIdentity(entry.identity, review.reviewer));
    const entry = { identity: review.reviewer, approved, ...(review.commitId === undefined ? {} : { commit: review.commitId }) };
    if (existing === undefined) {
      latest.push(entry);
    } else {
      latest.splice(latest.indexOf(existing), 1, entry);
    }
  }
  return latest
    .filter((entry) => entry.approved)
    .map(({ identity, commit }) => (commit === undefined ? { identity } : { identity, commit }));
}

/** Everyone the delegator trailer of the change's agent commits names, and the assignees of an agent-opened PR. */
function namedDelegators(context: RuleContext): Identity[] {
  const key = context.policy.provenance.delegator_trailer.toLowerCase();
  const found: Identity[] = [];
  const agentShas = new Set(context.provenance.commits.filter((commit) => commit.kind === "agent").map((commit) => commit.sha));
  for (const commit of context.provenance.commits) {
    const value = commit.provenanceTrailers[key];
    if (value !== undefined && value.trim() !== "") {
      found.push(parseIdentityText(value));
    }
  }
  for (const commit of context.change.commits) {
    if (!agentShas.has(commit.sha)) {
      continue;
    }
    for (const trailer of commit.trailers) {
      if (trailer.key.toLowerCase() === key && trailer.value.trim() !== "") {
        found.push(parseIdentityText(trailer.value));
      }
    }
  }
  const pullRequest = context.change.pullRequest;
  if (pullRequest !== undefined && classifyIdentity(context, pullRequest.author) !== "human") {
    // Copilot and similar agents open the PR themselves and assign it to the human who asked.
    found.push(...pullRequest.assignees);
  }
  return found;
}

/** The humans who delegated the task, and the agents the delegator trailer named (refused). */
export function delegatorsOf(context: RuleContext): { delegators: Identity[]; refused: RefusedDelegator[] } {
  return refuseAgentDelegators(
    namedDelegators(context),
    (identity) => classifyIdentity(context, identity),
    context.policy.provenance.delegator_trailer,
  );
}

/** Who wrote the change: commit authors and `Co-authored-by` trailers. */
function contributors(context: RuleContext): Identity[] {
  const found: Identity[] = [];
  for (const commit of context.change.commits) {
    found.push({ name: commit.author.name, email: commit.author.email });
    for (const trailer of commit.trailers) {
      if (trailer.key.toLowerCase() === "co-authored-by") {
        found.push(parseIdentityText(trailer.value));
      }
    }
  }
  return found;
}

/** The independence facts of the change a rule judges. */
export function independenceFactsOf(context: RuleContext): IndependenceFacts {
  const author = context.change.pullRequest?.author;
  return {
    kindOf: (identity) => classifyIdentity(context, identity),
    ...(author === undefined ? {} : { author }),
    delegators: delegatorsOf(context).delegators,
    contributors: contributors(context),
    ...(context.lastPusher === undefined ? {} : { lastPusher: context.lastPusher }),
  };
}

/** Whether approvals must be on the head commit (the default) and which commit that is. */
function staleness(context: RuleContext): (approval: StandingApproval) => string | undefined {
  if (!context.policy.approvals.dismiss_stale) {
    return () => undefined;
  }
  const head = context.change.head;
  return (approval) => {
    if (approval.commit === head) {
      return undefined;
    }
    return approval.commit === undefined
      ? "approved no known commit, so not the head (approvals.dismiss_stale)"
      : `approved ${approval.commit.slice(0, 12)}, not the head ${head.slice(0, 12)} (approvals.dismiss_stale)`;
  };
}

/** Standing approvals split into those that count toward the quorum and those that do not. */
export function independentQuorum(context: RuleContext): Quorum {
  const quorum: Quorum = { counted: [], discounted: [] };
  const judge = independenceJudge(independenceFactsOf(context));
  const staleBecause = staleness(context);
  for (const approval of standingApprovals(context.change.pullRequest?.reviews ?? [])) {
    const code = judge(approval.identity);
    const stale = staleBecause(approval);
    if (code !== undefined) {
      quorum.discounted.push({ identity: approval.identity, reason: NOT_INDEPENDENT_TEXT[code], code });
    } else if (stale !== undefined) {
      quorum.discounted.push({ identity: approval.identity, reason: stale, code: "stale" });
    } else {
      quorum.counted.push(approval.identity);
    }
  }
  return quorum;
}

/** `octocat (the delegating human), coderabbitai[bot] (an AI reviewer)` */
export function describeDiscounted(discounted: readonly Discounted[]): string {
  return discounted.map((entry) => `${displayIdentity(entry.identity)} (${entry.reason})`).join(", ");
}
