/**
 * The metrics the API and dashboard show, read from counters the projection keeps up to date
 * (see `CaseStore.settleMetrics`), never by scanning cases or the ledger: agent PRs per ISO week
 * by agent, the share of agent PRs revised after a human review (a push after the first human
 * review), findings by type, review load per human reviewer on agent PRs, and agent merges with
 * no independent human approval. Reading them costs the same at a million events as at ten.
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
  const single = (metric: string, k1: string): number => store.counters(metric).find((c) => c.k1 === k1)?.value ?? 0;
  const perWeek = store
    .counters("agent_week")
    .map((c) => ({ week: c.k2, agent: c.k1, count: c.value }))
    .sort((a, b) => (a.week === b.week ? a.agent.localeCompare(b.agent) : a.week.localeCompare(b.week)));
  const findings = store
    .counters("finding")
    .map((c) => ({ category: c.k1, ruleId: c.k2, count: c.value }))
    .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId));
  const prs = new Map(store.counters("load_prs").map((c) => [c.k1, c.value]));
  const load = store
    .counters("load_reviews")
    .map((c) => ({ reviewer: c.k1, reviews: c.value, pullRequests: prs.get(c.k1) ?? 0 }))
    .sort((a, b) => b.reviews - a.reviews || a.reviewer.localeCompare(b.reviewer));
  const reviewed = single("revision", "reviewed");
  const revised = single("revision", "revised");
  const merged = single("merged", "all");
  const without = single("merged", "without");
  return {
    agentPullRequestsPerWeek: perWeek,
    revisionAfterHumanReview: { reviewed, revised, share: reviewed === 0 ? null : revised / reviewed },
    findingsByType: findings,
    reviewLoad: load,
    mergedWithoutIndependentApproval: { merged, withoutIndependentApproval: without, share: merged === 0 ? null : without / merged },
  };
}
