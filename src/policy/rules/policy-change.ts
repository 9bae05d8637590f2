/**
 * `policy-change`: the change edits the policy file itself (`.github/custody.yml`, by anyone)
 * without the approval the policy names for it. The policy in effect is read from the base, so a
 * relaxing edit cannot switch the check off for its own pull request; this rule makes the edit
 * visible and gated too, so it cannot slip in quietly and take effect on the next one. Without
 * an `approval` label or approver, the edit needs `min_approvals` independent human approvals on
 * the head (not its author, delegator or co-authors).
 */
import { approvalStatus, describeApproval } from "../approvals/approval-status.js";
import { describeDiscounted, independentQuorum } from "../approvals/approvals.js";
import { noPullRequest, noReviews } from "../evaluate/missing-data.js";
import { policyFinding } from "../evaluate/policy-finding.js";
import type { PolicyRule, RuleContext } from "../evaluate/rule-context.js";
import { DEFAULT_POLICY_PATHS } from "../schema/default-paths.js";

function policyEdits(context: RuleContext): string[] {
  const paths = new Set<string>([...DEFAULT_POLICY_PATHS, ...(context.policyPath === undefined ? [] : [context.policyPath])]);
  const touched = new Set<string>();
  for (const file of context.change.files) {
    for (const path of [file.path, file.oldPath]) {
      if (path !== undefined && paths.has(path)) {
        touched.add(path);
      }
    }
  }
  return [...touched];
}

function namesApproval(context: RuleContext): boolean {
  const { approval } = context.policy.rules.policy_change;
  return approval.labels.length + approval.approvers.length > 0;
}

function requirement(context: RuleContext): string {
  const options = context.policy.rules.policy_change;
  return namesApproval(context)
    ? describeApproval(options.approval)
    : `${String(options.min_approvals)} independent human approval${options.min_approvals === 1 ? "" : "s"} on the head`;
}

export const policyChangeRule: PolicyRule = {
  meta: {
    id: "policy-change",
    category: "policy",
    severity: "high",
    description:
      "The change edits the Custody policy file without the approval the policy names for it; the edit takes effect only after it merges.",
  },
  section: "policy_change",
  missingData(context) {
    if (policyEdits(context).length === 0) {
      return undefined;
    }
    if (namesApproval(context)) {
      const status = approvalStatus(context, context.policy.rules.policy_change.approval);
      return status.state === "unknown" ? status.missing : undefined;
    }
    if (context.policy.rules.policy_change.min_approvals === 0) {
      return undefined;
    }
    const pullRequest = context.change.pullRequest;
    if (pullRequest === undefined) {
      return noPullRequest("the approvals of the policy edit cannot be seen");
    }
    return pullRequest.reviews === undefined ? noReviews("the approvals of the policy edit cannot be counted") : undefined;
  },
  evaluate(context) {
    const edits = policyEdits(context);
    if (edits.length === 0) {
      return [];
    }
    const options = context.policy.rules.policy_change;
    let detail: string;
    if (namesApproval(context)) {
      if (approvalStatus(context, options.approval).state !== "missing") {
        return [];
      }
      detail = "it has none";
    } else {
      const quorum = independentQuorum(context);
      if (quorum.counted.length >= options.min_approvals) {
        return [];
      }
      detail = `it has ${String(quorum.counted.length)}${quorum.discounted.length > 0 ? ` (not counted: ${describeDiscounted(quorum.discounted)})` : ""}`;
    }
    return edits.map((path) =>
      policyFinding(policyChangeRule, context, {
        message: `The change edits the policy file ${path}; this check applied the base's policy, and the edit needs ${requirement(context)}: ${detail}.`,
        identity: [path],
        path,
        properties: { required: requirement(context) },
      }),
    );
  },
};
