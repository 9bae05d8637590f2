/**
 * The JSON reporter: a stable, documented shape (docs/json-format.md) for machines. Fields are
 * only ever added; `schemaVersion` changes if one is removed or changes meaning.
 */
import type { Verdict } from "../model/verdict.js";
import { VERSION } from "../version.js";
import { countByCategory, countBySeverity, sortFindings } from "./summarize.js";

export const JSON_SCHEMA_VERSION = 1;

export function renderJson(verdict: Verdict): string {
  const document = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: "custody", version: VERSION },
    outcome: verdict.outcome,
    failOn: verdict.failOn,
    base: verdict.base,
    head: verdict.head,
    provenance: {
      kind: verdict.provenance.kind,
      agent: verdict.provenance.agent ?? null,
      agents: verdict.provenance.agents,
      confidence: verdict.provenance.confidence,
      evidence: verdict.provenance.evidence,
      commits: verdict.provenance.commits.map((commit) => ({
        sha: commit.sha,
        kind: commit.kind,
        agent: commit.agent ?? null,
        confidence: commit.confidence,
        evidence: commit.evidence,
        provenanceTrailers: commit.provenanceTrailers,
      })),
    },
    summary: {
      findings: verdict.findings.length,
      bySeverity: countBySeverity(verdict.findings),
      byCategory: countByCategory(verdict.findings),
    },
    ran: verdict.ran,
    policy: verdict.policySource ?? null,
    rules: (verdict.rules ?? []).map((outcome) => ({
      id: outcome.id,
      kind: outcome.kind,
      outcome: outcome.outcome,
      findings: outcome.findings,
      reason: outcome.reason ?? null,
      remedy: outcome.remedy ?? null,
    })),
    findings: sortFindings(verdict.findings).map((finding) => ({
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      message: finding.message,
      location: finding.location ?? null,
      commit: finding.commit ?? null,
      fingerprint: finding.fingerprint,
      flows: finding.flows ?? [],
      tool: finding.tool ?? "custody",
      properties: finding.properties ?? {},
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
