/**
 * The one table of taint rules. The engine, the detector and the meta-test loop over it;
 * a rule is one file in this folder, registered here.
 */
import type { TaintRule } from "../taint-rule.js";
import { codeInjectionRule } from "./code-injection.js";
import { commandInjectionRule } from "./command-injection.js";
import { openRedirectRule } from "./open-redirect.js";
import { pathTraversalRule } from "./path-traversal.js";
import { prototypePollutionRule } from "./prototype-pollution.js";
import { sqlInjectionRule } from "./sql-injection.js";
import { ssrfRule } from "./ssrf.js";
import { xssRule } from "./xss.js";

export const TAINT_RULES = [
  ssrfRule,
  sqlInjectionRule,
  commandInjectionRule,
  pathTraversalRule,
  xssRule,
  openRedirectRule,
  prototypePollutionRule,
  codeInjectionRule,
] as const satisfies readonly TaintRule[];
