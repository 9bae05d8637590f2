/**
 * Markdown for `$GITHUB_STEP_SUMMARY` and PR comments. Cell text is escaped so a message
 * cannot break the table or inject markup.
 */
import type { Verdict } from "../model/verdict.js";
import { SEVERITIES } from "../model/severity.js";
import { countBySeverity, describeAuthorship, describeOutcome, describePolicySource, formatLocation, sortFindings } from "./summarize.js";

function escapeCell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[<>]/g, (c) => (c === "<" ? "&lt;" : "&gt;"))
    .replace(/\r?\n/g, " ");
}

export function renderMarkdown(verdict: Verdict): string {
  const lines: string[] = [];
  const passed = verdict.outcome === "pass";
  lines.push(`## Custody check: ${passed ? "✅ pass" : "❌ fail"}`);
  lines.push("");
  lines.push(`Change \`${verdict.base.slice(0, 12)}..${verdict.head.slice(0, 12)}\` is **${escapeCell(describeAuthorship(verdict))}**.`);
  lines.push("");
  lines.push(escapeCell(describePolicySource(verdict.policySource)).replace(/^policy:/, "Policy:"));
  lines.push("");
  if (verdict.provenance.commits.length > 0) {
    lines.push("| Commit | Authorship | Agent | Evidence |");
    lines.push("| --- | --- | --- | --- |");
    for (const commit of verdict.provenance.commits) {
      const evidence = commit.evidence.map((e) => `${e.strength}: ${e.detail}`).join("; ") || "—";
      lines.push(`| \`${commit.sha.slice(0, 12)}\` | ${commit.kind} | ${escapeCell(commit.agent ?? "—")} | ${escapeCell(evidence)} |`);
    }
    lines.push("");
  }
  const counts = countBySeverity(verdict.findings);
  const countText = [...SEVERITIES]
    .reverse()
    .filter((s) => counts[s] > 0)
    .map((s) => `${String(counts[s])} ${s}`)
    .join(", ");
  lines.push(`### Findings (${countText || "none"}; fails at ${verdict.failOn} and above)`);
  lines.push("");
  const findings = sortFindings(verdict.findings);
  if (findings.length > 0) {
    lines.push("| Severity | Rule | Where | Message |");
    lines.push("| --- | --- | --- | --- |");
    for (const finding of findings) {
      lines.push(
        `| ${finding.severity} | \`${escapeCell(finding.ruleId)}\` | ${escapeCell(formatLocation(finding))} | ${escapeCell(finding.message)} |`,
      );
    }
  } else {
    lines.push("No findings.");
  }
  lines.push("");
  const outcomes = verdict.rules ?? [];
  if (outcomes.length > 0) {
    lines.push("### Rules and detectors", "");
    lines.push("| Rule | Kind | Outcome |");
    lines.push("| --- | --- | --- |");
    for (const outcome of outcomes) {
      const icon = outcome.outcome === "passed" ? "✅" : outcome.outcome === "failed" ? "❌" : "⏭️";
      lines.push(`| \`${escapeCell(outcome.id)}\` | ${outcome.kind} | ${icon} ${escapeCell(describeOutcome(outcome))} |`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
