import { describe, expect, it } from "vitest";
import { validateSarif } from "../../test/support/sarif-multitool.js";
import type { RuleMeta } from "../model/rule-meta.js";
import { agentVerdict, approvalFinding, protectedPathFinding, ssrfFinding, unicodePathFinding } from "./__fixtures__/verdicts.js";
import { renderSarif } from "./sarif.js";

const rules: RuleMeta[] = [
  {
    id: "protected-paths",
    category: "policy",
    severity: "high",
    description: "Agents may not change protected paths. Workflows and policy are protected.",
  },
  {
    id: "taint/ssrf",
    category: "code",
    severity: "high",
    description: "User input reaches an outgoing request (SSRF).",
    tags: ["external/cwe/cwe-918"],
  },
];
const options = { rules, policyPath: ".github/custody.yml" };

describe("SARIF reporter", () => {
  it("passes the SARIF Multitool's schema and GitHub ingestion rules with no error", () => {
    const sarif = renderSarif(agentVerdict([ssrfFinding, protectedPathFinding, approvalFinding, unicodePathFinding]), options);
    const { errors, output, status } = validateSarif(sarif);
    expect(errors, output).toEqual([]);
    expect(status, output).toBe(0);
  });

  it("passes for an empty run too", () => {
    expect(validateSarif(renderSarif(agentVerdict([], "pass"), options)).errors).toEqual([]);
  });

  it("keeps code flows, fingerprints and places change-level findings on the policy file", () => {
    const log = JSON.parse(renderSarif(agentVerdict([ssrfFinding, approvalFinding]), options));
    const [ssrf, approval] = log.runs[0].results;
    expect(ssrf.codeFlows[0].threadFlows[0].locations).toHaveLength(3);
    expect(ssrf.partialFingerprints["custodyFingerprint/v1"]).toBe(ssrfFinding.fingerprint);
    expect(approval.locations[0].physicalLocation.artifactLocation.uri).toBe(".github/custody.yml");
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["taint/ssrf", "required-approvals"]);
  });

  it("tags rules with their CWE as CodeQL does, and keeps locations relative to %SRCROOT% with no machine path", () => {
    const twoSources = { ...ssrfFinding, flows: [...(ssrfFinding.flows ?? []), ...(ssrfFinding.flows ?? [])] };
    const sarif = renderSarif(agentVerdict([twoSources]), options);
    const log = JSON.parse(sarif);
    expect(log.runs[0].tool.driver.rules[0].properties.tags).toEqual(["security", "code", "external/cwe/cwe-918"]);
    expect(log.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBeUndefined();
    expect(sarif).not.toContain("file://");
    expect(log.runs[0].results[0].codeFlows).toHaveLength(2);
    expect(validateSarif(sarif).errors).toEqual([]);
  });

  it("percent-encodes paths into relative URIs", () => {
    const log = JSON.parse(renderSarif(agentVerdict([unicodePathFinding]), options));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("docs/caf%C3%A9%20notes/setup%20%231.md");
  });

  it("fails the Multitool when a result has no location (the check has teeth)", () => {
    const log = JSON.parse(renderSarif(agentVerdict([ssrfFinding]), options));
    delete log.runs[0].results[0].locations;
    delete log.runs[0].results[0].codeFlows;
    expect(validateSarif(JSON.stringify(log)).errors.length).toBeGreaterThan(0);
  });
});
