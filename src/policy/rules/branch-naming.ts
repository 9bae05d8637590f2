/**
 * `branch-naming`: an agent PR comes from a head branch outside `from_branch` or targets a
 * base branch outside `targets_branch` (names follow palantir/policy-bot). Agent work on
 * recognisable branches keeps branch protection and rulesets able to single it out, and
 * `targets_branch` keeps agents off release branches.
 */
import type { Finding } from "../../model/finding.js";
import { agentNames, isAgentChange } from "../evaluate/agent-activity.js";
import { globMatcher } from "../paths/glob.js";
import { noPullRequest } from "../evaluate/missing-data.js";
import { policyFinding } from "../evaluate/policy-finding.js";
import type { PolicyRule } from "../evaluate/rule-context.js";

export const branchNamingRule: PolicyRule = {
  meta: {
    id: "branch-naming",
    category: "policy",
    severity: "low",
    description: "An agent pull request comes from a branch outside the allowed patterns or targets a branch agents may not target.",
  },
  section: "branch_naming",
  missingData(context) {
    return isAgentChange(context) && context.change.pullRequest === undefined
      ? noPullRequest("the head and base branches are unknown")
      : undefined;
  },
  evaluate(context) {
    const pullRequest = context.change.pullRequest;
    if (pullRequest === undefined || !isAgentChange(context)) {
      return [];
    }
    const options = context.policy.rules.branch_naming;
    const agent = agentNames(context);
    const findings: Finding[] = [];
    if (options.from_branch.length > 0 && globMatcher(options.from_branch)(pullRequest.headBranch) === undefined) {
      findings.push(
        policyFinding(branchNamingRule, context, {
          message: `Agent change by ${agent} comes from branch ${pullRequest.headBranch}, which matches none of ${options.from_branch.join(", ")}.`,
          identity: ["from", pullRequest.headBranch],
          properties: { agent, branch: pullRequest.headBranch, check: "from_branch" },
        }),
      );
    }
    if (options.targets_branch.length > 0 && globMatcher(options.targets_branch)(pullRequest.baseBranch) === undefined) {
      findings.push(
        policyFinding(branchNamingRule, context, {
          message: `Agent change by ${agent} targets branch ${pullRequest.baseBranch}; agents may target only ${options.targets_branch.join(", ")}.`,
          identity: ["targets", pullRequest.baseBranch],
          properties: { agent, branch: pullRequest.baseBranch, check: "targets_branch" },
        }),
      );
    }
    return findings;
  },
};
