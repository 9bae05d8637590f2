/**
 * The terminal reporter. Colour only when asked (the CLI asks only on a TTY without NO_COLOR),
 * so piped output stays plain text that greps cleanly.
 */
import type { Severity } from "../model/severity.js";
import { atLeast, SEVERITIES } from "../model/severity.js";
import type { Verdict } from "../model/verdict.js";
import { countBySeverity, describeAuthorship, describeOutcome, describePolicySource, formatLocation, sortFindings } from "./summarize.js";

const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: "\u001b[1;31m",
  high: "\u001b[31m",
  medium: "\u001b[33m",
  low: "\u001b[36m",
  info: "\u001b[2m",
};
const RESET = "\u001b[0m";
const BOLD = "\u001b[1m";

export function renderText(verdict: Verdict, options: { color: boolean }): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const passed = verdict.outcome === "pass";
  lines.push(
    `${paint(passed ? "\u001b[1;32m" : "\u001b[1;31m", passed ? "PASS" : "FAIL")} ${verdict.base.slice(0, 12)}..${verdict.head.slice(0, 12)}: ${describeAuthorship(verdict)}`,
  );
  const agentCommits = verdict.provenance.commits.filter((c) => c.kind === "agent").length;
  lines.push(`  ${String(verdict.provenance.commits.length)} commit(s), ${String(agentCommits)} by an agent`);
  for (const evidence of verdict.provenance.evidence.slice(0, 5)) {
    lines.push(`  evidence (${evidence.strength}): ${evidence.detail}`);
  }
  lines.push(`  ${describePolicySource(verdict.policySource)}`);
  lines.push("");

  const findings = sortFindings(verdict.findings);
  if (findings.length === 0) {
    lines.push("No findings.");
  }
  for (const finding of findings) {
    const failing = atLeast(finding.severity, verdict.failOn);
    lines.push(
      `${paint(SEVERITY_COLOUR[finding.severity], finding.severity.toUpperCase().padEnd(8))} ${paint(BOLD, finding.ruleId)} ${formatLocation(finding)}${failing ? "" : " (below fail_on)"}`,
    );
    lines.push(`         ${finding.message}`);
    for (const flow of finding.flows ?? []) {
      for (const step of flow) {
        lines.push(`           → ${step.location.path}:${String(step.location.startLine ?? "?")} ${step.message}`);
      }
    }
  }
  const outcomes = verdict.rules ?? [];
  if (outcomes.length > 0) {
    lines.push("", "Rules and detectors:");
    const width = Math.max(...outcomes.map((outcome) => outcome.id.length));
    for (const outcome of outcomes) {
      const mark =
        outcome.outcome === "passed" ? "pass" : outcome.outcome === "failed" ? paint("\u001b[31m", "FAIL") : paint("\u001b[33m", "skip");
      lines.push(`  ${mark} ${outcome.id.padEnd(width)}  ${describeOutcome(outcome)}`);
    }
  }
  const counts = countBySeverity(verdict.findings);
  lines.push("");
  lines.push(
    `${String(verdict.findings.length)} finding(s): ${
      [...SEVERITIES]
        .reverse()
        .filter((s) => counts[s] > 0)
        .map((s) => `${String(counts[s])} ${s}`)
        .join(", ") || "none"
    }; the check fails at ${verdict.failOn} and above.`,
  );
  return `${lines.join("\n")}\n`;
}
