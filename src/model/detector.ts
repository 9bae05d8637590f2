/**
 * The detector contract (secrets, code, dependencies). A detector declares the schema of its
 * policy section (`detectors.<id>`) and a `run` that receives the change, read-only snapshots of
 * the base and head trees, and its options already parsed by that schema. It returns findings at
 * its rules' own severities: the engine (src/engine/apply-detector-options.ts) parses the options
 * once, skips a disabled detector, and applies per-rule overrides and `min_severity` once, the
 * same way for every detector. Detectors do no other I/O: sources build the snapshots.
 */
import type { z } from "zod";
import type { Change, Snapshot } from "./change.js";
import type { Finding } from "./finding.js";
import type { Severity } from "./severity.js";

export type DetectorId = "secrets" | "code" | "deps";

/** The part of a policy section every detector shares (src/detect/detector-options.ts builds its schema). */
export interface DetectorOptions {
  enabled: boolean;
  /** Findings below this severity are not reported. */
  min_severity: Severity;
  /** Per-rule overrides by rule id: off, or another severity. */
  rules: Record<string, { enabled?: boolean | undefined; severity?: Severity | undefined }>;
}

export interface DetectorInput<Options extends DetectorOptions = DetectorOptions> {
  change: Change;
  base: Snapshot;
  head: Snapshot;
  /** The detector's own section of the policy, parsed by its `optionsSchema`. */
  options: Options;
  /** The repository root on disk when there is one (for baselines or advisory dirs named relative to it). */
  repoDir?: string;
}

export interface Detector<Options extends DetectorOptions = DetectorOptions> {
  id: DetectorId;
  description: string;
  /** Schema of `detectors.<id>`; the policy schema embeds it and the engine parses with it. */
  optionsSchema: z.ZodType<Options>;
  /**
   * Findings at the rules' own severities. Method syntax on purpose: a `Detector<SecretsOptions>`
   * must sit in the table of `Detector`s, and the engine only ever passes it what its own
   * `optionsSchema` produced.
   */
  run(input: DetectorInput<Options>): Promise<Finding[]>;
}
