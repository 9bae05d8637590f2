/**
 * The terminal summary of an audit: totals, a table per agent, agent commits per week, and the
 * first examples of each finding. Commit subjects and paths come from the repository, i.e. from
 * whoever wrote the commits: control characters are neutralised so a crafted subject cannot
 * move the cursor or recolour the terminal. Colour only when asked.
 */
import type { AuditCommitExample, AuditFindingSummary, AuditReport } from "../model/audit-report.js";

const RESET = "\u001b[0m";
const BOLD = "\u001b[1m";
const RED = "\u001b[31m";
const GREEN = "\u001b[32m";
const DIM = "\u001b[2m";

/** Replaces C0/C1 control characters (ESC, CR, BEL…) so repository text cannot drive the terminal. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/gu, "\ufffd");
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function day(iso: string | null): string {
  return iso === null ? "-" : iso.slice(0, 10);
}

function table(rows: string[][], rightAligned: (column: number) => boolean): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (rightAligned(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function exampleLine(example: AuditCommitExample, what: string): string {
  return `    ${example.sha.slice(0, 10)} ${day(example.date)} ${printable(example.agent)}: ${printable(example.subject)} — ${what} ${example.items.map(printable).join(", ")}`;
}

export function renderAuditText(report: AuditReport, options: { color: boolean }): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const t = report.totals;
  const window = report.since !== null || report.until !== null ? ` (${report.since ?? "start"} .. ${report.until ?? "now"})` : "";
  lines.push(paint(BOLD, `Custody audit of ${printable(report.repository)}${window}`));
  lines.push(
    `  ${String(t.commits)} commits from ${day(report.firstCommitDate)} to ${day(report.lastCommitDate)}: ` +
      `${String(t.byKind.agent)} by agents (${pct(t.agentShare)}), ${String(t.byKind.human)} by people, ` +
      `${String(t.byKind["maintenance-bot"])} by maintenance bots, ${String(t.mergeCommits)} merges`,
  );
  lines.push("");

  if (report.agents.length === 0) {
    lines.push("No agent-authored commits found.");
  } else {
    const rows = [["Agent", "Commits", "+Lines", "-Lines", "No provenance", "Protected paths", "Out of scope", "First", "Last"]];
    for (const a of report.agents) {
      rows.push([
        printable(a.agent),
        String(a.commits),
        String(a.additions),
        String(a.deletions),
        String(a.missingProvenance),
        String(a.protectedPathCommits),
        String(a.scopeViolationCommits),
        day(a.firstSeen),
        day(a.lastSeen),
      ]);
    }
    const [header, ...body] = table(rows, (i) => i >= 1 && i <= 6);
    lines.push(paint(BOLD, header ?? ""));
    lines.push(...body.map((row) => row));
  }
  const bots = Object.entries(report.maintenanceBots);
  if (bots.length > 0) {
    lines.push(`Maintenance bots: ${bots.map(([bot, n]) => `${printable(bot)} ${String(n)}`).join(", ")}`);
  }
  lines.push("");

  const recent = report.weeks.slice(-12);
  if (recent.some((w) => w.agentCommits > 0)) {
    lines.push(paint(BOLD, `Agent commits per week${report.weeks.length > recent.length ? " (last 12 weeks with commits)" : ""}`));
    const peak = Math.max(...recent.map((w) => w.agentCommits), 1);
    for (const w of recent) {
      const bar = "#".repeat(Math.round((w.agentCommits / peak) * 30));
      lines.push(`  ${w.week}  ${String(w.agentCommits).padStart(5)} / ${String(w.commits).padEnd(5)} ${paint(DIM, bar)}`);
    }
    lines.push("");
  }

  const section = (title: string, finding: AuditFindingSummary, what: string): void => {
    const mark = finding.count === 0 ? paint(GREEN, "ok") : paint(RED, String(finding.count));
    lines.push(`${paint(BOLD, title)}: ${mark}`);
    for (const example of finding.examples.slice(0, 5)) {
      lines.push(exampleLine(example, what));
    }
    if (finding.count > Math.min(finding.examples.length, 5)) {
      lines.push(`    … and ${String(finding.count - Math.min(finding.examples.length, 5))} more (see --format json)`);
    }
  };
  const keys = report.requiredTrailers.length > 0 ? ` (${report.requiredTrailers.map(printable).join(", ")})` : "";
  section(`Agent commits missing provenance trailers${keys}`, report.missingProvenance, "missing");
  section("Agent commits touching protected paths", report.protectedPaths, "touched");
  section("Agent commits outside their allowed scope", report.scopeViolations, "outside scope:");
  if (report.secrets) {
    const secrets = report.secrets;
    lines.push(
      `${paint(BOLD, "Secrets added in history")}: ${secrets.count === 0 ? paint(GREEN, "ok") : paint(RED, String(secrets.count))}`,
    );
    for (const example of secrets.examples) {
      const where = example.line === null ? example.path : `${example.path}:${String(example.line)}`;
      lines.push(
        `    ${(example.commit ?? "").slice(0, 10)} ${printable(where)} ${example.ruleId}: ${printable(example.message)} [fingerprint ${example.fingerprint}]`,
      );
    }
    if (secrets.count > secrets.examples.length) {
      lines.push(
        `    … and ${String(secrets.count - secrets.examples.length)} more: --max-findings all (or --format json) lists every one`,
      );
    }
    if (secrets.staleBaseline !== undefined && secrets.staleBaseline.stale > 0) {
      lines.push(
        `    ${String(secrets.staleBaseline.stale)} of ${String(secrets.staleBaseline.entries)} baseline entries matched nothing: rerun \`custody secrets baseline\` to drop them`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
