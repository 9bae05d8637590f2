/**
 * `path-scope`: an agent changed a file its scope does not allow (outside every
 * `only_changed_files` glob of a scope that applies to it, or matching a `deny_changed_files`
 * glob). Scopes select by agent id and by the PR's task labels; see ../path-scope.ts.
 */
import type { Finding } from "../../model/finding.js";
import { agentTouches, touchesByAgent } from "../evaluate/agent-activity.js";
import { scopeViolationDetails } from "../paths/path-scope.js";
import { noPullRequest } from "../evaluate/missing-data.js";
import { policyFinding } from "../evaluate/policy-finding.js";
import type { PolicyRule } from "../evaluate/rule-context.js";

export const pathScopeRule: PolicyRule = {
  meta: {
    id: "path-scope",
    category: "policy",
    severity: "high",
    description: "An agent changed a file outside the paths its scope (by agent or task label) allows, or one its scope denies.",
  },
  section: "path_scope",
  missingData(context) {
    const { scopes } = context.policy.rules.path_scope;
    if (context.change.pullRequest === undefined && scopes.length > 0 && scopes.every((scope) => scope.labels !== undefined)) {
      return noPullRequest("the task labels that select every scope are unknown");
    }
    return undefined;
  },
  evaluate(context) {
    if (context.policy.rules.path_scope.scopes.length === 0) {
      return [];
    }
    const labels = context.change.pullRequest?.labels ?? [];
    const findings: Finding[] = [];
    const byAgent = touchesByAgent(agentTouches(context));
    for (const [agent, touches] of byAgent) {
      const commitOf = new Map(touches.map((touch) => [touch.path, touch.commit]));
      const reported = new Set<string>();
      for (const violation of scopeViolationDetails(
        context.policy,
        agent,
        labels,
        touches.map((touch) => touch.path),
      )) {
        if (reported.has(violation.path)) {
          continue;
        }
        reported.add(violation.path);
        const message =
          violation.reason === "deny"
            ? `Agent ${agent} changed ${violation.path}, which ${violation.scope} denies (matches "${violation.glob ?? ""}").`
            : `Agent ${agent} changed ${violation.path}, outside the files ${violation.scope} allows.`;
        findings.push(
          policyFinding(pathScopeRule, context, {
            message,
            identity: [agent, violation.path],
            path: violation.path,
            commit: commitOf.get(violation.path),
            properties: { agent, scope: violation.scope, reason: violation.reason },
          }),
        );
      }
    }
    return findings;
  },
};
