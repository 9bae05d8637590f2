import { describe, expect, it } from "vitest";
import { DETECTORS } from "../detect/index.js";
import { codeOptionsSchema, type CodeOptions } from "../detect/code/options.js";
import type { Detector } from "../model/detector.js";
import { isCustodyError } from "../model/errors.js";
import type { Finding } from "../model/finding.js";
import { defaultPolicy } from "../policy/index.js";
import { applyDetectorOptions, parseDetectorOptions, runDetector } from "./apply-detector-options.js";

const finding = (ruleId: string, severity: Finding["severity"]): Finding => ({
  ruleId,
  severity,
  category: "secret",
  message: ruleId,
  fingerprint: ruleId,
});

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

const detectorFinding = (ruleId: string, severity: Finding["severity"]): Finding => ({
  ruleId,
  severity,
  category: "code",
  message: ruleId,
  fingerprint: ruleId,
});

/** A detector that reports two fixed findings and records the options it was given. */
function recordingDetector(): Detector<CodeOptions> & { seen: CodeOptions[] } {
  const seen: CodeOptions[] = [];
  return {
    id: "code",
    description: "test detector",
    optionsSchema: codeOptionsSchema,
    seen,
    run: ({ options }) => {
      seen.push(options);
      return Promise.resolve([detectorFinding("taint/a", "high"), detectorFinding("taint/b", "low")]);
    },
  };
}

const context = {
  change: { base: "a", head: "b", commits: [], files: [] },
  base: { rev: "a", read: () => Promise.resolve(undefined) },
  head: { rev: "b", read: () => Promise.resolve(undefined) },
};

describe("runDetector", () => {
  it("gives the detector its options parsed, with defaults filled", async () => {
    const detector = recordingDetector();
    await runDetector(detector, { import_depth: 0 }, context);
    expect(detector.seen[0]).toMatchObject({ import_depth: 0, max_files: 500, enabled: true, min_severity: "info" });
  });

  it("does not run a disabled detector and says so with undefined", async () => {
    const detector = recordingDetector();
    expect(await runDetector(detector, { enabled: false }, context)).toBeUndefined();
    expect(detector.seen).toEqual([]);
  });

  it("applies overrides and the threshold to what the detector reports", async () => {
    const kept = await runDetector(
      recordingDetector(),
      { min_severity: "medium", rules: { "taint/b": { severity: "critical" } } },
      context,
    );
    expect(kept?.map((f) => [f.ruleId, f.severity])).toEqual([
      ["taint/a", "high"],
      ["taint/b", "critical"],
    ]);
  });

  it("rejects an invalid section with POLICY_INVALID naming the key, before running", async () => {
    const detector = recordingDetector();
    const error: unknown = await runDetector(detector, { max_files: "many" }, context).catch((e: unknown) => e);
    expect(isCustodyError(error, "POLICY_INVALID")).toBe(true);
    expect(isCustodyError(error) && error.position?.key).toBe("detectors.code.max_files");
    expect(detector.seen).toEqual([]);
  });
});

describe("the detector table", () => {
  it("has one detector per id, each with the schema the policy embeds for its section", () => {
    expect(new Set(DETECTORS.map((detector) => detector.id)).size).toBe(DETECTORS.length);
    const defaults = defaultPolicy();
    const detectors: readonly Detector[] = DETECTORS;
    for (const detector of detectors) {
      expect(parseDetectorOptions(detector, {})).toEqual(defaults.detectors[detector.id]);
    }
  });
});
