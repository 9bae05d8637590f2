/**
 * Info findings about the analysis itself (files it could not or would not analyse), so a
 * reviewer knows what was not covered. Never failures: the policy decides what info means.
 */
import type { RuleMeta } from "../../model/rule-meta.js";

export const PARSE_ERROR_RULE: RuleMeta = {
  id: "code/parse-error",
  category: "code",
  severity: "info",
  description: "A JavaScript/TypeScript file could not be parsed or looks minified, so it was not analysed for taint flows.",
};

export const FILE_TOO_LARGE_RULE: RuleMeta = {
  id: "code/file-too-large",
  category: "code",
  severity: "info",
  description: "A JavaScript/TypeScript file exceeded the size limit and was not analysed.",
};

export const ANALYSIS_BUDGET_RULE: RuleMeta = {
  id: "code/analysis-budget",
  category: "code",
  severity: "info",
  description: "Analysis of a file stopped at its time budget; flows in it may be missed.",
};

export const DIAGNOSTIC_RULES = [PARSE_ERROR_RULE, FILE_TOO_LARGE_RULE, ANALYSIS_BUDGET_RULE] as const satisfies readonly RuleMeta[];
