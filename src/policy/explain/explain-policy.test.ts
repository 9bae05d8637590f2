import { describe, expect, it } from "vitest";
import { explainPolicy } from "./explain-policy.js";
import { defaultPolicy, parsePolicy } from "../load/load-policy.js";

describe("explainPolicy", () => {
  it("states the defaults as an accountability statement", () => {
    const text = explainPolicy(defaultPolicy());
    expect(text).toContain("A change fails when a finding is of severity `medium` or higher.");
    expect(text).toContain("Every agent commit must carry the trailers `Agent-Task:`, `Authorized-by:`");
    expect(text).toContain("No path scopes are set");
    expect(text).toContain(
      "Agents may not change protected paths at all (severity high, fails the check). Protected: `.github/workflows/**`",
    );
    expect(text).toContain("`**/CLAUDE.md`");
    expect(text).toContain('need label "dependencies-approved"');
    expect(text).toContain("needs 1 approval from independent humans");
    expect(text).toContain("the delegating human do not count");
    expect(text).toMatch(/at most 50 files and modifies at most 1000 lines \(severity low, reported without failing\)/);
  });

  it("names scopes, extra agents, approvers, disabled rules and thresholds from the file", () => {
    const policy = parsePolicy(
      `version: 1
fail_on: high
agents:
  - id: acme-agent
    name: ACME Agent
    logins: [acme-agent]
provenance:
  required_trailers: [Ticket]
rules:
  path_scope:
    scopes:
      - name: docs only
        agents: [claude-code]
        labels: [docs]
        only_changed_files: ["docs/**"]
        deny_changed_files: ["docs/legal/**"]
  dependency_approval:
    approval: { labels: [], approvers: [lead] }
  max_change_size:
    enabled: false
  required_approvals:
    count: 2
detectors:
  code:
    enabled: false
`,
      "policy.yml",
    );
    const text = explainPolicy(policy);
    expect(text).toContain("severity `high` or higher");
    expect(text).toContain("- ACME Agent (`acme-agent`, agent): login acme-agent.");
    expect(text).toContain("Every agent commit must carry the trailer `Ticket:`");
    expect(text).toContain(
      '- "docs only": agent `claude-code` working on a pull request labelled "docs" may change only `docs/**`, and may never change `docs/legal/**`.',
    );
    expect(text).toContain("need an approving review by lead (severity medium, reported without failing)");
    expect(text).toContain("needs 2 approvals from independent humans");
    expect(text).toContain("— this rule is DISABLED");
    expect(text).toContain("- Vulnerable code (data-flow analysis): OFF.");
  });

  it("says what the audit ledger retains and for how long", () => {
    expect(explainPolicy(defaultPolicy())).toContain(
      "The audit ledger keeps every event, payload included, indefinitely: this policy sets no retention.",
    );
    const text = explainPolicy(
      parsePolicy(
        `version: 1
retention:
  review_cycle_days: 90
  days:
    default: 365
    "pull_request.*": 730
    check.result: 180
`,
        "policy.yml",
      ),
    );
    expect(text).toContain("## Audit trail retention");
    expect(text).toContain("- `check.result` events: 180 days.");
    expect(text).toContain("- `pull_request.*` events (every kind starting `pull_request.`): 730 days.");
    expect(text).toContain("- Every other kind: 365 days.");
    expect(text).toContain("under a legal hold are never purged. No retention is shorter than the review cycle of 90 days.");
    expect(explainPolicy(parsePolicy("version: 1\nretention:\n  days:\n    check.result: 30\n", "p.yml"))).toContain(
      "- Every other kind: kept indefinitely.",
    );
  });
});
