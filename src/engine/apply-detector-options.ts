/**
 * The policy's say over a detector's findings, applied the same way for every detector: a rule
 * may be disabled or have its severity changed by id, and findings below the section's
 * `min_severity` are dropped.
 */
import type { Finding } from "../model/finding.js";
import type { Severity } from "../model/severity.js";
import { atLeast } from "../model/severity.js";

export interface DetectorPolicy {
  enabled: boolean;
  min_severity: Severity;
  rules: Record<string, { enabled?: boolean | undefined; severity?: Severity | undefined }>;
}

export function applyDetectorOptions(findings: readonly Finding[], options: DetectorPolicy): Finding[] {
  const kept: Finding[] = [];
  for (const finding of findings) {
    const override = options.rules[finding.ruleId];
    if (override?.enabled === false) {
      continue;
    }
    const severity = override?.severity ?? finding.severity;
    if (!atLeast(severity, options.min_severity)) {
      continue;
    }
    kept.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return kept;
}
