/**
 * The metrics the API and dashboard show, computed from the case projection (never by scanning
 * the ledger): agent PRs per week by agent, the share of agent PRs revised after a human review,
 * findings by type, review load per reviewer, and merges with no independent human approval.
 * Each is one indexed aggregate query, so the answer stays fast at millions of events.
 */
import type { CaseStore } from "./case-store.js";

export interface Metrics {
  agentPullRequestsPerWeek: { week: string; agent: string; count: number }[];
  revisionAfterHumanReview: { reviewed: number; revised: number; share: number | null };
  findingsByType: { category: string; ruleId: string; count: number }[];
  reviewLoad: { reviewer: string; reviews: number; pullRequests: number }[];
  mergedWithoutIndependentApproval: { merged: number; withoutIndependentApproval: number; share: number | null };
}

export function computeMetrics(store: CaseStore): Metrics {
  const db = store.db;
  const perWeek = db
    .prepare<[], { week: string | null; agent: string | null; count: number }>(
      "SELECT opened_week AS week, agent, COUNT(*) AS count FROM cases WHERE is_agent = 1 GROUP BY agent, opened_week ORDER BY opened_week, agent",
    )
    .all();
  const revision = db
    .prepare<[], { reviewed: number; revised: number | null }>(
      "SELECT COUNT(*) AS reviewed, SUM(revised_after_review) AS revised FROM cases WHERE is_agent = 1 AND first_human_review_seq IS NOT NULL",
    )
    .get() ?? { reviewed: 0, revised: 0 };
  const findings = db
    .prepare<[], { category: string; ruleId: string; count: number }>(
      "SELECT category, rule_id AS ruleId, SUM(count) AS count FROM case_findings GROUP BY category, rule_id ORDER BY count DESC, rule_id",
    )
    .all();
  const load = db
    .prepare<[], { reviewer: string; reviews: number; pullRequests: number }>(
      // Group by (reviewer, PR) first along the covering index, then by reviewer: no DISTINCT over strings.
      "SELECT reviewer, SUM(n) AS reviews, COUNT(*) AS pullRequests FROM (SELECT reviewer, repo, number, COUNT(*) AS n FROM case_reviews WHERE is_agent_case = 1 AND kind = 'human' GROUP BY reviewer, repo, number) GROUP BY reviewer ORDER BY reviews DESC, reviewer",
    )
    .all();
  const merged = db
    .prepare<[], { merged: number; without: number | null }>(
      "SELECT COUNT(*) AS merged, SUM(gates_held = 0) AS without FROM cases WHERE is_agent = 1 AND state = 'merged'",
    )
    .get() ?? { merged: 0, without: 0 };
  const revised = revision.revised ?? 0;
  const without = merged.without ?? 0;
  return {
    agentPullRequestsPerWeek: perWeek.map((r) => ({ week: r.week ?? "unknown", agent: r.agent ?? "unknown", count: r.count })),
    revisionAfterHumanReview: { reviewed: revision.reviewed, revised, share: revision.reviewed === 0 ? null : revised / revision.reviewed },
    findingsByType: findings,
    reviewLoad: load,
    mergedWithoutIndependentApproval: { merged: merged.merged, withoutIndependentApproval: without, share: merged.merged === 0 ? null : without / merged.merged },
  };
}
