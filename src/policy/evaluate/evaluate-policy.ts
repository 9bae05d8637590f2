/**
 * Runs every enabled policy rule over one change. Pure: the same context gives the same
 * result. A rule that cannot judge the change (its data is absent) neither fires nor passes
 * silently: it is listed in `skipped` with the reason, and so is a rule the policy disables.
 */
import type { Finding } from "../../model/finding.js";
import type { RuleContext } from "./rule-context.js";
import { RULES } from "../rules/index.js";

export interface PolicyEvaluation {
  findings: Finding[];
  /** Ids of the rules that judged the change. */
  ran: string[];
  skipped: { rule: string; reason: string }[];
}

export function evaluatePolicy(context: RuleContext): PolicyEvaluation {
  const evaluation: PolicyEvaluation = { findings: [], ran: [], skipped: [] };
  for (const rule of RULES) {
    if (!context.policy.rules[rule.section].enabled) {
      evaluation.skipped.push({ rule: rule.meta.id, reason: `disabled by the policy (rules.${rule.section}.enabled: false)` });
      continue;
    }
    const reason = rule.skipReason?.(context);
    if (reason !== undefined) {
      evaluation.skipped.push({ rule: rule.meta.id, reason });
      continue;
    }
    evaluation.findings.push(...rule.evaluate(context));
    evaluation.ran.push(rule.meta.id);
  }
  return evaluation;
}
