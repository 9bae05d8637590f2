/**
 * The result of `custody blame`: each line of each file with who wrote it (a person or an agent,
 * which one, the commit, the basis) and the agent share of lines per file and per directory.
 * Plain data, serialised as is by `blame --format json`.
 */
import type { ActorKind } from "./actor.js";
import type { AttributionBasis } from "./provenance.js";

export interface BlamedLine {
  line: number;
  sha: string;
  kind: ActorKind;
  agent: string | null;
  basis: AttributionBasis;
  /** The model a git-ai note names for this line. */
  model?: string;
  content: string;
}

export interface FileBlame {
  path: string;
  lines: BlamedLine[];
  totalLines: number;
  agentLines: number;
  /** Agent lines by agent id. */
  byAgent: Record<string, number>;
}

export interface ShareSummary {
  path: string;
  totalLines: number;
  agentLines: number;
  /** agentLines / totalLines, 0..1. */
  share: number;
}

export interface BlameReport {
  rev: string;
  files: FileBlame[];
  /** Every directory holding a blamed file (and `.` for the whole), by path. */
  directories: ShareSummary[];
}
