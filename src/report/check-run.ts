/**
 * The GitHub check run a verdict becomes: conclusion, title, Markdown summary and annotations.
 * GitHub accepts at most 50 annotations per create/update request; `annotationBatches` splits
 * them so the server can send the first batch with the create and the rest as updates.
 */
import type { Severity } from "../model/severity.js";
import type { Verdict } from "../model/verdict.js";
import { renderMarkdown } from "./markdown.js";
import { sortFindings } from "./summarize.js";

export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub rejects a summary over 65,535 characters. */
const MAX_SUMMARY = 65_000;

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  title: string;
  message: string;
}

export interface CheckRunOutput {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

const LEVEL: Record<Severity, CheckAnnotation["annotation_level"]> = {
  critical: "failure",
  high: "failure",
  medium: "warning",
  low: "notice",
  info: "notice",
};

export function renderCheckRun(verdict: Verdict, options: { policyPath?: string } = {}): CheckRunOutput {
  const policyPath = options.policyPath ?? ".github/custody.yml";
  const annotations = sortFindings(verdict.findings).map((finding): CheckAnnotation => {
    const startLine = Math.max(1, finding.location?.startLine ?? 1);
    return {
      path: finding.location?.path ?? policyPath,
      start_line: startLine,
      end_line: Math.max(startLine, finding.location?.endLine ?? startLine),
      annotation_level: LEVEL[finding.severity],
      title: finding.ruleId,
      message: finding.message,
    };
  });
  const summary = renderMarkdown(verdict);
  const failing = verdict.outcome === "fail";
  return {
    conclusion: failing ? "failure" : "success",
    title: failing
      ? `Policy failed: ${String(verdict.findings.length)} finding(s)`
      : `Policy passed${verdict.findings.length > 0 ? ` with ${String(verdict.findings.length)} finding(s) below ${verdict.failOn}` : ""}`,
    summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY)}\n\n(truncated)` : summary,
    annotations,
  };
}

export function annotationBatches(annotations: readonly CheckAnnotation[]): CheckAnnotation[][] {
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  return batches;
}
