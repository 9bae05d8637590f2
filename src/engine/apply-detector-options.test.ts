import { describe, expect, it } from "vitest";
import type { Finding } from "../model/finding.js";
import { applyDetectorOptions } from "./apply-detector-options.js";

const finding = (ruleId: string, severity: Finding["severity"]): Finding => ({ ruleId, severity, category: "secret", message: ruleId, fingerprint: ruleId });

describe("applyDetectorOptions", () => {
  const findings = [finding("secret/a", "high"), finding("secret/b", "low"), finding("secret/c", "medium")];

  it("keeps everything under the defaults", () => {
    expect(applyDetectorOptions(findings, { enabled: true, min_severity: "info", rules: {} })).toEqual(findings);
  });

  it("drops disabled rules and findings below min_severity", () => {
    const kept = applyDetectorOptions(findings, { enabled: true, min_severity: "medium", rules: { "secret/a": { enabled: false } } });
    expect(kept.map((f) => f.ruleId)).toEqual(["secret/c"]);
  });

  it("re-rates a rule before the threshold applies", () => {
    const kept = applyDetectorOptions(findings, { enabled: true, min_severity: "medium", rules: { "secret/b": { severity: "critical" } } });
    expect(kept.map((f) => [f.ruleId, f.severity])).toEqual([
      ["secret/a", "high"],
      ["secret/b", "critical"],
      ["secret/c", "medium"],
    ]);
  });
});
