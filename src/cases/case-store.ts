/**
 * The case projection: agent-authored pull requests as case files (timeline, commits' head
 * shas, reviews, findings, accountability), the queue of checks to run, and the cursor — the
 * last ledger seq applied. It is derived state: the ledger is the record, and the projection
 * can always be rebuilt by replaying it (`scan`). Kept in SQLite (better-sqlite3); the metrics
 * are counters maintained here as events are applied, so the API never aggregates at read time.
 */
import Database from "better-sqlite3";
import type { AccountabilityRecord, Delegator, ReviewRecord } from "./accountability.js";
import type { ActorKind } from "../model/actor.js";
import type { ReviewState } from "../model/change.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
  repo TEXT NOT NULL, number INTEGER NOT NULL,
  is_agent INTEGER NOT NULL DEFAULT 0, agent TEXT, confidence REAL,
  title TEXT NOT NULL DEFAULT '', author TEXT, head_ref TEXT, base_ref TEXT, head_sha TEXT,
  state TEXT NOT NULL DEFAULT 'open', opened_at TEXT, opened_week TEXT,
  merged_at TEXT, merged_by TEXT, delegator TEXT, delegator_source TEXT, last_pusher TEXT,
  first_human_review_seq INTEGER, revised_after_review INTEGER NOT NULL DEFAULT 0,
  installation_id INTEGER, url TEXT, accountability TEXT, gates_held INTEGER, independently_approved INTEGER,
  last_evaluation TEXT, last_evaluation_seq INTEGER, updated_seq INTEGER NOT NULL,
  PRIMARY KEY (repo, number)
);
CREATE INDEX IF NOT EXISTS cases_updated ON cases (updated_seq);
CREATE INDEX IF NOT EXISTS cases_head_ref ON cases (repo, head_ref);
CREATE TABLE IF NOT EXISTS case_shas (sha TEXT NOT NULL, repo TEXT NOT NULL, number INTEGER NOT NULL, PRIMARY KEY (sha, repo, number));
CREATE TABLE IF NOT EXISTS case_timeline (
  repo TEXT NOT NULL, number INTEGER NOT NULL, seq INTEGER NOT NULL, at TEXT, kind TEXT NOT NULL, actor TEXT, summary TEXT NOT NULL,
  PRIMARY KEY (repo, number, seq)
);
CREATE TABLE IF NOT EXISTS case_reviews (
  repo TEXT NOT NULL, number INTEGER NOT NULL, seq INTEGER NOT NULL, reviewer TEXT NOT NULL, kind TEXT NOT NULL,
  state TEXT NOT NULL, submitted_at TEXT, is_agent_case INTEGER NOT NULL,
  PRIMARY KEY (repo, number, seq)
);
CREATE TABLE IF NOT EXISTS case_findings (
  repo TEXT NOT NULL, number INTEGER NOT NULL, rule_id TEXT NOT NULL, category TEXT NOT NULL, severity TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (repo, number, rule_id)
);
CREATE TABLE IF NOT EXISTS issue_delegations (repo TEXT NOT NULL, issue INTEGER NOT NULL, delegator TEXT NOT NULL, PRIMARY KEY (repo, issue));
CREATE TABLE IF NOT EXISTS evaluations (
  repo TEXT NOT NULL, number INTEGER NOT NULL,
  requested_seq INTEGER NOT NULL, reason TEXT NOT NULL, delivery_id TEXT, installation_id INTEGER,
  done_seq INTEGER NOT NULL DEFAULT -1, outcome TEXT,
  attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL DEFAULT 0, last_error TEXT,
  check_run_id INTEGER, check_run_head TEXT, finished_at TEXT,
  PRIMARY KEY (repo, number)
);
CREATE INDEX IF NOT EXISTS evaluations_due ON evaluations (requested_seq) WHERE requested_seq > done_seq;
CREATE TABLE IF NOT EXISTS branch_tips (repo TEXT NOT NULL, branch TEXT NOT NULL, sha TEXT NOT NULL, PRIMARY KEY (repo, branch));
CREATE TABLE IF NOT EXISTS metric_counters (metric TEXT NOT NULL, k1 TEXT NOT NULL, k2 TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (metric, k1, k2));
`;

export interface CaseRow {
  repo: string;
  number: number;
  is_agent: number;
  agent: string | null;
  confidence: number | null;
  title: string;
  author: string | null;
  head_ref: string | null;
  base_ref: string | null;
  head_sha: string | null;
  state: string;
  opened_at: string | null;
  opened_week: string | null;
  merged_at: string | null;
  merged_by: string | null;
  delegator: string | null;
  delegator_source: string | null;
  last_pusher: string | null;
  first_human_review_seq: number | null;
  revised_after_review: number;
  installation_id: number | null;
  url: string | null;
  accountability: string | null;
  gates_held: number | null;
  independently_approved: number | null;
  /** The latest `check.result` applied to the case (JSON), and the request seq it answered. */
  last_evaluation: string | null;
  last_evaluation_seq: number | null;
  updated_seq: number;
}

export interface TimelineEntry {
  seq: number;
  at: string | null;
  kind: string;
  actor: string | null;
  summary: string;
}

/**
 * One pull request's evaluation state: the newest ledger event that asked for an evaluation
 * (`requested_seq`) and the newest one a recorded result answered (`done_seq`). Requests are
 * coalesced per pull request: an evaluation is due while `requested_seq > done_seq`, however
 * many events asked. Attempts, the retry time and the check run being reused are the queue's
 * working state beside it.
 */
export interface EvaluationRow {
  repo: string;
  number: number;
  requested_seq: number;
  reason: string;
  delivery_id: string | null;
  installation_id: number | null;
  done_seq: number;
  outcome: string | null;
  attempts: number;
  /** Epoch milliseconds before which a retry must not start. */
  not_before: number;
  last_error: string | null;
  check_run_id: number | null;
  check_run_head: string | null;
  finished_at: string | null;
}

/** Bump when the projection's tables change shape: the projection is then rebuilt from the ledger. */
const PROJECTION_VERSION = "2";
const PROJECTION_TABLES = [
  "cases",
  "case_shas",
  "case_timeline",
  "case_reviews",
  "case_findings",
  "issue_delegations",
  "check_jobs",
  "evaluations",
  "branch_tips",
  "metric_counters",
  "projection_meta",
];

/** Opens (creating when needed) the server's state database: projections and tokens. */
export function openStateDatabase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // Projections are rebuildable from the ledger, so a lost tail after power loss is replayed,
  // not lost: NORMAL avoids an fsync per transaction on the ingest path.
  db.pragma("synchronous = NORMAL");
  return db;
}

export class CaseStore {
  readonly db: Database.Database;
  private readonly statements;
  private readonly updates = new Map<string, Database.Statement>();
  /** Metric contributions of the cases touched by the event being projected, before it. */
  private readonly touched = new Map<string, { repo: string; number: number; before: Map<string, number> }>();

  constructor(db: Database.Database) {
    this.db = db;
    resetIfOutdated(db);
    db.exec(SCHEMA);
    db.prepare("INSERT OR IGNORE INTO projection_meta (key, value) VALUES ('version', ?)").run(PROJECTION_VERSION);
    this.statements = {
      getMeta: db.prepare<[string], { value: string }>("SELECT value FROM projection_meta WHERE key = ?"),
      setMeta: db.prepare("INSERT INTO projection_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      getCase: db.prepare<[string, number], CaseRow>("SELECT * FROM cases WHERE repo = ? AND number = ?"),
      insertCase: db.prepare("INSERT INTO cases (repo, number, updated_seq) VALUES (?, ?, ?) ON CONFLICT (repo, number) DO NOTHING"),
      addSha: db.prepare("INSERT OR IGNORE INTO case_shas (sha, repo, number) VALUES (?, ?, ?)"),
      casesBySha: db.prepare<[string, string], { number: number }>("SELECT number FROM case_shas WHERE sha = ? AND repo = ?"),
      casesByHeadRef: db.prepare<[string, string], { number: number }>(
        "SELECT number FROM cases WHERE repo = ? AND head_ref = ? AND state = 'open'",
      ),
      addTimeline: db.prepare(
        "INSERT OR IGNORE INTO case_timeline (repo, number, seq, at, kind, actor, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      timeline: db.prepare<[string, number], TimelineEntry>(
        "SELECT seq, at, kind, actor, summary FROM case_timeline WHERE repo = ? AND number = ? ORDER BY seq",
      ),
      addReview: db.prepare(
        "INSERT OR IGNORE INTO case_reviews (repo, number, seq, reviewer, kind, state, submitted_at, is_agent_case) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      reviews: db.prepare<[string, number], { reviewer: string; kind: string; state: string; seq: number; submitted_at: string | null }>(
        "SELECT reviewer, kind, state, seq, submitted_at FROM case_reviews WHERE repo = ? AND number = ? ORDER BY seq",
      ),
      markReviewsAgent: db.prepare("UPDATE case_reviews SET is_agent_case = ? WHERE repo = ? AND number = ?"),
      deleteFindings: db.prepare("DELETE FROM case_findings WHERE repo = ? AND number = ?"),
      addFinding: db.prepare(
        "INSERT INTO case_findings (repo, number, rule_id, category, severity, count) VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (repo, number, rule_id) DO UPDATE SET count = count + 1",
      ),
      findings: db.prepare<[string, number], { rule_id: string; category: string; severity: string; count: number }>(
        "SELECT rule_id, category, severity, count FROM case_findings WHERE repo = ? AND number = ? ORDER BY rule_id",
      ),
      setDelegation: db.prepare(
        "INSERT INTO issue_delegations (repo, issue, delegator) VALUES (?, ?, ?) ON CONFLICT (repo, issue) DO UPDATE SET delegator = excluded.delegator",
      ),
      getDelegation: db.prepare<[string, number], { delegator: string }>(
        "SELECT delegator FROM issue_delegations WHERE repo = ? AND issue = ?",
      ),
      requestEvaluation: db.prepare(
        `INSERT INTO evaluations (repo, number, requested_seq, reason, delivery_id, installation_id) VALUES (@repo, @number, @seq, @reason, @deliveryId, @installationId)
         ON CONFLICT (repo, number) DO UPDATE SET requested_seq = excluded.requested_seq, reason = excluded.reason, delivery_id = excluded.delivery_id,
           installation_id = coalesce(excluded.installation_id, installation_id), attempts = 0, not_before = 0, last_error = NULL
         WHERE excluded.requested_seq > requested_seq`,
      ),
      finishEvaluation: db.prepare(
        "UPDATE evaluations SET done_seq = @forSeq, outcome = @outcome, finished_at = @at, attempts = 0, not_before = 0, last_error = NULL WHERE repo = @repo AND number = @number AND done_seq < @forSeq",
      ),
      dueEvaluations: db.prepare<[number], EvaluationRow>(
        "SELECT * FROM evaluations WHERE requested_seq > done_seq AND not_before <= ? ORDER BY requested_seq",
      ),
      evaluation: db.prepare<[string, number], EvaluationRow>("SELECT * FROM evaluations WHERE repo = ? AND number = ?"),
      deferEvaluation: db.prepare("UPDATE evaluations SET attempts = ?, not_before = ?, last_error = ? WHERE repo = ? AND number = ?"),
      rememberCheckRun: db.prepare("UPDATE evaluations SET check_run_id = ?, check_run_head = ? WHERE repo = ? AND number = ?"),
      setBranchTip: db.prepare(
        "INSERT INTO branch_tips (repo, branch, sha) VALUES (?, ?, ?) ON CONFLICT (repo, branch) DO UPDATE SET sha = excluded.sha",
      ),
      branchTip: db.prepare<[string, string], { sha: string }>("SELECT sha FROM branch_tips WHERE repo = ? AND branch = ?"),
      openCasesByBase: db.prepare<[string, string], { number: number }>(
        "SELECT number FROM cases WHERE repo = ? AND base_ref = ? AND state = 'open' ORDER BY number",
      ),
      bumpCounter: db.prepare(
        "INSERT INTO metric_counters (metric, k1, k2, value) VALUES (?, ?, ?, ?) ON CONFLICT (metric, k1, k2) DO UPDATE SET value = value + excluded.value",
      ),
    };
  }

  /** The last ledger seq applied, or -1 before the first. */
  cursor(): number {
    const row = this.statements.getMeta.get("cursor");
    return row === undefined ? -1 : Number(row.value);
  }

  setCursor(seq: number): void {
    this.statements.setMeta.run("cursor", String(seq));
  }

  getCase(repo: string, number: number): CaseRow | undefined {
    return this.statements.getCase.get(repo, number);
  }

  ensureCase(repo: string, number: number, seq: number): CaseRow {
    this.touch(repo, number);
    this.statements.insertCase.run(repo, number, seq);
    const row = this.getCase(repo, number);
    if (row === undefined) {
      throw new Error(`case ${repo}#${String(number)} vanished after insert`);
    }
    return row;
  }

  /** Updates the named columns of one case. Column names come from this module, never from input. */
  updateCase(repo: string, number: number, fields: Partial<Omit<CaseRow, "repo" | "number">>): void {
    this.touch(repo, number);
    const keys = Object.keys(fields);
    if (keys.length === 0) {
      return;
    }
    const shape = keys.join(",");
    let statement = this.updates.get(shape);
    if (statement === undefined) {
      statement = this.db.prepare(`UPDATE cases SET ${keys.map((k) => `${k} = @${k}`).join(", ")} WHERE repo = @repo AND number = @number`);
      this.updates.set(shape, statement);
    }
    statement.run({ ...fields, repo, number });
  }

  addSha(sha: string, repo: string, number: number): void {
    this.statements.addSha.run(sha, repo, number);
  }

  casesBySha(repo: string, sha: string): number[] {
    return this.statements.casesBySha.all(sha, repo).map((r) => r.number);
  }

  openCasesByHeadRef(repo: string, ref: string): number[] {
    return this.statements.casesByHeadRef.all(repo, ref).map((r) => r.number);
  }

  addTimeline(repo: string, number: number, entry: TimelineEntry): void {
    this.statements.addTimeline.run(repo, number, entry.seq, entry.at, entry.kind, entry.actor, entry.summary);
  }

  timeline(repo: string, number: number): TimelineEntry[] {
    return this.statements.timeline.all(repo, number);
  }

  addReview(repo: string, number: number, review: ReviewRecord, isAgentCase: boolean): void {
    this.touch(repo, number);
    this.statements.addReview.run(
      repo,
      number,
      review.seq,
      review.reviewer,
      review.kind,
      review.state,
      review.submittedAt ?? null,
      isAgentCase ? 1 : 0,
    );
  }

  reviews(repo: string, number: number): ReviewRecord[] {
    return this.statements.reviews.all(repo, number).map((r) => ({
      reviewer: r.reviewer,
      kind: r.kind as ActorKind,
      state: r.state as ReviewState,
      seq: r.seq,
      ...(r.submitted_at === null ? {} : { submittedAt: r.submitted_at }),
    }));
  }

  markReviewsAgent(repo: string, number: number, isAgent: boolean): void {
    this.touch(repo, number);
    this.statements.markReviewsAgent.run(isAgent ? 1 : 0, repo, number);
  }

  replaceFindings(repo: string, number: number, findings: readonly { ruleId: string; category: string; severity: string }[]): void {
    this.touch(repo, number);
    this.statements.deleteFindings.run(repo, number);
    for (const f of findings) {
      this.statements.addFinding.run(repo, number, f.ruleId, f.category, f.severity);
    }
  }

  findings(repo: string, number: number): { ruleId: string; category: string; severity: string; count: number }[] {
    return this.statements.findings
      .all(repo, number)
      .map((r) => ({ ruleId: r.rule_id, category: r.category, severity: r.severity, count: r.count }));
  }

  setIssueDelegation(repo: string, issue: number, delegator: string): void {
    this.statements.setDelegation.run(repo, issue, delegator);
  }

  issueDelegation(repo: string, issue: number): string | undefined {
    return this.statements.getDelegation.get(repo, issue)?.delegator;
  }

  /** Asks for an evaluation of a pull request; a request older than the one on record is a no-op. */
  requestEvaluation(request: {
    repo: string;
    number: number;
    seq: number;
    reason: string;
    deliveryId?: string;
    installationId?: number | null;
  }): void {
    this.statements.requestEvaluation.run({
      repo: request.repo,
      number: request.number,
      seq: request.seq,
      reason: request.reason.slice(0, 200),
      deliveryId: request.deliveryId ?? null,
      installationId: request.installationId ?? null,
    });
  }

  /** Records that a result answered every request up to `forSeq`; an older result changes nothing. */
  finishEvaluation(repo: string, number: number, forSeq: number, outcome: unknown, at: string): void {
    this.statements.finishEvaluation.run({ repo, number, forSeq, outcome: JSON.stringify(outcome), at });
  }

  /** Evaluations due now (requested after the last result, not waiting for a retry), oldest request first. */
  dueEvaluations(now: number = Date.now()): EvaluationRow[] {
    return this.statements.dueEvaluations.all(now);
  }

  evaluation(repo: string, number: number): EvaluationRow | undefined {
    return this.statements.evaluation.get(repo, number);
  }

  /** Every evaluation, newest request first, paged by `before` (a requested seq). */
  evaluations(options: { limit: number; before?: number; repository?: string; state?: "pending" | "done" }): EvaluationRow[] {
    return this.db
      .prepare<{ limit: number; before: number; repository: string | null; state: string | null }, EvaluationRow>(
        `SELECT * FROM evaluations WHERE requested_seq < @before AND (@repository IS NULL OR repo = @repository)
           AND (@state IS NULL OR (@state = 'pending') = (requested_seq > done_seq))
         ORDER BY requested_seq DESC LIMIT @limit`,
      )
      .all({
        limit: options.limit,
        before: options.before ?? Number.MAX_SAFE_INTEGER,
        repository: options.repository ?? null,
        state: options.state ?? null,
      });
  }

  /** How many evaluations are waiting (due or retrying) and how many of those are retrying. */
  evaluationCounts(): { pending: number; retrying: number; done: number } {
    const row = this.db
      .prepare<[], { pending: number | null; retrying: number | null; done: number | null }>(
        "SELECT sum(requested_seq > done_seq) AS pending, sum(requested_seq > done_seq AND attempts > 0) AS retrying, sum(requested_seq <= done_seq) AS done FROM evaluations",
      )
      .get();
    return { pending: row?.pending ?? 0, retrying: row?.retrying ?? 0, done: row?.done ?? 0 };
  }

  deferEvaluation(repo: string, number: number, attempts: number, notBefore: number, error: string): void {
    this.statements.deferEvaluation.run(attempts, notBefore, error.slice(0, 500), repo, number);
  }

  /** The check run posted for a head, reused by the next evaluation of the same head (and after a crash). */
  rememberCheckRun(repo: string, number: number, checkRunId: number, headSha: string): void {
    this.statements.rememberCheckRun.run(checkRunId, headSha, repo, number);
  }

  setBranchTip(repo: string, branch: string, sha: string): void {
    this.statements.setBranchTip.run(repo, branch, sha);
  }

  /** The last pushed commit of a branch, when a push was seen. */
  branchTip(repo: string, branch: string): string | undefined {
    return this.statements.branchTip.get(repo, branch)?.sha;
  }

  /** Open pull requests (agent and human) into a base branch. */
  openCasesByBase(repo: string, branch: string): number[] {
    return this.statements.openCasesByBase.all(repo, branch).map((r) => r.number);
  }

  /**
   * Metrics are kept as counters, updated by the difference each event makes to the cases it
   * touches (their contribution before and after), so reading them costs the same at a million
   * events as at ten. `touch` records a case's contribution before its first change in an event;
   * `settleMetrics` applies the differences once the event is projected.
   */
  private touch(repo: string, number: number): void {
    const key = `${repo}#${String(number)}`;
    if (!this.touched.has(key)) {
      this.touched.set(key, { repo, number, before: this.contribution(repo, number) });
    }
  }

  settleMetrics(): void {
    for (const { repo, number, before } of this.touched.values()) {
      const after = this.contribution(repo, number);
      const keys = new Set([...before.keys(), ...after.keys()]);
      for (const key of keys) {
        const delta = (after.get(key) ?? 0) - (before.get(key) ?? 0);
        if (delta !== 0) {
          const [metric = "", k1 = "", k2 = ""] = key.split("\u001f");
          this.statements.bumpCounter.run(metric, k1, k2, delta);
        }
      }
    }
    this.touched.clear();
  }

  /** Forgets the before-images after a failed event (its transaction rolled back). */
  discardTouched(): void {
    this.touched.clear();
  }

  /** What one case adds to each metric counter (see case-metrics.ts for their meaning). */
  private contribution(repo: string, number: number): Map<string, number> {
    const out = new Map<string, number>();
    const add = (metric: string, k1: string, k2: string, value: number): void => {
      const key = `${metric}\u001f${k1}\u001f${k2}`;
      out.set(key, (out.get(key) ?? 0) + value);
    };
    const row = this.getCase(repo, number);
    if (row === undefined) {
      return out;
    }
    for (const f of this.statements.findings.all(repo, number)) {
      add("finding", f.category, f.rule_id, f.count);
    }
    if (row.is_agent !== 1) {
      return out;
    }
    add("agent_week", row.agent ?? "unknown", row.opened_week ?? "unknown", 1);
    if (row.first_human_review_seq !== null) {
      add("revision", "reviewed", "", 1);
      add("revision", "revised", "", row.revised_after_review);
    }
    if (row.state === "merged") {
      add("merged", "all", "", 1);
      add("merged", "without", "", row.independently_approved === 1 ? 0 : 1);
    }
    const reviewers = new Set<string>();
    for (const review of this.statements.reviews.all(repo, number)) {
      if (review.kind === "human") {
        add("load_reviews", review.reviewer, "", 1);
        reviewers.add(review.reviewer);
      }
    }
    for (const reviewer of reviewers) {
      add("load_prs", reviewer, "", 1);
    }
    return out;
  }

  /** Counter values of one metric, zero rows left out. */
  counters(metric: string): { k1: string; k2: string; value: number }[] {
    return this.db
      .prepare<[string], { k1: string; k2: string; value: number }>(
        "SELECT k1, k2, value FROM metric_counters WHERE metric = ? AND value <> 0",
      )
      .all(metric);
  }

  /** Skips an event the projection failed on, keeping the reason; advances the cursor past it. */
  recordProjectionError(seq: number, message: string): void {
    this.transaction(() => {
      this.statements.setMeta.run(`error:${String(seq)}`, message.slice(0, 500));
      this.setCursor(seq);
    });
  }

  /** Runs `fn` in one SQLite transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

/** An older projection (tables of another shape) is dropped and rebuilt from the ledger. */
function resetIfOutdated(db: Database.Database): void {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_meta'").get() !== undefined;
  if (!exists) {
    return;
  }
  const version = db.prepare<[], { value: string }>("SELECT value FROM projection_meta WHERE key = 'version'").get()?.value;
  if (version === PROJECTION_VERSION) {
    return;
  }
  db.transaction(() => {
    for (const table of PROJECTION_TABLES) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  })();
}

export function delegatorOf(row: CaseRow): Delegator | undefined {
  return row.delegator === null ? undefined : { who: row.delegator, source: (row.delegator_source ?? "assignee") as Delegator["source"] };
}

export function accountabilityOf(row: CaseRow): AccountabilityRecord | undefined {
  return row.accountability === null ? undefined : (JSON.parse(row.accountability) as AccountabilityRecord);
}
