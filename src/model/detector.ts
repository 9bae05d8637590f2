/**
 * The detector contract (secrets, code, dependencies). A detector receives the change and
 * read-only snapshots of the base and head trees, and returns findings. Detectors do no other
 * I/O: sources build the snapshots.
 */
import type { Change, Snapshot } from "./change.js";
import type { Finding } from "./finding.js";

export interface DetectorInput {
  change: Change;
  base: Snapshot;
  head: Snapshot;
  /** The detector's own section of the policy, already validated by its schema. */
  options: unknown;
  /** The repository root on disk when there is one (for baselines or advisory dirs named relative to it). */
  repoDir?: string;
  /** Per-repository key for fingerprints that must not be checkable offline (secrets: the root
   * commit id; see src/sources/git/repository-key.ts). */
  repositoryKey?: string;
}

export interface Detector {
  id: "secrets" | "code" | "deps";
  description: string;
  run(input: DetectorInput): Promise<Finding[]>;
}
