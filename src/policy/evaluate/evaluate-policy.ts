/**
 * Runs every policy rule over one change and accounts for each: passed, failed, or skipped with
 * the reason and what would make it run. Pure: the same context gives the same result.
 *
 * A rule the policy disables is skipped. A rule that cannot judge the change for lack of data
 * (no pull request, reviews unknown) never passes silently: unless the policy says
 * `on_missing_data: skip` (for the rule, else at the top), it fails with a finding at the rule's
 * severity that says what is missing — a local run cannot pass what the Action would fail.
 */
import type { Finding } from "../../model/finding.js";
import { fingerprint } from "../../model/fingerprint.js";
import type { RuleOutcome } from "../../model/verdict.js";
import { RULES } from "../rules/index.js";
import type { PolicyRule, RuleContext } from "./rule-context.js";

export interface PolicyEvaluation {
  findings: Finding[];
  /** Ids of the rules that judged the change. */
  ran: string[];
  /** Rules that did not judge it, with the reason (and, for missing data, the remedy). */
  skipped: { rule: string; reason: string; remedy?: string }[];
  /** Every rule, in table order. */
  outcomes: RuleOutcome[];
}

export function evaluatePolicy(context: RuleContext, rules: readonly PolicyRule[] = RULES): PolicyEvaluation {
  const evaluation: PolicyEvaluation = { findings: [], ran: [], skipped: [], outcomes: [] };
  for (const rule of rules) {
    const id = rule.meta.id;
    const options = context.policy.rules[rule.section];
    if (!options.enabled) {
      const reason = `disabled by the policy (rules.${rule.section}.enabled: false)`;
      const remedy = `set rules.${rule.section}.enabled: true`;
      evaluation.skipped.push({ rule: id, reason, remedy });
      evaluation.outcomes.push({ id, kind: "rule", outcome: "skipped", findings: 0, reason, remedy });
      continue;
    }
    const missing = rule.missingData?.(context);
    if (missing !== undefined) {
      const mode = options.on_missing_data ?? context.policy.on_missing_data;
      if (mode === "skip") {
        evaluation.skipped.push({ rule: id, reason: missing.reason, remedy: missing.remedy });
        evaluation.outcomes.push({ id, kind: "rule", outcome: "skipped", findings: 0, reason: missing.reason, remedy: missing.remedy });
        continue;
      }
      evaluation.findings.push({
        ruleId: id,
        category: rule.meta.category,
        severity: options.severity ?? rule.meta.severity,
        message: `${id} cannot judge this change: ${missing.reason}. To run it: ${missing.remedy}. (The policy fails a rule it cannot judge; \`rules.${rule.section}.on_missing_data: skip\` reports it as skipped instead.)`,
        fingerprint: fingerprint(id, "missing-data"),
        properties: { missingData: missing.reason, remedy: missing.remedy },
      });
      evaluation.ran.push(id);
      evaluation.outcomes.push({ id, kind: "rule", outcome: "failed", findings: 1, reason: missing.reason, remedy: missing.remedy });
      continue;
    }
    const findings = rule.evaluate(context);
    evaluation.findings.push(...findings);
    evaluation.ran.push(id);
    evaluation.outcomes.push({ id, kind: "rule", outcome: findings.length > 0 ? "failed" : "passed", findings: findings.length });
  }
  return evaluation;
}
