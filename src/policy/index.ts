/**
 * Policy as code: the policy file's schema and loader, the rules and their evaluation, and the
 * helpers other parts of Custody reuse (CODEOWNERS, protected paths, path scopes).
 */
export { agentSignatureSchema } from "./agent-signature-schema.js";
export { CODEOWNERS_PATHS, compilePattern, ownersOf, parseCodeowners } from "./codeowners.js";
export type { CodeownersFile, CodeownersRule } from "./codeowners.js";
export { DEFAULT_AGENT_BRANCHES, DEFAULT_DEPENDENCY_FILES, DEFAULT_POLICY_PATHS, DEFAULT_PROTECTED_PATHS } from "./default-paths.js";
export { evaluatePolicy } from "./evaluate-policy.js";
export type { PolicyEvaluation } from "./evaluate-policy.js";
export { explainPolicy } from "./explain-policy.js";
export { independentQuorum, standingApprovals } from "./approvals.js";
export { defaultPolicy, loadPolicy, parsePolicy } from "./load-policy.js";
export type { LoadedPolicy } from "./load-policy.js";
export { scopeViolations, scopeViolationDetails } from "./path-scope.js";
export { policyJsonSchema, policyJsonSchemaText } from "./policy-json-schema.js";
export { policySchema } from "./policy-schema.js";
export type { PathScope, Policy, PolicyInput, RuleSection } from "./policy-schema.js";
export { isProtectedPath, protectedPathMatcher } from "./protected-paths.js";
export type { PolicyRule, PolicyRuleMeta, RuleContext } from "./rule-context.js";
export { RULES } from "./rules/index.js";
export { starterPolicy } from "./starter-policy.js";
