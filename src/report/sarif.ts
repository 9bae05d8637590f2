/**
 * SARIF 2.1.0 for GitHub code scanning and any SARIF viewer. Judged by Microsoft's SARIF
 * Multitool with `--rule-kind "Gh;Sarif"` (schema plus GitHub's ingestion rules), which our test
 * runs on every shape we emit.
 *
 * GitHub requires every result to have a location. Findings about the change as a whole (a
 * missing approval, say) have none, so they are placed on the policy file that demands them:
 * that is where a reader goes to understand or change the rule.
 */
import type { Location } from "../model/finding.js";
import type { RuleMeta } from "../model/rule-meta.js";
import type { Severity } from "../model/severity.js";
import type { Verdict } from "../model/verdict.js";
import { INFORMATION_URI, VERSION } from "../version.js";
import { describeOutcome, describePolicySource, sortFindings } from "./summarize.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub's `security-severity` scale (CVSS-like, 0–10) picks the alert's severity badge. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "0.5",
};

export interface SarifOptions {
  /** Metadata of every rule that may appear, for `tool.driver.rules`. */
  rules: readonly RuleMeta[];
  /** Where change-level findings are placed (see the module comment). */
  policyPath: string;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: "error" | "warning" | "note" };
  properties: { tags: string[]; "security-severity": string };
}

export function renderSarif(verdict: Verdict, options: SarifOptions): string {
  const findings = sortFindings(verdict.findings);
  const known = new Map(options.rules.map((rule) => [rule.id, rule]));
  // Custody's own rules go in the driver; findings merged from other tools keep their tool name
  // in a property and their rule id, described from the finding itself.
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))];
  const rules: SarifRule[] = ruleIds.map((id) => {
    const meta = known.get(id);
    const sample = findings.find((f) => f.ruleId === id);
    const description = meta?.description ?? sample?.message ?? id;
    const severity = meta?.severity ?? sample?.severity ?? "medium";
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: firstSentence(description) },
      fullDescription: { text: description },
      help: {
        text: `${description}\n${meta?.help === undefined ? "" : `${meta.help}\n`}Configure or disable it in ${options.policyPath}.`,
      },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: {
        tags: [...tagsFor(meta?.category ?? sample?.category ?? "policy"), ...(meta?.tags ?? [])],
        "security-severity": SECURITY_SEVERITY[severity],
      },
    };
  });
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));

  const results = findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? 0,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [physicalLocation(finding.location ?? { path: options.policyPath, startLine: 1 })],
    partialFingerprints: { "custodyFingerprint/v1": finding.fingerprint },
    ...(finding.flows && finding.flows.length > 0
      ? {
          codeFlows: finding.flows.map((flow) => ({
            threadFlows: [
              {
                locations: flow.map((step) => ({
                  location: { ...physicalLocation(step.location), message: { text: step.message } },
                })),
              },
            ],
          })),
        }
      : {}),
    properties: {
      category: finding.category,
      severity: finding.severity,
      ...(finding.commit ? { commit: finding.commit } : {}),
      ...(finding.tool ? { tool: finding.tool } : {}),
    },
  }));

  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "Custody", version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules } },
        automationDetails: { id: `custody/check/${verdict.head}` },
        // Locations are relative to the repository root; where that root lies on the machine that
        // ran the check is unknown (and irrelevant to code scanning), so the base has no uri.
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The root of the repository checked." } } },
        results,
        // Which policy judged, and every rule's outcome (skipped ones with reason and remedy), so a
        // SARIF consumer sees what did not run as well as what fired.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (verdict.rules ?? [])
              .filter((outcome) => outcome.reason !== undefined)
              .map((outcome) => ({
                level: outcome.outcome === "failed" ? "error" : "note",
                message: { text: `${outcome.id}: ${describeOutcome(outcome)}` },
                descriptor: { id: outcome.id },
              })),
          },
        ],
        properties: {
          outcome: verdict.outcome,
          failOn: verdict.failOn,
          base: verdict.base,
          head: verdict.head,
          policy: verdict.policySource ?? null,
          policyLine: describePolicySource(verdict.policySource),
          rules: verdict.rules ?? [],
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function physicalLocation(location: Location): { physicalLocation: Record<string, unknown> } {
  const startLine = Math.max(1, location.startLine ?? 1);
  const region: Record<string, number> = { startLine };
  if (location.startColumn !== undefined) {
    region.startColumn = Math.max(1, location.startColumn);
  }
  if (location.endLine !== undefined && location.endLine >= startLine) {
    region.endLine = location.endLine;
  }
  if (location.endColumn !== undefined && location.startColumn !== undefined) {
    region.endColumn = Math.max(region.startColumn ?? 1, location.endColumn);
  }
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeUriPath(location.path), uriBaseId: "%SRCROOT%" },
      region,
    },
  };
}

/** A relative URI reference: each segment percent-encoded, slashes kept. */
function encodeUriPath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** `secret/github-pat` → `SecretGithubPat`: SARIF rule names are PascalCase identifiers. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
    .join("");
}

function firstSentence(text: string): string {
  const end = text.indexOf(". ");
  return end === -1 ? text : text.slice(0, end + 1);
}

function tagsFor(category: string): string[] {
  return category === "secret" || category === "code" || category === "dependency" ? ["security", category] : ["custody", category];
}
