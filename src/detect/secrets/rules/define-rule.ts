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

/** What every secret finding's help says: act on a live key; accept a test value explicitly. */
export function secretHelp(ruleId: string): string {
  return (
    "A live credential must be rotated (revoked) first: removing it from the code does not remove it from git history. " +
    `If the value is not a live credential (a test fixture, a published example), accept it with a comment \`custody:allow ${ruleId}\` ` +
    "(or `gitleaks:allow`) on the same line or the line above, or accept all current findings with `custody secrets baseline`."
  );
}

export function defineRule(spec: RuleSpec): SecretRule {
  const rule: SecretRule = {
    meta: {
      id: `secret/${spec.id}`,
      category: "secret",
      severity: spec.severity ?? "high",
      description: spec.description,
      help: secretHelp(`secret/${spec.id}`),
    },
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
