/**
 * `codeowner-approval`: a path an agent PR touches has CODEOWNERS (read from the base revision), and none of its owners has
 * approved independently (the delegator owning the path does not satisfy it: an agent change
 * to owned code needs an owner other than the one who delegated). Teams (`@org/team`) cannot
 * be resolved offline; unless the policy lists their members, the finding says so.
 */
import type { Finding } from "../../model/finding.js";
import { agentNames, isAgentChange } from "../evaluate/agent-activity.js";
import { independentQuorum } from "../approvals/approvals.js";
import { ownersOf } from "../paths/codeowners.js";
import { loginsOf, sameIdentity } from "../approvals/identity.js";
import { noPullRequest, noReviews } from "../evaluate/missing-data.js";
import { policyFinding } from "../evaluate/policy-finding.js";
import type { PolicyRule } from "../evaluate/rule-context.js";

export const codeownerApprovalRule: PolicyRule = {
  meta: {
    id: "codeowner-approval",
    category: "policy",
    severity: "medium",
    description:
      "A path an agent pull request touches has CODEOWNERS (read from the base revision) and none of them approved independently.",
  },
  section: "codeowner_approval",
  missingData(context) {
    if (!isAgentChange(context)) {
      return undefined;
    }
    // No CODEOWNERS at the base, or none of the touched paths owned: nothing to approve.
    const codeowners = context.codeowners;
    if (codeowners === undefined || !context.change.files.some((file) => (ownersOf(codeowners, file.path)?.owners.length ?? 0) > 0)) {
      return undefined;
    }
    const pullRequest = context.change.pullRequest;
    if (pullRequest === undefined) {
      return noPullRequest("the owners' approvals cannot be checked");
    }
    return pullRequest.reviews === undefined ? noReviews("the owners' approvals cannot be checked") : undefined;
  },
  evaluate(context) {
    const codeowners = context.codeowners;
    if (codeowners === undefined || context.change.pullRequest?.reviews === undefined || !isAgentChange(context)) {
      return [];
    }
    const teams = new Map(
      Object.entries(context.policy.rules.codeowner_approval.team_members).map(([team, members]) => [
        team.replace(/^@/, "").toLowerCase(),
        members.map((login) => login.toLowerCase()),
      ]),
    );
    const approvers = independentQuorum(context).counted;
    const approverLogins = new Set(approvers.flatMap(loginsOf));
    const agent = agentNames(context);
    const findings: Finding[] = [];
    for (const file of context.change.files) {
      const owned = ownersOf(codeowners, file.path);
      if (owned === undefined || owned.owners.length === 0) {
        continue;
      }
      const unresolved: string[] = [];
      const satisfied = owned.owners.some((owner) => {
        if (!owner.startsWith("@")) {
          return approvers.some((approver) => sameIdentity(approver, { email: owner }));
        }
        const name = owner.slice(1).toLowerCase();
        if (!name.includes("/")) {
          return approverLogins.has(name);
        }
        const members = teams.get(name);
        if (members === undefined) {
          unresolved.push(owner);
          return false;
        }
        return members.some((member) => approverLogins.has(member));
      });
      if (satisfied) {
        continue;
      }
      const teamNote =
        unresolved.length > 0
          ? ` Team membership of ${unresolved.join(", ")} cannot be resolved offline: list its members under rules.codeowner_approval.team_members, or confirm on GitHub that a member approved.`
          : "";
      findings.push(
        policyFinding(codeownerApprovalRule, context, {
          message: `Agent change by ${agent} touches ${file.path}, owned by ${owned.owners.join(", ")} (${codeowners.file}:${String(owned.rule.line)}), and no owner has approved independently.${teamNote}`,
          identity: [file.path, ...owned.owners],
          path: file.path,
          properties: { agent, owners: owned.owners, unresolvedTeams: unresolved, codeownersLine: owned.rule.line },
        }),
      );
    }
    return findings;
  },
};
