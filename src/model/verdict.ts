/**
 * The result of `check`: pass or fail, the findings, and the provenance that decided which
 * rules applied.
 */
import type { Finding } from "./finding.js";
import type { ChangeProvenance } from "./provenance.js";
import type { Severity } from "./severity.js";

export type Outcome = "pass" | "fail";

/** What happened to one rule or detector on this change. Every one appears, in every format. */
export interface RuleOutcome {
  /** Rule or detector id (`required-approvals`, `secrets`). */
  id: string;
  kind: "rule" | "detector";
  /** `failed`: it reported findings, or could not judge and the policy says `on_missing_data: fail`. */
  outcome: "passed" | "failed" | "skipped";
  findings: number;
  /** Why it was skipped or could not judge (`the pull request's reviews are unknown`). */
  reason?: string;
  /** What would make it run (`pass --event with the reviews, or give the Action a github-token`). */
  remedy?: string;
}

/** Where the policy in effect came from. */
export interface PolicySource {
  /**
   * `base`: the base commit (the default: the change cannot choose its own policy);
   * `worktree`: the working tree (`--policy-from worktree`); `file`: an explicit `--policy FILE`;
   * `default`: no policy file at the base, so the built-in defaults.
   */
  origin: "base" | "worktree" | "file" | "default";
  /** Repository-relative path (or the file named), absent for the built-in defaults. */
  path?: string;
  /** The git blob id (SHA-1 of `blob <size>\0<bytes>`) of the bytes read. */
  blobSha?: string;
  /** The commit it was read at (origin `base`). */
  rev?: string;
}

export interface Verdict {
  outcome: Outcome;
  /** Findings at or above this severity fail the check. */
  failOn: Severity;
  findings: Finding[];
  provenance: ChangeProvenance;
  base: string;
  head: string;
  /** Rules and detectors that ran, by id. */
  ran: string[];
  /** Every rule and detector with its outcome, in table order (runCheck always sets it). */
  rules?: RuleOutcome[];
  /** The policy this verdict applied; absent only for verdicts built before it was recorded. */
  policySource?: PolicySource;
}
