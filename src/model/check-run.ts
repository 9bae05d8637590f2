/**
 * A GitHub check run's output as Custody writes it: conclusion, title, Markdown summary and
 * annotations. A value type, so the reporter that builds it (report/check-run.ts) and the
 * source that posts it (sources/github/post-check-run.ts) share it without importing each other.
 */

/** The check run's name: stable, so a ruleset can require it (pinned to the App that posts it). */
export const CHECK_RUN_NAME = "Custody";

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
