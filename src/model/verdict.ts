/**
 * The result of `check`: pass or fail, the findings, and the provenance that decided which
 * rules applied.
 */
import type { Finding } from "./finding.js";
import type { ChangeProvenance } from "./provenance.js";
import type { Severity } from "./severity.js";

export type Outcome = "pass" | "fail";

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
}
