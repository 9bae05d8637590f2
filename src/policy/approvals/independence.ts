/**
 * The one independence judge. An approval belongs to the independent human quorum only when
 * its reviewer is a human who is none of: the agent (or any agent), an AI reviewer or other bot,
 * the pull request's author, the human who delegated the task (the policy's delegator trailer,
 * or the assignee of an agent-opened PR), a commit author or `Co-authored-by` of the change,
 * and the last pusher (a human who pushed onto the agent's branch would review their own code).
 * SPEC capability 2; GitHub applies this only to Copilot, Custody to every agent.
 *
 * The `required-approvals` rule, the accountability record of a merged case and the server all
 * call `independenceJudge` with the facts they hold, so the three cannot disagree again: the
 * facts differ in where they come from (git trailers, webhook rows), never in how they are
 * judged. Identities are matched with the identity module, which errs towards "same person".
 */
import type { ActorKind, Identity } from "../../model/actor.js";
import { displayIdentity, sameIdentity } from "./identity.js";

/** Why an approval does not count, as a stable code (JSON, case files) … */
export type NotIndependentReason = "agent" | "ai-reviewer" | "maintenance-bot" | "author" | "delegator" | "co-author" | "last-pusher";

/** … and in words, for messages. */
export const NOT_INDEPENDENT_TEXT: Record<NotIndependentReason, string> = {
  agent: "an agent",
  "ai-reviewer": "an AI reviewer",
  "maintenance-bot": "a bot",
  author: "the PR author",
  delegator: "the delegating human",
  "co-author": "a commit author or co-author",
  "last-pusher": "the last pusher",
};

/** Everything the judge needs to know about one change, gathered by the caller. */
export interface IndependenceFacts {
  /** Classifies a reviewer: only `human` can be independent. */
  kindOf: (identity: Identity) => ActorKind;
  /** The pull request's author. */
  author?: Identity;
  /** Humans who delegated the task (agents named as delegators are refused first: see `refuseAgentDelegators`). */
  delegators: readonly Identity[];
  /** Commit authors and `Co-authored-by` of the change. */
  contributors: readonly Identity[];
  /** Whoever pushed the head commit, when known. */
  lastPusher?: Identity;
}

export type Judge = (reviewer: Identity) => NotIndependentReason | undefined;

/** Returns why a reviewer is not independent of the change, or `undefined` when their approval counts. */
export function independenceJudge(facts: IndependenceFacts): Judge {
  return (reviewer) => {
    const kind = facts.kindOf(reviewer);
    if (kind !== "human") {
      return kind;
    }
    // Order matters only for the reason shown: the most specific relation first.
    if (facts.delegators.some((delegator) => sameIdentity(delegator, reviewer))) {
      return "delegator";
    }
    if (facts.author !== undefined && sameIdentity(facts.author, reviewer)) {
      return "author";
    }
    if (facts.contributors.some((contributor) => sameIdentity(contributor, reviewer))) {
      return "co-author";
    }
    if (facts.lastPusher !== undefined && sameIdentity(facts.lastPusher, reviewer)) {
      return "last-pusher";
    }
    return undefined;
  };
}

export interface RefusedDelegator {
  identity: Identity;
  kind: Exclude<ActorKind, "human">;
  /** For a person: `Authorized-by names claude (an agent): an agent cannot authorise its own work`. */
  reason: string;
}

/**
 * Splits the named delegators into humans and refused ones. An agent (or bot) named in the
 * delegator trailer is an agent authorising itself: it is no delegator, and the caller reports
 * the refusal (a finding, a reason on the accountability record) instead of accepting it.
 */
export function refuseAgentDelegators(
  named: readonly Identity[],
  kindOf: (identity: Identity) => ActorKind,
  trailer: string,
): { delegators: Identity[]; refused: RefusedDelegator[] } {
  const delegators: Identity[] = [];
  const refused: RefusedDelegator[] = [];
  for (const identity of named) {
    const kind = kindOf(identity);
    if (kind === "human") {
      delegators.push(identity);
    } else {
      refused.push({
        identity,
        kind,
        reason: `${trailer} names ${displayIdentity(identity)} (${NOT_INDEPENDENT_TEXT[kind]}): only a human can authorise an agent's work`,
      });
    }
  }
  return { delegators, refused };
}
