/**
 * The GitHub check run a verdict becomes: conclusion, title, Markdown summary and annotations
 * (sources/github/post-check-run.ts sends them in GitHub's batches of 50).
 */
import type { CheckAnnotation, CheckRunOutput } from "../model/check-run.js";
import type { ChangeProvenance } from "../model/provenance.js";
import type { Severity } from "../model/severity.js";
import type { Verdict } from "../model/verdict.js";
import { renderMarkdown } from "./markdown.js";
import { sortFindings } from "./summarize.js";

/** GitHub rejects a summary over 65,535 characters. */
const MAX_SUMMARY = 65_000;

export type { CheckRunOutput };

const LEVEL: Record<Severity, CheckAnnotation["annotation_level"]> = {
  critical: "failure",
  high: "failure",
  medium: "warning",
  low: "notice",
  info: "notice",
};

export interface CheckRunOptions {
  policyPath?: string;
  /** Rules that could not judge the change, shown so a missing rule is never mistaken for a pass. */
  skipped?: readonly { rule: string; reason: string }[];
  /** Where the policy was read (`.github/custody.yml@<sha>` or `defaults`). */
  policySource?: string;
  /** A page explaining the verdict rule by rule. */
  detailsUrl?: string;
}

export function renderCheckRun(verdict: Verdict, options: CheckRunOptions = {}): CheckRunOutput {
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
  // The Markdown already has the policy line and the rules table when the verdict carries them.
  const summary =
    renderMarkdown(verdict) +
    checkRunFooter({
      ...options,
      ...(verdict.rules === undefined ? {} : { skipped: [] }),
      ...(verdict.policySource === undefined ? {} : { policySource: undefined }),
    });
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

function checkRunFooter(options: CheckRunOptions): string {
  const lines: string[] = [];
  if (options.skipped !== undefined && options.skipped.length > 0) {
    lines.push("", "**Rules that did not run**", "", ...options.skipped.map((s) => `- \`${s.rule}\`: ${s.reason}`));
  }
  if (options.policySource !== undefined) {
    lines.push(
      "",
      `Policy: ${options.policySource === "defaults" ? "the embedded defaults (no .github/custody.yml on the base)" : `\`${options.policySource}\``}`,
    );
  }
  if (options.detailsUrl !== undefined) {
    lines.push("", `[Why: rule by rule](${options.detailsUrl})`);
  }
  return lines.length === 0 ? "" : `\n${lines.join("\n")}\n`;
}

/** The passing check run of a change that is not agent-authored, with the evidence that decided it. */
export function renderNotAgentCheckRun(
  provenance: ChangeProvenance,
  options: Pick<CheckRunOptions, "policySource" | "detailsUrl"> = {},
): CheckRunOutput {
  const evidence = notAgentEvidence(provenance);
  const summary = [
    `Custody judged this pull request **not agent-authored** (${provenance.kind}), so the agent policy does not apply.`,
    "",
    "**Evidence**",
    "",
    ...(evidence.length > 0
      ? evidence.map((e) => `- ${e}`)
      : ["- no agent signature matched the author, the commits, their trailers, the branch or the labels"]),
  ].join("\n");
  return { conclusion: "success", title: "Not agent-authored", summary: summary + checkRunFooter(options), annotations: [] };
}

/** The evidence lines of a classification, for people: `pr-author: login bob (human)`. */
export function notAgentEvidence(provenance: ChangeProvenance): string[] {
  const lines = provenance.evidence.map((e) => `${e.signal}: ${e.detail} (${e.kind})`);
  for (const commit of provenance.commits) {
    for (const e of commit.evidence) {
      lines.push(`commit ${commit.sha.slice(0, 7)} ${e.signal}: ${e.detail} (${e.kind})`);
    }
  }
  return [...new Set(lines)].slice(0, 50);
}
