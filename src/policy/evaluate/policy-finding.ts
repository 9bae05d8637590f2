/**
 * Builds a rule's finding: the severity the policy sets for the rule (or the rule's default),
 * the rule's id and category from its meta, and a fingerprint over the rule id and the parts
 * that identify the issue (never the message, so rewording a message keeps baselines valid).
 */
import type { Finding, Location } from "../../model/finding.js";
import { fingerprint } from "../../model/fingerprint.js";
import type { PolicyRule, RuleContext } from "./rule-context.js";

export interface FindingFields {
  message: string;
  /** Parts that identify this issue for the fingerprint (agent, path, trailer key…). */
  identity: (string | number | undefined)[];
  path?: string;
  commit?: string;
  properties?: Record<string, unknown>;
}

export function policyFinding(rule: Pick<PolicyRule, "meta" | "section">, context: RuleContext, fields: FindingFields): Finding {
  const finding: Finding = {
    ruleId: rule.meta.id,
    category: rule.meta.category,
    severity: context.policy.rules[rule.section].severity ?? rule.meta.severity,
    message: fields.message,
    fingerprint: fingerprint(rule.meta.id, ...fields.identity),
  };
  if (fields.path !== undefined) {
    const location: Location = { path: fields.path };
    finding.location = location;
  }
  if (fields.commit !== undefined) {
    finding.commit = fields.commit;
  }
  if (fields.properties !== undefined) {
    finding.properties = fields.properties;
  }
  return finding;
}
