/**
 * `dependency-approval`: a dependency manifest or lockfile changed without the approval the
 * policy names (a PR label or an approving review by a listed login). Agents add packages
 * without weighing maintainers or history — and hallucinated or typosquatted names are a
 * known agent failure — so a human signs off on every dependency change.
 */
import { agentTouches } from "../evaluate/agent-activity.js";
import { approvalStatus, describeApproval } from "../approvals/approval-status.js";
import { globMatcher } from "../paths/glob.js";
import { policyFinding } from "../evaluate/policy-finding.js";
import type { PolicyRule, RuleContext } from "../evaluate/rule-context.js";

interface DependencyTouch {
  path: string;
  /** Agent id, or undefined when `applies_to: everyone` and a human changed it. */
  agent?: string;
  commit?: string;
}

function dependencyTouches(context: RuleContext): DependencyTouch[] {
  const options = context.policy.rules.dependency_approval;
  const isManifest = globMatcher(options.manifests);
  if (options.applies_to === "everyone") {
    const byAgent = new Map(agentTouches(context).map((touch) => [touch.path, touch]));
    return context.change.files
      .filter((file) => isManifest(file.path) !== undefined)
      .map((file) => {
        const touch = byAgent.get(file.path);
        return touch === undefined ? { path: file.path } : { path: file.path, agent: touch.agent, commit: touch.commit };
      });
  }
  return agentTouches(context).filter((touch) => isManifest(touch.path) !== undefined);
}

export const dependencyApprovalRule: PolicyRule = {
  meta: {
    id: "dependency-approval",
    category: "policy",
    severity: "medium",
    description: "A dependency manifest or lockfile changed without the approval (label or reviewer) the policy names.",
  },
  section: "dependency_approval",
  missingData(context) {
    const status = approvalStatus(context, context.policy.rules.dependency_approval.approval);
    return status.state === "unknown" && dependencyTouches(context).length > 0 ? status.missing : undefined;
  },
  evaluate(context) {
    const approval = context.policy.rules.dependency_approval.approval;
    const touches = dependencyTouches(context);
    if (touches.length === 0 || approvalStatus(context, approval).state !== "missing") {
      return [];
    }
    return touches.map((touch) =>
      policyFinding(dependencyApprovalRule, context, {
        message: `${touch.agent === undefined ? "The change" : `Agent ${touch.agent}`} changed dependency file ${touch.path} without approval; it needs ${describeApproval(approval)}.`,
        identity: [touch.agent, touch.path],
        path: touch.path,
        commit: touch.commit,
        properties: touch.agent === undefined ? {} : { agent: touch.agent },
      }),
    );
  },
};
