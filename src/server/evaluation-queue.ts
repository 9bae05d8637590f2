/**
 * The durable evaluation queue. Its jobs are the projection's `evaluations` rows, themselves
 * derived from the ledger: every event that can change a pull request's verdict asks for an
 * evaluation, and a `check.result` event in the ledger answers every request up to the one it
 * names. So a restart — even after kill -9, or with a projection rebuilt from the ledger —
 * finds exactly the evaluations still owed; nothing acknowledged is lost, and a result recorded
 * before a crash is not recorded twice (its delivery id is deterministic).
 *
 * Per pull request, evaluations are serialised (one at a time) and coalesced (ten events while
 * one runs cause one more run, not ten); the run reads the pull request's current head, so the
 * newest head wins, and the projection ignores a result older than the one it holds. A GitHub
 * failure worth retrying (5xx, rate limit, dropped connection) defers the job — attempts and
 * the time of the next one are kept in the database — and honours `Retry-After` /
 * `x-ratelimit-reset`; after `maxAttempts` the failure is recorded as the result.
 */
import type { CaseProjector } from "../cases/case-projector.js";
import type { EvaluationRow } from "../cases/case-store.js";
import type { CheckResultPayload } from "../cases/payload-schemas.js";
import type { Ledger } from "../model/ledger-event.js";
import { githubRetryDelay, type RetryOptions } from "../sources/github/retry-delay.js";

/** One evaluation to run: the pull request and the newest request it answers. */
export interface EvaluationJob {
  repo: string;
  number: number;
  /** The newest ledger seq that asked; the result covers every request up to it. */
  forSeq: number;
  reason: string;
  deliveryId: string | null;
  installationId: number | null;
  /** The base branch's last pushed commit, when a push was seen: the policy is read there. */
  baseTip?: string;
  /** Who last pushed to the head branch (a webhook's sender), when known: not independent. */
  lastPusher?: string;
  /** A check run already posted by an earlier run of this pull request, and its head. */
  checkRun?: { id: number; headSha: string };
  attempt: number;
}

export interface JobContext {
  /** Keep the id of a check run just created, so a retry or a restart reuses it. */
  rememberCheckRun(id: number, headSha: string): void;
}

/** What running one job produced: everything of `check.result` but the job's own keys. */
export type EvaluationOutcome = Omit<CheckResultPayload, "forSeq" | "repository" | "number">;

export type RunJob = (job: EvaluationJob, context: JobContext) => Promise<EvaluationOutcome>;

export interface JobLogLine {
  msg: "evaluation";
  repository: string;
  pullRequest: number;
  forSeq: number;
  reason: string;
  deliveryId: string | null;
  attempt: number;
  outcome: "completed" | "skipped" | "failed" | "retrying";
  conclusion?: string;
  headSha?: string;
  durationMs: number;
  error?: string;
  retryInMs?: number;
}

export interface EvaluationQueueOptions {
  ledger: Ledger;
  projector: CaseProjector;
  runJob: RunJob;
  concurrency?: number;
  /** Attempts before a retryable failure is recorded as the result (default 8). */
  maxAttempts?: number;
  retry?: RetryOptions;
  /** Retry delay after the ledger refused the result (the job stays due). */
  ledgerRetryMs?: number;
  onError?: (error: unknown, job: EvaluationJob) => void;
  /** One structured line per finished (or deferred) job. */
  log?: (line: JobLogLine) => void;
  now?: () => number;
}

export interface QueueCounters {
  started: number;
  completed: number;
  failed: number;
  retried: number;
}

const keyOf = (repo: string, number: number): string => `${repo}#${String(number)}`;

export class EvaluationQueue {
  private readonly running = new Map<string, Promise<void>>();
  /** Results in the ledger but not yet projected (the projector may wait on a gap): never start
   * those again meanwhile, or GitHub would be asked twice. Keyed by pull request and seq. */
  private readonly recorded = new Set<string>();
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  readonly counters: QueueCounters = { started: 0, completed: 0, failed: 0, retried: 0 };

  constructor(private readonly options: EvaluationQueueOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Looks for due evaluations and starts as many as concurrency allows. Cheap; call it often. */
  poke(): void {
    if (this.stopped) {
      return;
    }
    const store = this.options.projector.store;
    const limit = this.options.concurrency ?? 4;
    const due = store.dueEvaluations(this.now());
    const stillDue = new Set(due.map((row) => `${keyOf(row.repo, row.number)}@${String(row.requested_seq)}`));
    for (const key of this.recorded) {
      if (!stillDue.has(key)) {
        this.recorded.delete(key);
      }
    }
    for (const row of due) {
      if (this.running.size >= limit) {
        break;
      }
      const key = keyOf(row.repo, row.number);
      if (this.running.has(key) || this.recorded.has(`${key}@${String(row.requested_seq)}`)) {
        continue;
      }
      const run = this.runOne(row).finally(() => {
        this.running.delete(key);
        this.poke();
      });
      this.running.set(key, run);
    }
    this.scheduleNextRetry();
  }

  /** Wakes up for the earliest deferred evaluation. */
  private scheduleNextRetry(): void {
    const next = this.options.projector.store.db
      .prepare<[], { at: number | null }>("SELECT min(not_before) AS at FROM evaluations WHERE requested_seq > done_seq AND not_before > 0")
      .get()?.at;
    if (next === null || next === undefined || this.stopped) {
      return;
    }
    if (this.timer !== undefined && this.timerAt <= next) {
      return;
    }
    this.wakeAt(next);
  }

  private wakeAt(at: number): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.poke();
      },
      Math.max(0, at - this.now()),
    );
    this.timer.unref();
  }

  private jobOf(row: EvaluationRow): EvaluationJob {
    const store = this.options.projector.store;
    const found = store.getCase(row.repo, row.number);
    const baseRef = found?.base_ref ?? null;
    const baseTip = baseRef === null ? undefined : store.branchTip(row.repo, baseRef);
    const lastPusher = found?.last_pusher ?? undefined;
    return {
      repo: row.repo,
      number: row.number,
      forSeq: row.requested_seq,
      reason: row.reason,
      deliveryId: row.delivery_id,
      installationId: row.installation_id,
      ...(baseTip === undefined ? {} : { baseTip }),
      ...(lastPusher === undefined ? {} : { lastPusher }),
      ...(row.check_run_id === null || row.check_run_head === null
        ? {}
        : { checkRun: { id: row.check_run_id, headSha: row.check_run_head } }),
      attempt: row.attempts + 1,
    };
  }

  private async runOne(row: EvaluationRow): Promise<void> {
    const store = this.options.projector.store;
    const job = this.jobOf(row);
    const started = this.now();
    this.counters.started += 1;
    let outcome: EvaluationOutcome;
    try {
      outcome = await this.options.runJob(job, {
        rememberCheckRun: (id, headSha) => {
          store.rememberCheckRun(job.repo, job.number, id, headSha);
        },
      });
    } catch (error) {
      this.options.onError?.(error, job);
      const message = error instanceof Error ? error.message : String(error);
      const delay = githubRetryDelay(error, job.attempt, this.now(), this.options.retry);
      if (delay !== undefined && job.attempt < (this.options.maxAttempts ?? 8) && !this.stopped) {
        this.counters.retried += 1;
        store.deferEvaluation(job.repo, job.number, job.attempt, this.now() + delay, message);
        this.log(job, started, { outcome: "retrying", error: message, retryInMs: delay });
        return;
      }
      if (this.stopped) {
        // Shutting down: leave the job due; the next start runs it.
        return;
      }
      outcome = { status: "failed", headSha: "", error: message, findings: [] };
    }
    const payload: CheckResultPayload = {
      forSeq: job.forSeq,
      repository: job.repo,
      number: job.number,
      ...outcome,
      reason: outcome.reason ?? job.reason,
    };
    try {
      const [result] = await this.options.ledger.append([
        {
          kind: "check.result",
          source: "check",
          deliveryId: `check-result-${job.repo}#${String(job.number)}@${String(job.forSeq)}`,
          repository: job.repo,
          payload,
        },
      ]);
      if (result) {
        this.recorded.add(`${keyOf(job.repo, job.number)}@${String(job.forSeq)}`);
        this.options.projector.offer(result.event);
        if (result.duplicate) {
          // Recorded by an earlier run that crashed before projecting it: make sure it is applied.
          await this.options.projector.catchUp();
        }
      }
      if (outcome.status === "failed") {
        this.counters.failed += 1;
      } else {
        this.counters.completed += 1;
      }
      this.log(job, started, {
        outcome: outcome.status,
        ...(outcome.conclusion === undefined ? {} : { conclusion: outcome.conclusion }),
        ...(outcome.headSha === "" ? {} : { headSha: outcome.headSha }),
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
      });
    } catch (error) {
      // The ledger is down: the job stays due and is tried again.
      this.options.onError?.(error, job);
      if (!this.stopped) {
        this.wakeAt(this.now() + (this.options.ledgerRetryMs ?? 5000));
      }
    }
  }

  private log(job: EvaluationJob, started: number, fields: Pick<JobLogLine, "outcome"> & Partial<JobLogLine>): void {
    this.options.log?.({
      msg: "evaluation",
      repository: job.repo,
      pullRequest: job.number,
      forSeq: job.forSeq,
      reason: job.reason,
      deliveryId: job.deliveryId,
      attempt: job.attempt,
      durationMs: Math.max(0, this.now() - started),
      ...fields,
    });
  }

  /** Pull requests being evaluated right now. */
  runningKeys(): string[] {
    return [...this.running.keys()];
  }

  /** Resolves once nothing is running and nothing is due (tests, shutdown). Deferred retries are not waited for. */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running.values()]);
    }
  }

  /**
   * Resolves once nothing is running and nothing is due or waiting for a retry (tests, the
   * bench). Gives up after `timeoutMs` with an error naming what is still pending.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.options.projector.catchUp();
      this.poke();
      await this.idle();
      const { pending } = this.options.projector.store.evaluationCounts();
      if (pending === 0 && this.running.size === 0) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`the evaluation queue did not drain: ${String(pending)} pending`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    await this.idle();
  }
}
