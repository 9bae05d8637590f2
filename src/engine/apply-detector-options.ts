/**
 * The policy's say over a detector, applied the same way for every detector and only here:
 * the section is parsed once with the detector's schema (one error wording for all three), a
 * disabled detector does not run, a rule may be disabled or have its severity changed by id, and
 * findings below the section's `min_severity` are dropped. Detectors report at their rules' own
 * severities and never filter.
 */
import type { Detector, DetectorInput, DetectorOptions } from "../model/detector.js";
import { CustodyError } from "../model/errors.js";
import type { Finding } from "../model/finding.js";
import { atLeast } from "../model/severity.js";

/**
 * Parses a detector's policy section. The policy loader already validated it against the same
 * schema (with the policy file's position); this is the entry point for everything else that
 * holds raw options (a detector injected into `runCheck`, the bench, tests).
 */
export function parseDetectorOptions<Options extends DetectorOptions>(detector: Detector<Options>, raw: unknown): Options {
  const parsed = detector.optionsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = ["detectors", detector.id, ...(issue?.path ?? []).map(String)].join(".");
    throw new CustodyError("POLICY_INVALID", `Policy key ${key}: ${issue?.message ?? "invalid value"}. Fix that key in the policy file.`, {
      position: { file: "policy", key },
    });
  }
  return parsed.data;
}

export function applyDetectorOptions(findings: readonly Finding[], options: DetectorOptions): Finding[] {
  const kept: Finding[] = [];
  for (const finding of findings) {
    const override = options.rules[finding.ruleId];
    if (override?.enabled === false) {
      continue;
    }
    const severity = override?.severity ?? finding.severity;
    if (!atLeast(severity, options.min_severity)) {
      continue;
    }
    kept.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return kept;
}

/** What `runDetector` needs besides the options: the detector input without its parsed options. */
export type DetectorContext = Omit<DetectorInput, "options">;

/**
 * Runs one detector under its policy section: parse, skip when disabled, run, filter. Returns
 * `undefined` when the detector is disabled (so the caller can leave it out of `ran`).
 */
export async function runDetector<Options extends DetectorOptions>(
  detector: Detector<Options>,
  raw: unknown,
  context: DetectorContext,
): Promise<Finding[] | undefined> {
  const options = parseDetectorOptions(detector, raw);
  if (!options.enabled) {
    return undefined;
  }
  const found = await detector.run({ ...context, options });
  return applyDetectorOptions(found, options);
}
