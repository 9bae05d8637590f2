/**
 * A compact constructor for secrets rules, so each rule file reads as a table of data: id,
 * description, keywords, regex, samples. It fills the shared metadata (`secret/<id>`, category
 * "secret") and defaults (severity high, secret in capture group 1).
 */
import type { Severity } from "../../../model/severity.js";
import type { SecretRule } from "../secret-rule.js";

export interface RuleSpec {
  /** Without the `secret/` prefix. */
  id: string;
  description: string;
  severity?: Severity;
  keywords: readonly string[];
  regex: RegExp;
  secretGroup?: number;
  entropy?: number;
  multiline?: boolean;
  lookBehind?: number;
  generic?: boolean;
  validate?: (secret: string, match: RegExpExecArray) => boolean;
  path?: RegExp;
  samplePath?: string;
  pathOnly?: boolean;
  truePositives: readonly string[];
  falsePositives: readonly string[];
}

export function defineRule(spec: RuleSpec): SecretRule {
  const rule: SecretRule = {
    meta: { id: `secret/${spec.id}`, category: "secret", severity: spec.severity ?? "high", description: spec.description },
    keywords: spec.keywords,
    regex: spec.regex,
    secretGroup: spec.secretGroup ?? 1,
    truePositives: spec.truePositives,
    falsePositives: spec.falsePositives,
  };
  if (spec.entropy !== undefined) {
    rule.entropy = spec.entropy;
  }
  if (spec.multiline === true) {
    rule.multiline = true;
  }
  if (spec.lookBehind !== undefined) {
    rule.lookBehind = spec.lookBehind;
  }
  if (spec.generic === true) {
    rule.generic = true;
  }
  if (spec.path !== undefined) {
    rule.path = spec.path;
  }
  if (spec.samplePath !== undefined) {
    rule.samplePath = spec.samplePath;
  }
  if (spec.pathOnly === true) {
    rule.pathOnly = true;
  }
  if (spec.validate !== undefined) {
    rule.validate = spec.validate;
  }
  return rule;
}
