/**
 * A finding: one thing a rule or detector reports. Every reporter (text, JSON, SARIF, Markdown,
 * check run) renders these and nothing else. Findings never carry a secret's value: detectors
 * put a redacted form in `message` and a fingerprint in `fingerprint`.
 */
import type { Severity } from "./severity.js";

export type FindingCategory = "policy" | "provenance" | "secret" | "code" | "dependency" | "external";

export interface Location {
  path: string;
  /** 1-based. */
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

/** One step of a data flow (taint source → … → sink), for SARIF code flows. */
export interface FlowStep {
  location: Location;
  message: string;
}

export interface Finding {
  /** Stable rule id, e.g. `protected-paths`, `secret/github-pat`, `taint/ssrf`. */
  ruleId: string;
  category: FindingCategory;
  severity: Severity;
  /** One sentence for a person. Never contains a secret value. */
  message: string;
  location?: Location;
  /** Commit the finding belongs to, when it is about one commit. */
  commit?: string;
  /** Stable across runs for the same issue at the same place (baseline and dedup key). */
  fingerprint: string;
  /** Data flows from source to sink (taint), each a list of steps. */
  flows?: FlowStep[][];
  /** Extra machine-readable facts (agent id, package name, …). JSON-serialisable. */
  properties?: Record<string, unknown>;
  /** Tool that produced it when merged from outside (`CodeQL`, `Semgrep`). */
  tool?: string;
}
