/**
 * The severity of an OSV record as a Custody severity: the database's own rating
 * (`database_specific.severity`, as GitHub's advisories carry LOW/MODERATE/HIGH/CRITICAL) first,
 * then a CVSS v3 vector in `severity[]` (of the record or of the affected package), else
 * undefined (the rule then uses its default).
 */
import type { Severity } from "../../../model/severity.js";
import { cvssV3BaseScore } from "./cvss-v3.js";
import type { OsvAffected, OsvRecord } from "./osv-schema.js";

const NAMED: Record<string, Severity> = {
  low: "low",
  moderate: "medium",
  medium: "medium",
  high: "high",
  critical: "critical",
};

export function advisorySeverity(record: OsvRecord, affected?: OsvAffected): Severity | undefined {
  for (const specific of [affected?.database_specific, affected?.ecosystem_specific, record.database_specific]) {
    const named = specific?.["severity"];
    if (typeof named === "string") {
      const severity = NAMED[named.toLowerCase()];
      if (severity !== undefined) {
        return severity;
      }
    }
  }
  for (const entry of [...(affected?.severity ?? []), ...(record.severity ?? [])]) {
    if (entry.type === "CVSS_V3") {
      const score = cvssV3BaseScore(entry.score);
      if (score !== undefined) {
        return score >= 9 ? "critical" : score >= 7 ? "high" : score >= 4 ? "medium" : score > 0 ? "low" : "info";
      }
    }
  }
  return undefined;
}
