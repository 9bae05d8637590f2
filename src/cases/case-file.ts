/**
 * A case file as the API returns it: the case's facts, its timeline in ledger order, reviews,
 * findings of the latest check and the accountability record once merged.
 */
import type { AccountabilityRecord, ReviewRecord } from "./accountability.js";
import { accountabilityOf, delegatorOf, type CaseRow, type CaseStore, type TimelineEntry } from "./case-store.js";
import type { Delegator } from "./accountability.js";

export interface CaseSummary {
  repository: string;
  number: number;
  title: string;
  agent: string | null;
  agentAuthored: boolean;
  author: string | null;
  state: string;
  headSha: string | null;
  openedAt: string | null;
  mergedAt: string | null;
  mergedBy: string | null;
  delegator: Delegator | null;
  url: string | null;
}

export interface CaseFile extends CaseSummary {
  headBranch: string | null;
  baseBranch: string | null;
  lastPusher: string | null;
  revisedAfterHumanReview: boolean;
  timeline: TimelineEntry[];
  reviews: ReviewRecord[];
  findings: { ruleId: string; category: string; severity: string; count: number }[];
  accountability: AccountabilityRecord | null;
}

function caseSummary(row: CaseRow): CaseSummary {
  return {
    repository: row.repo,
    number: row.number,
    title: row.title,
    agent: row.agent,
    agentAuthored: row.is_agent === 1,
    author: row.author,
    state: row.state,
    headSha: row.head_sha,
    openedAt: row.opened_at,
    mergedAt: row.merged_at,
    mergedBy: row.merged_by,
    delegator: delegatorOf(row) ?? null,
    url: row.url,
  };
}

export function caseFile(store: CaseStore, repo: string, number: number): CaseFile | undefined {
  const row = store.getCase(repo, number);
  if (row === undefined) {
    return undefined;
  }
  return {
    ...caseSummary(row),
    headBranch: row.head_ref,
    baseBranch: row.base_ref,
    lastPusher: row.last_pusher,
    revisedAfterHumanReview: row.revised_after_review === 1,
    timeline: store.timeline(repo, number),
    reviews: store.reviews(repo, number),
    findings: store.findings(repo, number),
    accountability: accountabilityOf(row) ?? null,
  };
}

/** Cases newest first (by last event), paged by `before` (an updated seq) for stable paging. */
export function listCases(store: CaseStore, options: { agentOnly: boolean; limit: number; before?: number }): CaseSummary[] {
  const rows = store.db
    .prepare<{ agentOnly: number; limit: number; before: number }, CaseRow>(
      "SELECT * FROM cases WHERE (@agentOnly = 0 OR is_agent = 1) AND updated_seq < @before ORDER BY updated_seq DESC LIMIT @limit",
    )
    .all({ agentOnly: options.agentOnly ? 1 : 0, limit: options.limit, before: options.before ?? Number.MAX_SAFE_INTEGER });
  return rows.map(caseSummary);
}
