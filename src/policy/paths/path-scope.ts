/**
 * Path scopes: what an agent (or a task label) may change. A scope applies to an agent change
 * when its `agents` list names the agent (or `*`) and, if it lists `labels`, the pull request
 * carries one of them; a scope with neither applies to every agent. Every applicable scope is
 * a constraint of its own — a file must match each scope's `only_changed_files` (when set) and
 * no scope's `deny_changed_files` — so adding a scope can only narrow what an agent may do.
 */
import { globMatcher } from "./glob.js";
import type { PathScope, Policy } from "../schema/policy-schema.js";

function scopeApplies(scope: PathScope, agentId: string, labels: readonly string[]): boolean {
  const agentMatches = scope.agents === undefined || scope.agents.includes("*") || scope.agents.includes(agentId);
  const labelMatches = scope.labels === undefined || scope.labels.some((label) => labels.includes(label));
  return agentMatches && labelMatches;
}

export interface ScopeViolation {
  path: string;
  /** The scope's name, or `scope N` (1-based) when it has none. */
  scope: string;
  /** `deny` when a deny glob matched (named in `glob`), `outside` when no allow glob matched. */
  reason: "deny" | "outside";
  glob?: string;
}

export function scopeViolationDetails(
  policy: Policy,
  agentId: string,
  labels: readonly string[],
  paths: readonly string[],
): ScopeViolation[] {
  const violations: ScopeViolation[] = [];
  policy.rules.path_scope.scopes.forEach((scope, index) => {
    if (!scopeApplies(scope, agentId, labels)) {
      return;
    }
    const name = scope.name ?? `scope ${String(index + 1)}`;
    const allow = scope.only_changed_files === undefined ? undefined : globMatcher(scope.only_changed_files);
    const deny = globMatcher(scope.deny_changed_files ?? []);
    for (const path of paths) {
      const denied = deny(path);
      if (denied !== undefined) {
        violations.push({ path, scope: name, reason: "deny", glob: denied });
      } else if (allow !== undefined && allow(path) === undefined) {
        violations.push({ path, scope: name, reason: "outside" });
      }
    }
  });
  return violations;
}

/** The paths, of those given, that the agent may not change under the policy's scopes. */
export function scopeViolations(policy: Policy, agentId: string, labels: readonly string[], paths: readonly string[]): string[] {
  return [...new Set(scopeViolationDetails(policy, agentId, labels, paths).map((violation) => violation.path))];
}
