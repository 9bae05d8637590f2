/**
 * Counts shared by every verdict reporter, so text, Markdown, JSON and check runs agree on
 * what they say.
 */
import type { Finding } from "../model/finding.js";
import type { PolicySource, RuleOutcome } from "../model/verdict.js";
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

/**
 * The policy a verdict applied, in one line every format prints: where it came from and the git
 * blob sha of the bytes read, so a reader can tell the base's policy from a working-tree edit.
 */
export function describePolicySource(source: PolicySource | undefined): string {
  if (source === undefined) {
    return "policy: not recorded";
  }
  const blob = source.blobSha === undefined ? "" : ` (blob ${source.blobSha.slice(0, 12)})`;
  const at = source.rev === undefined ? "" : ` ${source.rev.slice(0, 12)}`;
  switch (source.origin) {
    case "base":
      return `policy: ${source.path ?? ".github/custody.yml"} at base${at}${blob}`;
    case "default":
      return `policy: built-in defaults (no .github/custody.yml at base${at})`;
    case "worktree":
      return `policy: ${source.path ?? ".github/custody.yml"} from the working tree${blob}, not the base's (--policy-from worktree)`;
    case "file":
      return `policy: ${source.path ?? "a file"} given with --policy${blob}, not the base's`;
  }
}

/** One rule's outcome in words: `skipped — disabled by the policy (…); to run it: …`. */
export function describeOutcome(outcome: RuleOutcome): string {
  const head =
    outcome.outcome === "failed" && outcome.reason === undefined
      ? `failed (${String(outcome.findings)} finding${outcome.findings === 1 ? "" : "s"})`
      : outcome.outcome;
  if (outcome.reason === undefined) {
    return head;
  }
  const what = outcome.outcome === "failed" ? `failed, cannot judge: ${outcome.reason}` : `skipped: ${outcome.reason}`;
  return outcome.remedy === undefined ? what : `${what}; to run it: ${outcome.remedy}`;
}
