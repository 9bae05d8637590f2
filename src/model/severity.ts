/**
 * Severity of a finding. Ordered: a policy's `fail_on` threshold fails `check` for every
 * finding at or above it. The order is the one SARIF levels and GitHub code scanning use.
 */
export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}
