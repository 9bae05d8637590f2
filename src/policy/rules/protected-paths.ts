/**
 * `protected-paths`: an agent changed a protected path — CI workflows, infrastructure as code,
 * CODEOWNERS, this policy, or the agents' own instructions and tool configuration — without
 * the approval the policy names. An agent able to rewrite the checks that judge it, or its own
 * instructions, is no longer under control; so by default no approval is accepted at all.
 */
import type { Finding } from "../../model/finding.js";
import { agentTouches } from "../evaluate/agent-activity.js";
import { approvalStatus, describeApproval } from "../approvals/approval-status.js";
import { policyFinding } from "../evaluate/policy-finding.js";
import { protectedPathMatcher } from "../paths/protected-paths.js";
import type { PolicyRule, RuleContext } from "../evaluate/rule-context.js";

function protectedTouches(context: RuleContext): { agent: string; path: string; commit?: string; glob: string }[] {
  const matcher = protectedPathMatcher(context.policy);
  return agentTouches(context).flatMap((touch) => {
    const glob = matcher(touch.path);
    return glob === undefined ? [] : [{ ...touch, glob }];
  });
}

export const protectedPathsRule: PolicyRule = {
  meta: {
    id: "protected-paths",
    category: "policy",
    severity: "high",
    description:
      "An agent changed a protected path (workflows, infrastructure, CODEOWNERS, the policy, agent configuration) without the approval the policy names.",
  },
  section: "protected_paths",
  missingData(context) {
    const status = approvalStatus(context, context.policy.rules.protected_paths.approval);
    return status.state === "unknown" && protectedTouches(context).length > 0 ? status.missing : undefined;
  },
  evaluate(context) {
    const approval = context.policy.rules.protected_paths.approval;
    const touches = protectedTouches(context);
    if (touches.length === 0 || approvalStatus(context, approval).state !== "missing") {
      return [];
    }
    return touches.map((touch): Finding =>
      policyFinding(protectedPathsRule, context, {
        message: `Agent ${touch.agent} changed protected path ${touch.path} (protected by "${touch.glob}"); ${approval.labels.length + approval.approvers.length === 0 ? "agents may not change it" : `it needs ${describeApproval(approval)}`}.`,
        identity: [touch.agent, touch.path],
        path: touch.path,
        commit: touch.commit,
        properties: { agent: touch.agent, glob: touch.glob },
      }),
    );
  },
};
