/**
 * Text rendering of `custody blame`: for one file, every line with its commit, who wrote it and
 * on what basis, then the share; for several, the share per file and per directory.
 */
import type { BlameReport, FileBlame, ShareSummary } from "../model/blame-report.js";

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

function shareLine(summary: ShareSummary): string {
  return `${percent(summary.share).padStart(6)}  ${String(summary.agentLines).padStart(6)}/${String(summary.totalLines).padEnd(6)}  ${summary.path}`;
}

function fileLines(file: FileBlame): string {
  const width = String(file.totalLines).length;
  const rows = file.lines.map((line) => {
    const who = line.kind === "agent" ? (line.agent ?? "agent") : line.kind;
    // eslint-disable-next-line no-control-regex -- control characters must not reach the terminal
    const content = line.content.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/gu, " ");
    return `${line.sha.slice(0, 12)} ${who.padEnd(18).slice(0, 18)} ${line.basis.padEnd(10)} ${String(line.line).padStart(width)}) ${content}`;
  });
  const agents = Object.entries(file.byAgent)
    .sort(([, a], [, b]) => b - a)
    .map(([agent, count]) => `${agent} ${String(count)}`)
    .join(", ");
  const share = file.totalLines === 0 ? 0 : file.agentLines / file.totalLines;
  return `${rows.join("\n")}\n\n${file.path}: ${String(file.agentLines)} of ${String(file.totalLines)} lines by agents (${percent(share)})${agents === "" ? "" : `: ${agents}`}\n`;
}

export function renderBlameText(report: BlameReport): string {
  const [only] = report.files;
  if (report.files.length === 1 && only !== undefined) {
    return fileLines(only);
  }
  const files = report.files.map((file) =>
    shareLine({
      path: file.path,
      totalLines: file.totalLines,
      agentLines: file.agentLines,
      share: file.totalLines === 0 ? 0 : file.agentLines / file.totalLines,
    }),
  );
  return `Agent share of lines, per file:\n${files.join("\n")}\n\nPer directory:\n${report.directories.map(shareLine).join("\n")}\n`;
}

export function renderBlameJson(report: BlameReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
