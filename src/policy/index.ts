/**
 * Policy as code: the policy file's schema and loader, the rules and their evaluation, and the
 * helpers other parts of Custody reuse (CODEOWNERS, protected paths, path scopes).
 */
export { CODEOWNERS_PATHS, ownersOf } from "./paths/codeowners.js";
export type { CodeownersFile } from "./paths/codeowners.js";
export { DEFAULT_POLICY_PATHS } from "./schema/default-paths.js";
export { evaluatePolicy } from "./evaluate/evaluate-policy.js";
export { explainPolicy } from "./explain/explain-policy.js";
export { independentQuorum } from "./approvals/approvals.js";
export { defaultPolicy, loadPolicy, parsePolicy } from "./load/load-policy.js";
export { loadCodeownersAt, loadPolicyAt, loadPolicyFrom } from "./load/load-policy-at.js";
export { refuseAgentDelegators } from "./approvals/independence.js";
export { displayIdentity, parseIdentityText } from "./approvals/identity.js";
export { scopeViolations } from "./paths/path-scope.js";
export { policyJsonSchema } from "./schema/policy-json-schema.js";
export type { Policy } from "./schema/policy-schema.js";
export { protectedPathMatcher } from "./paths/protected-paths.js";
export { RULES } from "./rules/index.js";
