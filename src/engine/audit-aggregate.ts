/**
 * Folds classified commits into an `AuditReport`, one commit at a time, in constant memory per
 * commit: counters grow with the number of agents and weeks, never with the number of commits,
 * and example lists stop at `maxExamples`. Pure: no git, no clock — the caller streams history
 * in and decides what a protected path or an agent's scope is.
 */
import type { ActorKind } from "../model/actor.js";
import type { Commit } from "../model/commit.js";
import type { AttributionBasis, CommitProvenance } from "../model/provenance.js";
import type { AuditAgentSummary, AuditCommitExample, AuditFindingSummary, AuditReport, AuditWeek } from "../model/audit-report.js";
import { AUDIT_SCHEMA_VERSION } from "../model/audit-report.js";
import { isoWeek } from "../model/iso-week.js";

export interface AuditRules {
  /** Trailer keys every agent commit must carry (case-insensitive). */
  requiredTrailers: readonly string[];
  isProtected: (path: string) => boolean;
  /** The paths among `paths` that `agent` may not change. */
  scopeViolations: (agent: string, paths: string[]) => string[];
  maxExamples?: number;
}

const DEFAULT_MAX_EXAMPLES = 20;

function emptyFinding(): AuditFindingSummary {
  return { count: 0, examples: [] };
}

function earlier(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}

export class AuditAggregator {
  private readonly maxExamples: number;
  private commits = 0;
  private mergeCommits = 0;
  private readonly byKind: Record<ActorKind, number> = { agent: 0, human: 0, "maintenance-bot": 0, "ai-reviewer": 0 };
  private agentAdditions = 0;
  private agentDeletions = 0;
  private readonly agentByBasis: Record<AttributionBasis, number> = { commit: 0, merge: 0, branch: 0, suggestion: 0, notes: 0, trace: 0 };
  private first: string | null = null;
  private last: string | null = null;
  private readonly agents = new Map<string, AuditAgentSummary>();
  private readonly weeks = new Map<string, AuditWeek>();
  private readonly bots = new Map<string, number>();
  private readonly missing = emptyFinding();
  private readonly protectedPaths = emptyFinding();
  private readonly scope = emptyFinding();

  constructor(private readonly rules: AuditRules) {
    this.maxExamples = rules.maxExamples ?? DEFAULT_MAX_EXAMPLES;
  }

  add(commit: Commit, provenance: CommitProvenance): void {
    this.commits += 1;
    if (commit.parents.length > 1) {
      this.mergeCommits += 1;
    }
    this.byKind[provenance.kind] += 1;
    const date = commit.author.date;
    if (this.first === null || earlier(date, this.first)) {
      this.first = date;
    }
    if (this.last === null || earlier(this.last, date)) {
      this.last = date;
    }
    const weekKey = isoWeek(date);
    let week: AuditWeek | undefined;
    if (weekKey !== undefined) {
      week = this.weeks.get(weekKey);
      if (!week) {
        week = { week: weekKey, commits: 0, agentCommits: 0, byAgent: {} };
        this.weeks.set(weekKey, week);
      }
      week.commits += 1;
    }
    if (provenance.kind === "maintenance-bot") {
      const bot = provenance.agent ?? "unknown-bot";
      this.bots.set(bot, (this.bots.get(bot) ?? 0) + 1);
    }
    if (provenance.kind !== "agent") {
      return;
    }
    const agent = provenance.agent ?? "unknown-agent";
    this.agentByBasis[provenance.basis ?? "commit"] += 1;
    let additions = 0;
    let deletions = 0;
    for (const file of commit.files) {
      additions += file.additions;
      deletions += file.deletions;
    }
    this.agentAdditions += additions;
    this.agentDeletions += deletions;
    if (week) {
      week.agentCommits += 1;
      week.byAgent[agent] = (week.byAgent[agent] ?? 0) + 1;
    }
    let summary = this.agents.get(agent);
    if (!summary) {
      summary = {
        agent,
        commits: 0,
        additions: 0,
        deletions: 0,
        missingProvenance: 0,
        protectedPathCommits: 0,
        scopeViolationCommits: 0,
        firstSeen: date,
        lastSeen: date,
      };
      this.agents.set(agent, summary);
    }
    summary.commits += 1;
    summary.additions += additions;
    summary.deletions += deletions;
    if (earlier(date, summary.firstSeen)) {
      summary.firstSeen = date;
    }
    if (earlier(summary.lastSeen, date)) {
      summary.lastSeen = date;
    }

    const missingKeys = this.rules.requiredTrailers.filter((key) => provenance.provenanceTrailers[key.trim().toLowerCase()] === undefined);
    if (missingKeys.length > 0) {
      summary.missingProvenance += 1;
      this.record(this.missing, commit, agent, missingKeys);
    }

    // A rename moves a file away from its old path too: renaming a workflow out of
    // .github/workflows touches the protected path.
    const paths: string[] = [];
    for (const file of commit.files) {
      paths.push(file.path);
      if (file.oldPath !== undefined && file.oldPath !== file.path) {
        paths.push(file.oldPath);
      }
    }
    const protectedTouched = paths.filter((path) => this.rules.isProtected(path));
    if (protectedTouched.length > 0) {
      summary.protectedPathCommits += 1;
      this.record(this.protectedPaths, commit, agent, protectedTouched);
    }
    const outside = paths.length === 0 ? [] : this.rules.scopeViolations(agent, paths);
    if (outside.length > 0) {
      summary.scopeViolationCommits += 1;
      this.record(this.scope, commit, agent, outside);
    }
  }

  private record(finding: AuditFindingSummary, commit: Commit, agent: string, items: string[]): void {
    finding.count += 1;
    if (finding.examples.length < this.maxExamples) {
      const example: AuditCommitExample = {
        sha: commit.sha,
        agent,
        date: commit.author.date,
        subject: commit.subject,
        author: `${commit.author.name} <${commit.author.email}>`,
        items,
      };
      finding.examples.push(example);
    }
  }

  report(context: { repository: string; since?: string; until?: string }): AuditReport {
    const agents = [...this.agents.values()].sort((a, b) => b.commits - a.commits || a.agent.localeCompare(b.agent));
    const weeks = [...this.weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
    return {
      schemaVersion: AUDIT_SCHEMA_VERSION,
      repository: context.repository,
      since: context.since ?? null,
      until: context.until ?? null,
      requiredTrailers: [...this.rules.requiredTrailers],
      maxExamples: this.maxExamples,
      totals: {
        commits: this.commits,
        mergeCommits: this.mergeCommits,
        byKind: { ...this.byKind },
        agentShare: this.commits === 0 ? 0 : this.byKind.agent / this.commits,
        agentAdditions: this.agentAdditions,
        agentDeletions: this.agentDeletions,
        agentByBasis: { ...this.agentByBasis },
      },
      firstCommitDate: this.first,
      lastCommitDate: this.last,
      agents,
      weeks,
      missingProvenance: this.missing,
      protectedPaths: this.protectedPaths,
      scopeViolations: this.scope,
      maintenanceBots: Object.fromEntries([...this.bots.entries()].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}
