/**
 * The result of `custody audit`: what agents did across a repository's history. Plain data,
 * JSON-serialisable as is (no Dates, Maps or undefined-only fields), documented field by field
 * in docs/audit-json.md; `schemaVersion` changes when a field changes meaning or disappears.
 * Counts are exact; example lists are bounded (`maxExamples`) so a report on a million commits
 * stays small.
 */
import type { Severity } from "./severity.js";
import type { ActorKind } from "./actor.js";
import type { AttributionBasis, Evidence } from "./provenance.js";

export const AUDIT_SCHEMA_VERSION = 1;

/** One commit shown as an example of a finding. */
export interface AuditCommitExample {
  sha: string;
  /** Agent signature id (`claude-code`). */
  agent: string;
  /** Author date, ISO 8601. */
  date: string;
  subject: string;
  /** `Name <email>` of the git author. */
  author: string;
  /** The paths concerned (protected or out-of-scope), or the missing trailer keys. */
  items: string[];
}

export interface AuditFindingSummary {
  /** Agent commits concerned (exact). */
  count: number;
  /** The first `maxExamples` of them, newest first (the order history is walked in). */
  examples: AuditCommitExample[];
}

export interface AuditAgentSummary {
  /** Agent signature id. */
  agent: string;
  commits: number;
  additions: number;
  deletions: number;
  /** Commits lacking at least one required provenance trailer. */
  missingProvenance: number;
  protectedPathCommits: number;
  scopeViolationCommits: number;
  /** Author dates of the oldest and newest commit seen, ISO 8601. */
  firstSeen: string;
  lastSeen: string;
}

export interface AuditWeek {
  /** ISO 8601 week of the author date in UTC: `2025-W03`. */
  week: string;
  commits: number;
  agentCommits: number;
  /** Agent commits by agent id. */
  byAgent: Record<string, number>;
}

export interface AuditReport {
  schemaVersion: typeof AUDIT_SCHEMA_VERSION;
  /** Absolute directory audited. */
  repository: string;
  /** The window audited, as the user gave it (dates are inclusive bounds on the commit date). */
  since: string | null;
  until: string | null;
  /** Trailer keys every agent commit must carry. */
  requiredTrailers: string[];
  /** Bound on each example list. */
  maxExamples: number;
  totals: {
    commits: number;
    /** Commits with more than one parent (they carry no files of their own). */
    mergeCommits: number;
    /** Commits by actor kind: agent, human, maintenance-bot, ai-reviewer. */
    byKind: Record<ActorKind, number>;
    /** agent / all commits, 0..1 (0 for an empty history). */
    agentShare: number;
    /** Lines added and deleted by agent commits. */
    agentAdditions: number;
    agentDeletions: number;
    /** Agent commits by what decided them: evidence in the commit, a platform merge of an
     * agent-named branch, a bare branch, an applied AI suggestion, git-ai notes, a trace. */
    agentByBasis: Record<AttributionBasis, number>;
  };
  /** Author dates of the oldest and newest commit audited, or null for an empty history. */
  firstCommitDate: string | null;
  lastCommitDate: string | null;
  /** Per agent, most commits first. */
  agents: AuditAgentSummary[];
  /** Per ISO week, oldest first; weeks without commits are omitted. */
  weeks: AuditWeek[];
  /** Agent commits without every required provenance trailer; `items` = the missing keys. */
  missingProvenance: AuditFindingSummary;
  /** Agent commits that touched a protected path; `items` = those paths. */
  protectedPaths: AuditFindingSummary;
  /** Agent commits that changed paths outside the agent's allowed scope; `items` = those paths. */
  scopeViolations: AuditFindingSummary;
  /** Maintenance bots (Dependabot, Renovate…) by id, with their commit counts. */
  maintenanceBots: Record<string, number>;
  /** Secrets added anywhere in the history audited; present only with `audit --secrets`. */
  secrets?: AuditSecrets;
}

export interface AuditSecretExample {
  ruleId: string;
  severity: Severity;
  /** Redacted: never the secret's value. */
  message: string;
  path: string;
  line: number | null;
  commit: string | null;
  fingerprint: string;
}

export interface AuditSecrets {
  /** Findings in all (exact), after the policy's allowlists, baseline and overrides. */
  count: number;
  /** Findings by rule id. */
  byRule: Record<string, number>;
  /** The first `maxFindings` findings, newest commit first (all of them in JSON unless
   * `--max-findings` caps it). */
  examples: AuditSecretExample[];
  /** Baseline entries that matched no finding in the history audited (rotated away, or the file
   * moved): candidates to drop with `custody secrets baseline`. Present when a baseline is set. */
  staleBaseline?: { entries: number; stale: number };
}

/** One line of `custody audit --commits`: a commit, its attribution and every piece of evidence. */
export interface AuditCommitRecord {
  sha: string;
  /** `Name <email>` of the git author and committer. */
  author: string;
  committer: string;
  /** Author date, ISO 8601. */
  date: string;
  subject: string;
  kind: ActorKind;
  /** Agent (or bot) id, or null for a person. */
  agent: string | null;
  confidence: number;
  basis: AttributionBasis;
  evidence: Evidence[];
}
