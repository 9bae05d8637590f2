/** Minimal GitHub-shaped webhook payloads for case-projection tests (fields as GitHub names them). */
import type { LedgerEvent } from "../../model/ledger-event.js";

export const REPO = "octo-org/widgets";
export const COPILOT = { login: "Copilot", id: 198982749, type: "Bot" };
export const AI_REVIEWER = { login: "copilot-pull-request-reviewer[bot]", id: 175728472, type: "Bot" };
export const alice = { login: "alice", id: 1001, type: "User" };
export const bob = { login: "bob", id: 1002, type: "User" };
export const carol = { login: "carol", id: 1003, type: "User" };

export function pr(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    number: 7,
    title: "Fix the widget cache",
    body: "Fixes #3",
    user: COPILOT,
    labels: [],
    assignees: [COPILOT, alice],
    head: { ref: "copilot/fix-widget-cache", sha: "a".repeat(40) },
    base: { ref: "main", sha: "b".repeat(40) },
    merged: false,
    created_at: "2026-11-18T10:00:00Z",
    html_url: `https://github.com/${REPO}/pull/7`,
    ...overrides,
  };
}

export class EventLog {
  readonly events: LedgerEvent[] = [];

  add(kind: string, payload: Record<string, unknown>, source: LedgerEvent["source"] = "github-webhook"): LedgerEvent {
    const event: LedgerEvent = {
      kind,
      source,
      deliveryId: `d-${String(this.events.length)}`,
      repository: REPO,
      payload: { repository: { full_name: REPO }, ...payload },
      seq: this.events.length,
      receivedAt: new Date(Date.UTC(2026, 10, 18, 10, this.events.length)).toISOString(),
      leafHash: "",
    };
    this.events.push(event);
    return event;
  }

  pullRequest(action: string, prFields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): LedgerEvent {
    return this.add(`pull_request.${action}`, { action, pull_request: pr(prFields), sender: alice, installation: { id: 42 }, ...extra });
  }

  review(user: object, state: string, prFields: Record<string, unknown> = {}): LedgerEvent {
    return this.add("pull_request_review.submitted", {
      action: "submitted",
      review: { user, state, submitted_at: "2026-11-18T12:00:00Z", commit_id: "a".repeat(40) },
      pull_request: pr(prFields),
    });
  }

  merge(by: object, prFields: Record<string, unknown> = {}): LedgerEvent {
    return this.pullRequest("closed", { merged: true, merged_by: by, merged_at: "2026-11-19T09:00:00Z", ...prFields }, { sender: by });
  }
}

/** A `check.result` as the server records it after evaluating the head (default: `a…a`, passing). */
export function evaluated(log: EventLog, fields: Record<string, unknown> = {}): LedgerEvent {
  return log.add(
    "check.result",
    {
      forSeq: log.events.length - 1,
      repository: REPO,
      number: 7,
      headSha: "a".repeat(40),
      status: "completed",
      conclusion: "success",
      agentAuthored: true,
      agent: "github-copilot",
      findings: [],
      rules: { ran: ["required-approvals"], failed: [], skipped: [] },
      approvals: { required: 1, counted: ["bob"], discounted: [] },
      ...fields,
    },
    "check",
  );
}
