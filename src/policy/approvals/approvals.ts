/**
 * The independent human quorum. An approval counts only when it is a human's latest word on
 * the pull request and that human is independent of the change: not an agent, AI reviewer or
 * bot, not the PR author, not a commit author or `Co-authored-by` of the change, and not the
 * human who delegated the task (the `Authorized-by` trailer, or the assignee of an agent's PR).
 * GitHub applies this only to Copilot's PRs; Custody applies it to every agent.
 */
import type { Identity } from "../../model/actor.js";
import type { Review } from "../../model/change.js";
import { classifyIdentity } from "./classify-identity.js";
import { displayIdentity, parseIdentityText, sameIdentity } from "./identity.js";
import type { RuleContext } from "../evaluate/rule-context.js";

export interface Discounted {
  identity: Identity;
  reason: string;
}

export interface Quorum {
  counted: Identity[];
  discounted: Discounted[];
}

/** Approvals that stand: each reviewer's latest approving / changes-requested / dismissed review is approving. */
export function standingApprovals(reviews: readonly Review[]): Identity[] {
  const ordered = reviews
    .map((review, index) => ({ review, index }))
    .sort((a, b) => (a.review.submittedAt ?? "").localeCompare(b.review.submittedAt ?? "") || a.index - b.index);
  const latest: { identity: Identity; approved: boolean }[] = [];
  for (const { review } of ordered) {
    // A comment or a pending review leaves an earlier approval standing, as on GitHub.
    if (review.state === "commented" || review.state === "pending") {
      continue;
    }
    const approved = review.state === "approved";
    const existing = latest.find((entry) => sameIdentity(entry.identity, review.reviewer));
    if (existing === undefined) {
      latest.push({ identity: review.reviewer, approved });
    } else {
      existing.approved = approved;
    }
  }
  return latest.filter((entry) => entry.approved).map((entry) => entry.identity);
}

/** The humans who delegated the task: the delegator trailer of agent commits, and the assignees of an agent-opened PR. */
function delegators(context: RuleContext): Identity[] {
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
    found.push(...pullRequest.assignees.filter((assignee) => classifyIdentity(context, assignee) === "human"));
  }
  return found;
}

/** Who wrote the change besides the agent: commit authors and `Co-authored-by` trailers. */
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

/**
 * A judge of independence for one change: who delegated and who contributed is read once,
 * then each approver is checked against it. Returns why an identity is not independent, or
 * `undefined` when its approval counts.
 */
export function independenceJudge(context: RuleContext): (identity: Identity) => string | undefined {
  const author = context.change.pullRequest?.author;
  const delegating = delegators(context);
  const contributing = contributors(context);
  return (identity) => {
    const kind = classifyIdentity(context, identity);
    switch (kind) {
      case "agent":
        return "an agent";
      case "ai-reviewer":
        return "an AI reviewer";
      case "maintenance-bot":
        return "a bot";
      case "human":
        break;
    }
    if (author !== undefined && sameIdentity(author, identity)) {
      return "the PR author";
    }
    if (delegating.some((delegator) => sameIdentity(delegator, identity))) {
      return "the delegating human";
    }
    if (contributing.some((contributor) => sameIdentity(contributor, identity))) {
      return "a commit author or co-author";
    }
    return undefined;
  };
}

/** Standing approvals split into those that count toward the quorum and those that do not. */
export function independentQuorum(context: RuleContext): Quorum {
  const quorum: Quorum = { counted: [], discounted: [] };
  const notIndependentBecause = independenceJudge(context);
  for (const identity of standingApprovals(context.change.pullRequest?.reviews ?? [])) {
    const reason = notIndependentBecause(identity);
    if (reason === undefined) {
      quorum.counted.push(identity);
    } else {
      quorum.discounted.push({ identity, reason });
    }
  }
  return quorum;
}

/** `octocat (the delegating human), coderabbitai[bot] (an AI reviewer)` */
export function describeDiscounted(discounted: readonly Discounted[]): string {
  return discounted.map((entry) => `${displayIdentity(entry.identity)} (${entry.reason})`).join(", ");
}
