/**
 * Renderers for `custody audit --commits`: one record per commit, written as it arrives.
 * JSON Lines (one `AuditCommitRecord` object a line, docs/audit-json.md), CSV (RFC 4180 quoting,
 * evidence details joined with ` | `) and a fixed-width table for a terminal. Each renderer is
 * a pure function of one record, so memory does not grow with the history.
 */
import type { AuditCommitRecord } from "../model/audit-report.js";

export const AUDIT_COMMITS_CSV_HEADER = "sha,date,author,committer,kind,agent,confidence,basis,subject,evidence\n";

export function renderCommitJsonLine(record: AuditCommitRecord): string {
  return `${JSON.stringify(record)}\n`;
}

function csvField(value: string): string {
  // A leading =, +, - or @ would be read as a formula by spreadsheets: quote and prefix it.
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\n\r]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

export function renderCommitCsvRow(record: AuditCommitRecord): string {
  const evidence = record.evidence.map((item) => `${item.strength} ${item.signal} ${item.subject}: ${item.detail}`).join(" | ");
  return `${[record.sha, record.date, record.author, record.committer, record.kind, record.agent ?? "", String(record.confidence), record.basis, record.subject, evidence].map(csvField).join(",")}\n`;
}

export const AUDIT_COMMITS_TABLE_HEADER = `${"commit".padEnd(12)}  ${"date".padEnd(10)}  ${"kind".padEnd(15)}  ${"agent".padEnd(20)}  ${"conf".padEnd(4)}  ${"basis".padEnd(10)}  subject\n`;

function cell(value: string, width: number): string {
  return value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width);
}

export function renderCommitTableRow(record: AuditCommitRecord): string {
  // Control characters in a subject (an attacker can write any) must not move the terminal cursor.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const subject = record.subject.replace(/[\u0000-\u001f\u007f]/gu, " ");
  return `${record.sha.slice(0, 12)}  ${cell(record.date.slice(0, 10), 10)}  ${cell(record.kind, 15)}  ${cell(record.agent ?? "-", 20)}  ${record.confidence.toFixed(2)}  ${cell(record.basis, 10)}  ${cell(subject, 72)}\n`;
}
