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
  | "git-notes";

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
