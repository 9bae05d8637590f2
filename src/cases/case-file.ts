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

export function caseSummary(row: CaseRow): CaseSummary {
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

export interface CaseQuery {
  /** `agent` (default), `human`, or `all`. */
  kind: "agent" | "human" | "all";
  limit: number;
  /** An `updated_seq` cursor: cases updated before it. */
  before?: number;
  repository?: string;
  /** Repositories (`owner/name`) and organisations (`owner/*`) the caller may see; absent: all. */
  scope?: readonly string[];
}

/** Cases newest first (by last event), paged by `before` (an updated seq) for stable paging. */
export function listCases(store: CaseStore, query: CaseQuery): { cases: CaseSummary[]; nextBefore: number | undefined } {
  const rows = store.db
    .prepare<{ kind: string; limit: number; before: number; repository: string | null; scope: string | null }, CaseRow>(
      `SELECT * FROM cases
       WHERE (@kind = 'all' OR is_agent = (@kind = 'agent')) AND updated_seq < @before
         AND (@repository IS NULL OR lower(repo) = lower(@repository))
         AND (@scope IS NULL OR lower(repo) IN (SELECT value FROM json_each(@scope))
              OR lower(substr(repo, 1, instr(repo, '/'))) || '*' IN (SELECT value FROM json_each(@scope)))
       ORDER BY updated_seq DESC LIMIT @limit`,
    )
    .all({
      kind: query.kind,
      limit: query.limit,
      before: query.before ?? Number.MAX_SAFE_INTEGER,
      repository: query.repository ?? null,
      scope: query.scope === undefined ? null : JSON.stringify(query.scope),
    });
  const last = rows[rows.length - 1];
  return { cases: rows.map(caseSummary), nextBefore: rows.length === query.limit && last !== undefined ? last.updated_seq : undefined };
}
