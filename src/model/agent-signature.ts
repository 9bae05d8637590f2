/**
 * An agent signature: the data that recognises one AI coding agent (or a maintenance bot, or
 * an AI reviewer) from the traces it leaves. Built-in signatures live in
 * src/provenance/agent-signatures.ts; a policy may add more or extend these by id.
 *
 * Every string matches case-insensitively. `emails` and `names` match whole values; an entry
 * starting with `*` matches a suffix (`*+Copilot@users.noreply.github.com`). No pattern is ever
 * compiled into a RegExp (signatures may come from a policy file).
 */
import type { ActorKind } from "./actor.js";

export interface AgentSignature {
  /** Stable id, kebab-case: `claude-code`, `github-copilot`. */
  id: string;
  /** Display name: `Claude Code`. */
  name: string;
  kind: Extract<ActorKind, "agent" | "maintenance-bot" | "ai-reviewer">;
  /** Author/committer/co-author names. */
  names?: string[];
  /** Author/committer/co-author emails (exact or `*suffix`). */
  emails?: string[];
  /** GitHub logins (`copilot-swe-agent[bot]`). */
  logins?: string[];
  /** GitHub numeric account ids: strongest identity, cannot be renamed. */
  accountIds?: number[];
  /** GitHub App ids. */
  appIds?: number[];
  /** Trailer keys whose value names this agent when the value matches `names`/`emails`
   * (`Co-authored-by`, `Assisted-by`, `Generated-by`). Defaults apply when absent. */
  trailerValues?: string[];
  /** Substrings in a PR body or commit message that disclose the agent
   * (`Generated with [Claude Code]`). Medium evidence in a PR body, weak in a message. */
  markers?: string[];
  /** Trailer keys whose mere presence names this agent: a session or thread link only the tool
   * writes (`Copilot-Session`, `Amp-Thread-ID`, `Claude-Session`). Medium evidence. */
  sessionTrailers?: string[];
  /** Lines the tool itself writes into a commit message, matched at the start of a line (after
   * an emoji or spaces): `Generated with [Claude Code]`, `Made with [Cursor]`. Medium evidence;
   * the same text elsewhere in a message is only a mention (see `markers`). */
  footers?: string[];
  /** Subject prefixes an older version of the tool wrote (aider's `aider: `). Medium evidence. */
  subjectPrefixes?: string[];
  /** Where each identity and marker is documented or seen in real commits: URLs, for auditors. */
  sources?: string[];
  /** Branch prefixes (`copilot/`): weak evidence, never decides alone. */
  branchPrefixes?: string[];
  /** PR labels that mark the agent's work: weak evidence. */
  labels?: string[];
}
