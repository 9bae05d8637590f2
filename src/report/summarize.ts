/**
 * Counts shared by every verdict reporter, so text, Markdown, JSON and check runs agree on
 * what they say.
 */
import type { Finding } from "../model/finding.js";
import type { Severity } from "../model/severity.js";
import { SEVERITIES, severityRank } from "../model/severity.js";

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) {
    counts[finding.severity] += 1;
  }
  return counts;
}

export function countByCategory(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) {
    counts[finding.category] = (counts[finding.category] ?? 0) + 1;
  }
  return counts;
}

/** Most severe first, then by path and line: the order a reviewer wants to read them in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.location?.path ?? "").localeCompare(b.location?.path ?? "") ||
      (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export function formatLocation(finding: Finding): string {
  const location = finding.location;
  if (!location) {
    return "(change)";
  }
  return location.startLine === undefined ? location.path : `${location.path}:${String(location.startLine)}`;
}

/** "agent-authored by Claude Code, Devin (confidence 0.90)" or "human". */
export function describeAuthorship(verdict: { provenance: { kind: string; agents: string[]; confidence: number } }): string {
  const { kind, agents, confidence } = verdict.provenance;
  if (kind === "agent") {
    return `agent-authored by ${agents.join(", ") || "an unidentified agent"} (confidence ${confidence.toFixed(2)})`;
  }
  return kind === "human" ? "human-authored" : kind;
}
