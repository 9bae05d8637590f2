/**
 * Every policy rule, in one table: the order here is the order findings are reported in.
 * rules.test.ts loops over it (unique ids matching file names, a doc line, a policy section).
 */
import type { PolicyRule } from "../evaluate/rule-context.js";
import { branchNamingRule } from "./branch-naming.js";
import { codeownerApprovalRule } from "./codeowner-approval.js";
import { dependencyApprovalRule } from "./dependency-approval.js";
import { maxChangeSizeRule } from "./max-change-size.js";
import { pathScopeRule } from "./path-scope.js";
import { policyChangeRule } from "./policy-change.js";
import { protectedPathsRule } from "./protected-paths.js";
import { requiredApprovalsRule } from "./required-approvals.js";
import { requiredTrailersRule } from "./required-trailers.js";

export const RULES = [
  pathScopeRule,
  protectedPathsRule,
  dependencyApprovalRule,
  requiredTrailersRule,
  requiredApprovalsRule,
  policyChangeRule,
  codeownerApprovalRule,
  branchNamingRule,
  maxChangeSizeRule,
] as const satisfies readonly PolicyRule[];
