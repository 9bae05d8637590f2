/**
 * The policy in plain words: an accountability statement a team can publish next to the code
 * ("agents may change only…", "every agent commit names its task and the human who
 * authorised it…"). Written from the parsed `Policy`, so it says what Custody will enforce,
 * including the defaults the file does not spell out. Markdown-friendly plain text.
 */
import { DEFAULT_PROTECTED_PATHS } from "../schema/default-paths.js";
import { describeApproval } from "../approvals/approval-status.js";
import type { Severity } from "../../model/severity.js";
import { atLeast } from "../../model/severity.js";
import type { PathScope, Policy, RuleSection } from "../schema/policy-schema.js";
import { RULES } from "../rules/index.js";

function list(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(", ");
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? "" : "s"}`;
}

function scopeSentence(scope: PathScope, index: number): string {
  const who =
    scope.agents === undefined || scope.agents.includes("*")
      ? "every agent"
      : scope.agents.length === 1
        ? `agent \`${scope.agents[0] ?? ""}\``
        : `agents ${list(scope.agents)}`;
  const when =
    scope.labels === undefined ? "" : ` working on a pull request labelled ${scope.labels.map((label) => `"${label}"`).join(" or ")}`;
  const parts: string[] = [];
  if (scope.only_changed_files !== undefined) {
    parts.push(`may change only ${list(scope.only_changed_files)}`);
  }
  if (scope.deny_changed_files !== undefined) {
    parts.push(`may never change ${list(scope.deny_changed_files)}`);
  }
  return `- ${scope.name === undefined ? `Scope ${String(index + 1)}` : `"${scope.name}"`}: ${who}${when} ${parts.join(", and ")}.`;
}

export function explainPolicy(policy: Policy): string {
  const { rules } = policy;
  const severityOf = (section: RuleSection): Severity => {
    const rule = RULES.find((candidate) => candidate.section === section);
    return rules[section].severity ?? rule?.meta.severity ?? "medium";
  };
  const status = (section: RuleSection): string => {
    if (!rules[section].enabled) {
      return " — this rule is DISABLED";
    }
    const severity = severityOf(section);
    return ` (severity ${severity}, ${atLeast(severity, policy.fail_on) ? "fails the check" : "reported without failing"})`;
  };
  const out: string[] = [];
  out.push("# How this repository governs code written by AI agents", "");
  out.push(
    `Custody checks every change. A change fails when a finding is of severity \`${policy.fail_on}\` or higher. ` +
      "A change is an agent change when any of its commits, or its pull request, is attributed to an AI coding agent.",
    "",
  );

  out.push("## Who is an agent", "");
  if (policy.agents.length === 0) {
    out.push(
      "Custody's built-in agent signatures decide (Copilot, Claude Code, Codex, Devin, Jules, Cursor and others); this policy adds none.",
      "",
    );
  } else {
    out.push("Besides Custody's built-in agent signatures, this policy recognises:");
    for (const agent of policy.agents) {
      const traces = [
        ...(agent.logins ?? []).map((login) => `login ${login}`),
        ...(agent.emails ?? []).map((email) => `email ${email}`),
        ...(agent.names ?? []).map((name) => `name "${name}"`),
        ...(agent.accountIds ?? []).map((id) => `account id ${String(id)}`),
        ...(agent.appIds ?? []).map((id) => `app id ${String(id)}`),
      ];
      out.push(`- ${agent.name} (\`${agent.id}\`, ${agent.kind})${traces.length > 0 ? `: ${traces.join(", ")}` : ""}.`);
    }
    out.push("");
  }

  out.push("## Accountability", "");
  const trailers = policy.provenance.required_trailers;
  out.push(
    trailers.length === 0
      ? "Agent commits are not required to carry provenance trailers."
      : `Every agent commit must carry the trailer${trailers.length > 1 ? "s" : ""} ${trailers.map((key) => `\`${key}:\``).join(", ")}, so each commit names its task and the human who authorised it${status("required_trailers")}.`,
    `The human named by \`${policy.provenance.delegator_trailer}:\` (or the assignee of an agent's pull request) is the delegating human: accountable for the change, and therefore not an independent reviewer of it.`,
    "",
  );

  out.push("## What agents may change", "");
  if (rules.path_scope.scopes.length === 0) {
    out.push("No path scopes are set: agents may change any file that is not protected.");
  } else {
    out.push(`Each scope that applies to an agent is a constraint of its own; a file must satisfy all of them${status("path_scope")}:`);
    rules.path_scope.scopes.forEach((scope, index) => {
      out.push(scopeSentence(scope, index));
    });
  }
  out.push("");
  const protectedGlobs = [...(rules.protected_paths.include_defaults ? DEFAULT_PROTECTED_PATHS : []), ...rules.protected_paths.paths];
  out.push(
    `Agents may not change protected paths${rules.protected_paths.approval.labels.length + rules.protected_paths.approval.approvers.length > 0 ? ` unless the pull request has ${describeApproval(rules.protected_paths.approval)}` : " at all"}${status("protected_paths")}. Protected: ${protectedGlobs.length === 0 ? "nothing" : list(protectedGlobs)}${rules.protected_paths.ignore.length > 0 ? `; except ${list(rules.protected_paths.ignore)}` : ""}.`,
    "",
  );
  out.push(
    `Changes to dependency manifests and lockfiles by ${rules.dependency_approval.applies_to === "agents" ? "agents" : "anyone"} need ${describeApproval(rules.dependency_approval.approval)}${status("dependency_approval")}. Dependency files: ${list(rules.dependency_approval.manifests)}.`,
    "",
  );

  out.push("## Review and approval", "");
  out.push(
    rules.required_approvals.count === 0
      ? "Agent pull requests need no independent human approval."
      : `Every agent pull request needs ${plural(rules.required_approvals.count, "approval")} from independent humans${status("required_approvals")}. Approvals by agents, AI reviewers, bots, the pull request's author, the change's commit authors and co-authors, and the delegating human do not count: the person who asked an agent for a change cannot be the only one who accepts it.`,
  );
  out.push(
    policy.approvals.dismiss_stale
      ? "An approval counts only when it was given on the pull request's latest commit: a push after it (by the agent or anyone) makes it stale."
      : "Approvals of earlier commits keep counting after new pushes (`approvals.dismiss_stale: false`).",
  );
  out.push(
    `This policy is read from the base of each change, never from the change itself; a change to it needs ${
      rules.policy_change.approval.labels.length + rules.policy_change.approval.approvers.length > 0
        ? describeApproval(rules.policy_change.approval)
        : plural(rules.policy_change.min_approvals, "independent human approval")
    }${status("policy_change")}.`,
  );
  out.push(
    policy.on_missing_data === "fail"
      ? "A rule that cannot judge a change for lack of data (no pull request, reviews unknown) fails it rather than passing silently."
      : "A rule that cannot judge a change for lack of data (no pull request, reviews unknown) is reported as skipped (`on_missing_data: skip`).",
  );
  const teams = Object.keys(rules.codeowner_approval.team_members);
  out.push(
    `When a file an agent pull request touches has CODEOWNERS (as of the base commit), one of its owners other than the delegating human must approve${status("codeowner_approval")}.${teams.length > 0 ? ` The policy lists the members of ${list(teams)}.` : ""}`,
    "",
  );

  out.push("## Shape of agent changes", "");
  const branches = rules.branch_naming;
  out.push(
    `${branches.from_branch.length > 0 ? `Agent pull requests come from branches matching ${list(branches.from_branch)}` : "Agent pull requests may come from any branch"} and ${branches.targets_branch.length > 0 ? `may target only ${list(branches.targets_branch)}` : "may target any branch"}${status("branch_naming")}.`,
    `An agent change touches at most ${plural(rules.max_change_size.max_files, "file")} and modifies at most ${plural(rules.max_change_size.max_modified_lines, "line")}${status("max_change_size")}.`,
    "",
  );

  out.push("## Scans", "");
  const detectors = policy.detectors;
  for (const [id, label] of [
    ["secrets", "Secrets"],
    ["code", "Vulnerable code (data-flow analysis)"],
    ["deps", "Dependency review"],
  ] as const) {
    const options = detectors[id];
    out.push(`- ${label}: ${options.enabled ? `on, reporting findings of severity \`${options.min_severity}\` and above` : "OFF"}.`);
  }
  out.push("", ...retentionLines(policy.retention));
  return `${out.join("\n")}\n`;
}

function days(count: number): string {
  return plural(count, "day");
}

/** What the audit ledger keeps and for how long, in the order a reader would look it up. */
function retentionLines(retention: Policy["retention"]): string[] {
  const out = ["## Audit trail retention", ""];
  const entries = Object.entries(retention.days);
  const cycle =
    retention.review_cycle_days === undefined
      ? ""
      : ` No retention is shorter than the review cycle of ${days(retention.review_cycle_days)}.`;
  if (entries.length === 0) {
    out.push(`The audit ledger keeps every event, payload included, indefinitely: this policy sets no retention.${cycle}`);
    return out;
  }
  const exact = entries.filter(([kind]) => kind !== "default" && !kind.endsWith(".*"));
  const prefixes = entries.filter(([kind]) => kind.endsWith(".*")).sort(([a], [b]) => b.length - a.length);
  const fallback = retention.days.default;
  out.push("The audit ledger keeps each event's payload for:");
  for (const [kind, count] of exact) {
    out.push(`- \`${kind}\` events: ${days(count)}.`);
  }
  for (const [kind, count] of prefixes) {
    out.push(`- \`${kind}\` events (every kind starting \`${kind.slice(0, -1)}\`): ${days(count)}.`);
  }
  out.push(fallback === undefined ? "- Every other kind: kept indefinitely." : `- Every other kind: ${days(fallback)}.`);
  out.push(
    "",
    `After that, \`custody ledger purge\` exports the events to JSON Lines, then drops their payloads; each event's hash stays in the ledger, so the record of what happened remains verifiable. Events of a repository or pull request under a legal hold are never purged.${cycle}`,
  );
  return out;
}
