/**
 * The starter policy `custody init` writes: every section present, each default stated or
 * shown in a comment, with examples to uncomment. It parses to exactly `defaultPolicy()` (a
 * test holds this), so adopting Custody changes nothing until a team edits the file.
 */

export function starterPolicy(): string {
  return `# Custody policy: what AI coding agents may change here, and who must approve it.
# Reference: docs/policy.md. See it in plain words: \`custody policy explain\`.
# Editor validation: \`custody policy schema --output .github/custody.schema.json\`, then put
# "# yaml-language-server: $schema=./custody.schema.json" on the first line of this file.
version: 1

# Findings at or above this severity fail \`custody check\`: info, low, medium, high, critical.
fail_on: medium

# Extra agent signatures (Custody knows Copilot, Claude Code, Codex, Devin, Jules, Cursor...).
agents: []
#  - id: acme-agent
#    name: ACME internal agent
#    kind: agent                # agent | maintenance-bot | ai-reviewer
#    logins: ["acme-agent[bot]"]
#    emails: ["*@agents.acme.example"]

provenance:
  # Every agent commit must carry these trailers (\`custody hook\` adds them).
  required_trailers: [Agent-Task, Authorized-by]
  # The trailer naming the human who delegated the task: never an independent approver.
  delegator_trailer: Authorized-by

rules:
  # What each agent (or each task label) may change. Every scope that applies must pass.
  path_scope:
    enabled: true
    scopes: []
    #  - name: docs agent
    #    agents: [claude-code]          # agent ids, or "*" for every agent
    #    labels: [docs]                 # optional: only for PRs with one of these labels
    #    only_changed_files: ["docs/**", "**/*.md"]
    #    deny_changed_files: ["docs/security/**"]

  # Workflows, infrastructure, CODEOWNERS, this file, the agents' own configuration.
  protected_paths:
    enabled: true
    include_defaults: true
    paths: []                          # more globs to protect
    ignore: []                         # globs to take out of protection
    approval:                          # by default no approval lets an agent change them
      labels: []
      approvers: []

  # Dependency manifests and lockfiles (npm, PyPI, Go, Cargo, Maven... see docs/policy.md).
  dependency_approval:
    enabled: true
    applies_to: agents                 # agents | everyone
    approval:
      labels: [dependencies-approved]
      approvers: []                    # GitHub logins whose approving review counts

  required_trailers:
    enabled: true

  # Independent human approvals for agent PRs (not the agent, AI reviewers, the PR author,
  # co-authors or the delegating human).
  required_approvals:
    enabled: true
    count: 1

  # CODEOWNERS of touched paths must approve. Teams cannot be resolved offline: list members.
  codeowner_approval:
    enabled: true
    team_members: {}
    #  "@acme/platform": [alice, bob]

  branch_naming:
    enabled: true
    from_branch: ["copilot/**", "codex/**", "claude/**", "cursor/**", "devin/**", "jules/**", "agent/**", "agents/**"]
    targets_branch: []                 # empty: any base branch

  max_change_size:
    enabled: true
    max_files: 50
    max_modified_lines: 1000

detectors:
  secrets:
    enabled: true
  code:
    enabled: true
  deps:
    enabled: true

# How long the audit ledger keeps each kind of event (\`custody ledger purge\` exports, then
# drops payloads past it; legal holds win). Nothing set: everything is kept.
retention:
  # review_cycle_days: 90            # no retention below may be shorter
  days: {}
  #  default: 365                    # every kind not listed
  #  "pull_request.*": 730           # a prefix
  #  check.result: 180               # an exact kind
`;
}
