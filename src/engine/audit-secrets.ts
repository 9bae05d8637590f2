/**
 * `audit --secrets`: folds the secret findings of a streamed history scan into the audit
 * report's bounded summary. Counts are exact; only the examples are capped, so memory stays
 * flat however many findings the history holds. Findings arrive redacted from the detector:
 * nothing here ever sees a secret's value.
 */
import type { Finding } from "../model/finding.js";
import type { AuditSecrets } from "../model/audit-report.js";

/** `maxExamples` may be Infinity (JSON lists every finding). */
export async function summarizeSecrets(findings: AsyncIterable<Finding>, maxExamples: number): Promise<AuditSecrets> {
  const summary: AuditSecrets = { count: 0, byRule: {}, examples: [] };
  for await (const finding of findings) {
    summary.count += 1;
    summary.byRule[finding.ruleId] = (summary.byRule[finding.ruleId] ?? 0) + 1;
    if (summary.examples.length < maxExamples) {
      summary.examples.push({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        path: finding.location?.path ?? "",
        line: finding.location?.startLine ?? null,
        commit: finding.commit ?? null,
        fingerprint: finding.fingerprint,
      });
    }
  }
  return summary;
}
