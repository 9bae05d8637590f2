/**
 * Every rule Custody can report, from every table: the policy's rules and each detector's.
 * Reporters describe rules from here (SARIF `tool.driver.rules`), and a meta-test checks that
 * no two tables share an id.
 */
import { DIAGNOSTIC_RULES } from "./detect/code/diagnostic-rules.js";
import { TAINT_RULES } from "./detect/code/rules/index.js";
import { DEPS_RULES } from "./detect/deps/rules/index.js";
import { SECRET_RULES } from "./detect/secrets/rules/index.js";
import type { RuleMeta } from "./model/rule-meta.js";
import { RULES } from "./policy/rules/index.js";

export const ALL_RULES: readonly RuleMeta[] = [
  ...RULES.map((rule) => rule.meta),
  ...SECRET_RULES.map((rule) => rule.meta),
  ...TAINT_RULES.map((rule) => rule.meta),
  ...DIAGNOSTIC_RULES,
  ...DEPS_RULES.map((rule) => rule.meta),
];
