/**
 * One table of independence cases that drives the tests of every caller of the judge: the judge
 * itself, the `required-approvals` rule (facts from git trailers and the PR) and the
 * accountability record of a merged case (facts from webhook rows). If two callers ever disagree
 * on a case, one of their tests fails.
 */
import type { ActorKind } from "../../../model/actor.js";
import type { NotIndependentReason } from "../independence.js";

export interface IndependenceCase {
  name: string;
  /** The approving reviewer's login and what the built-in signatures classify it as. */
  reviewer: { login: string; kind: ActorKind };
  /** The PR author's login (default: the agent). */
  author?: string;
  /** The delegator trailer's value (`Authorized-by:`). */
  delegator?: string;
  /** A `Co-authored-by:` value. */
  coAuthor?: string;
  /** Whoever pushed the head, as `Name <email>`. */
  lastPusher?: string;
  expected: NotIndependentReason | undefined;
}

export const AGENT_LOGIN = "copilot-swe-agent[bot]";

export const INDEPENDENCE_CASES: readonly IndependenceCase[] = [
  { name: "the agent approving its own PR", reviewer: { login: AGENT_LOGIN, kind: "agent" }, expected: "agent" },
  { name: "an AI reviewer", reviewer: { login: "coderabbitai[bot]", kind: "ai-reviewer" }, expected: "ai-reviewer" },
  { name: "a maintenance bot", reviewer: { login: "dependabot[bot]", kind: "maintenance-bot" }, expected: "maintenance-bot" },
  {
    name: "the delegator named by the trailer (noreply email)",
    reviewer: { login: "dana", kind: "human" },
    delegator: "Dana D <4242+dana@users.noreply.github.com>",
    expected: "delegator",
  },
  { name: "the delegator named by login", reviewer: { login: "dana", kind: "human" }, delegator: "@dana", expected: "delegator" },
  { name: "the PR author", reviewer: { login: "hana", kind: "human" }, author: "hana", expected: "author" },
  {
    name: "a co-author of the change",
    reviewer: { login: "kim", kind: "human" },
    coAuthor: "Kim <77+kim@users.noreply.github.com>",
    expected: "co-author",
  },
  {
    name: "the last pusher",
    reviewer: { login: "lee", kind: "human" },
    lastPusher: "Lee <99+lee@users.noreply.github.com>",
    expected: "last-pusher",
  },
  {
    name: "an independent human, with every other role taken by someone else",
    reviewer: { login: "sam", kind: "human" },
    author: "hana",
    delegator: "@dana",
    coAuthor: "Kim <77+kim@users.noreply.github.com>",
    lastPusher: "Lee <99+lee@users.noreply.github.com>",
    expected: undefined,
  },
];
