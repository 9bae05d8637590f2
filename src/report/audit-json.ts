/**
 * The JSON audit report: the `AuditReport` value as is, documented in docs/audit-json.md.
 * Stable key order (the order of the type), two-space indent, trailing newline.
 */
import type { AuditReport } from "../model/audit-report.js";

export function renderAuditJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
