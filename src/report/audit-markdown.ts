/**
 * The Markdown audit report, for a GitHub job summary or an issue. Repository text (subjects,
 * paths, agent ids from a policy) is escaped so it cannot inject markup, links or HTML into
 * the page it is rendered on.
 */
import type { AuditFindingSummary, AuditReport } from "../model/audit-report.js";

/** Escapes Markdown and HTML metacharacters and flattens newlines (table cells are one line). */
export function escapeMarkdown(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are replaced, not matched for meaning
  return text.replace(/[\u0000-\u001f\u007f]/gu, " ").replace(/[\\`*_{}[\]()|<>~&]/gu, (c) => `&#${String(c.charCodeAt(0))};`);
}

function day(iso: string | null): string {
  return iso === null ? "-" : iso.slice(0, 10);
}

function findingSection(title: string, finding: AuditFindingSummary, column: string): string[] {
  const lines = [`### ${title}: ${String(finding.count)}`, ""];
  if (finding.examples.length === 0) {
    return lines;
  }
  lines.push(`| Commit | Date | Agent | Subject | ${column} |`, "| --- | --- | --- | --- | --- |");
  for (const e of finding.examples) {
    lines.push(
      `| \`${e.sha.slice(0, 10)}\` | ${day(e.date)} | ${escapeMarkdown(e.agent)} | ${escapeMarkdown(e.subject)} | ${e.items.map(escapeMarkdown).join(", ")} |`,
    );
  }
  if (finding.count > finding.examples.length) {
    lines.push("", `_${String(finding.count - finding.examples.length)} more not shown._`);
  }
  lines.push("");
  return lines;
}

export function renderAuditMarkdown(report: AuditReport): string {
  const t = report.totals;
  const lines = [
    "## Custody audit",
    "",
    `${String(t.commits)} commits from ${day(report.firstCommitDate)} to ${day(report.lastCommitDate)}: ` +
      `**${String(t.byKind.agent)} by agents (${(t.agentShare * 100).toFixed(1)}%)**, ${String(t.byKind.human)} by people, ` +
      `${String(t.byKind["maintenance-bot"])} by maintenance bots, ${String(t.mergeCommits)} merges.`,
    "",
  ];
  if (report.agents.length > 0) {
    lines.push("| Agent | Commits | +Lines | -Lines | No provenance | Protected paths | Out of scope | First | Last |");
    lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
    for (const a of report.agents) {
      lines.push(
        `| ${escapeMarkdown(a.agent)} | ${String(a.commits)} | ${String(a.additions)} | ${String(a.deletions)} | ${String(a.missingProvenance)} | ${String(a.protectedPathCommits)} | ${String(a.scopeViolationCommits)} | ${day(a.firstSeen)} | ${day(a.lastSeen)} |`,
      );
    }
    lines.push("");
  } else {
    lines.push("No agent-authored commits found.", "");
  }
  if (report.weeks.some((w) => w.agentCommits > 0)) {
    lines.push("<details><summary>Agent commits per week</summary>", "", "| Week | Agent commits | All commits |", "| --- | ---: | ---: |");
    for (const w of report.weeks) {
      lines.push(`| ${w.week} | ${String(w.agentCommits)} | ${String(w.commits)} |`);
    }
    lines.push("", "</details>", "");
  }
  const keys = report.requiredTrailers.map(escapeMarkdown).join(", ");
  lines.push(
    ...findingSection(`Agent commits missing provenance trailers${keys === "" ? "" : ` (${keys})`}`, report.missingProvenance, "Missing"),
  );
  lines.push(...findingSection("Agent commits touching protected paths", report.protectedPaths, "Paths"));
  lines.push(...findingSection("Agent commits outside their allowed scope", report.scopeViolations, "Paths"));
  if (report.secrets) {
    lines.push(`### Secrets added in history: ${report.secrets.count === 0 ? "none" : String(report.secrets.count)}`, "");
    if (report.secrets.examples.length > 0) {
      lines.push("| Commit | Where | Rule | Finding | Fingerprint |", "| --- | --- | --- | --- | --- |");
      for (const example of report.secrets.examples) {
        const where = example.line === null ? example.path : `${example.path}:${String(example.line)}`;
        lines.push(
          `| \`${(example.commit ?? "").slice(0, 10)}\` | ${escapeMarkdown(where)} | \`${example.ruleId}\` | ${escapeMarkdown(example.message)} | \`${example.fingerprint}\` |`,
        );
      }
      if (report.secrets.count > report.secrets.examples.length) {
        lines.push(
          "",
          `… and ${String(report.secrets.count - report.secrets.examples.length)} more (\`custody audit --secrets --max-findings all\`).`,
        );
      }
      lines.push("");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
