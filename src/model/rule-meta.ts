/**
 * What every rule in every table carries: the shape the meta-tests loop over.
 */
import type { FindingCategory } from "./finding.js";
import type { Severity } from "./severity.js";

export interface RuleMeta {
  /** Unique across all tables; kebab-case, prefixed by table for detectors (`secret/aws-access-key`). */
  id: string;
  category: FindingCategory;
  /** Default severity; the policy may override it. */
  severity: Severity;
  /** One line: what it catches and why it matters. */
  description: string;
  /** How to act on or accept a finding (SARIF `help`), when the rule has more to say than the
   * description. */
  help?: string;
  /** Extra SARIF rule tags, e.g. the CWE ids in CodeQL's form (`external/cwe/cwe-918`). */
  tags?: readonly string[];
}
