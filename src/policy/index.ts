/**
 * Policy as code: the policy file's schema and loader, the rules and their evaluation, and the
 * helpers other parts of Custody reuse (CODEOWNERS, protected paths, path scopes).
 */
export { agentSignatureSchema } from "./schema/agent-signature-schema.js";
export { CODEOWNERS_PATHS, compilePattern, ownersOf, parseCodeowners } from "./paths/codeowners.js";
export type { CodeownersFile, CodeownersRule } from "./paths/codeowners.js";
export { DEFAULT_AGENT_BRANCHES, DEFAULT_DEPENDENCY_FILES, DEFAULT_POLICY_PATHS, DEFAULT_PROTECTED_PATHS } from "./schema/default-paths.js";
export { evaluatePolicy } from "./evaluate/evaluate-policy.js";
export type { PolicyEvaluation } from "./evaluate/evaluate-policy.js";
export { explainPolicy } from "./explain/explain-policy.js";
export { independentQuorum, standingApprovals } from "./approvals/approvals.js";
export { defaultPolicy, loadPolicy, MAX_POLICY_BYTES, parsePolicy, parsePolicyBytes } from "./load/load-policy.js";
export { loadCodeownersAt, loadPolicyAt, loadPolicyFrom } from "./load/load-policy-at.js";
export type { LoadedCodeowners, PolicySelection } from "./load/load-policy-at.js";
export { gitBlobSha } from "./load/blob-sha.js";
export { independenceJudge, NOT_INDEPENDENT_TEXT, refuseAgentDelegators } from "./approvals/independence.js";
export type { IndependenceFacts, Judge, NotIndependentReason, RefusedDelegator } from "./approvals/independence.js";
export { displayIdentity, loginsOf, parseIdentityText, sameIdentity } from "./approvals/identity.js";
export type { LoadedPolicy } from "./load/load-policy.js";
export { scopeViolations, scopeViolationDetails } from "./paths/path-scope.js";
export { policyJsonSchema, policyJsonSchemaText } from "./schema/policy-json-schema.js";
export { policySchema } from "./schema/policy-schema.js";
export type { PathScope, Policy, PolicyInput, RuleSection } from "./schema/policy-schema.js";
export { isProtectedPath, protectedPathMatcher } from "./paths/protected-paths.js";
export type { PolicyRule, PolicyRuleMeta, RuleContext } from "./evaluate/rule-context.js";
export { RULES } from "./rules/index.js";
export { starterPolicy } from "./explain/starter-policy.js";
