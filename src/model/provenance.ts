/**
 * Provenance decisions: who wrote a commit or a change, with the evidence that decided it.
 */
import type { ActorKind } from "./actor.js";

/** What a piece of evidence was read from. */
export type SignalKind =
  | "account-id"
  | "app-id"
  | "login"
  | "author"
  | "committer"
  | "trailer"
  | "pr-body"
  | "pr-author"
  | "label"
  | "branch"
  | "message"
  | "git-notes"
  /** A platform pull-request merge of an agent-named branch (the merge and its branch commits). */
  | "merge"
  /** "Apply suggestion from @…[bot]": code an AI reviewer wrote and a person applied. */
  | "suggestion"
  /** An Agent Trace record (`.agent-trace/traces.jsonl`). */
  | "trace";

/**
 * Where a decision comes from, for a person to weigh it: the commit itself (its identities,
 * trailers, footers), a platform merge of an agent-named branch, a bare branch name, an applied
 * AI review suggestion, git-ai authorship notes, or an Agent Trace record.
 */
export type AttributionBasis = "commit" | "merge" | "branch" | "suggestion" | "notes" | "trace";

export const ATTRIBUTION_BASES: readonly AttributionBasis[] = ["commit", "merge", "branch", "suggestion", "notes", "trace"];

/**
 * How much a signal can be trusted. `strong`: a numeric account or app id. `medium`: an author,
 * committer or trailer identity, a login. `weak`: a branch prefix, a label, a message mention —
 * never decides alone (anyone can name a branch `copilot/…`).
 */
export type Strength = "strong" | "medium" | "weak";

export interface Evidence {
  signal: SignalKind;
  strength: Strength;
  /** Agent signature id (`claude-code`) or the maintenance bot / human it points at. */
  subject: string;
  kind: ActorKind;
  /** What matched, for a person to read: `author email noreply@anthropic.com`. */
  detail: string;
}

export interface Attribution {
  kind: ActorKind;
  /** Agent signature id when kind is `agent` (or a bot id for `maintenance-bot`). */
  agent?: string;
  /** 0..1. */
  confidence: number;
  /** What decided it (`commit` for a human verdict too: the commit's own author). The
   * classifiers always set it; a value built without one reads as `commit`. */
  basis?: AttributionBasis;
  evidence: Evidence[];
}

export interface CommitProvenance extends Attribution {
  sha: string;
  /** Values of the provenance trailers the policy requires, by trailer key (lower-cased). */
  provenanceTrailers: Record<string, string>;
}

export interface ChangeProvenance extends Attribution {
  commits: CommitProvenance[];
  /** Every distinct agent seen in the change. */
  agents: string[];
}
