/**
 * Runs the Custody check of pull requests after their webhook was acknowledged. The queue is
 * the projection's `check_jobs` table, itself derived from the ledger: a job exists for every
 * acknowledged `pull_request` opened/synchronize/reopened event and is done once a
 * `check.result` event for it is in the ledger. So a restart (or a rebuild of the projection
 * from the ledger) finds exactly the jobs still to do — nothing acknowledged is lost — and a job
 * finished before a crash is not run twice (its result event is deduplicated by delivery id).
 */
import type { CaseProjector } from "../cases/case-projector.js";
import type { CheckJob } from "../cases/case-store.js";
import type { CheckResultPayload } from "../cases/payload-schemas.js";
import type { Ledger } from "../model/ledger-event.js";

/** What running one job produced: everything of `check.result` but the job's own keys. */
export type CheckOutcome = Omit<CheckResultPayload, "forSeq" | "repository" | "number" | "headSha">;

export type RunJob = (job: CheckJob) => Promise<CheckOutcome>;

export interface CheckQueueOptions {
  ledger: Ledger;
  projector: CaseProjector;
  runJob: RunJob;
  concurrency?: number;
  /** Retry delay after the ledger refused the result (the job stays pending). */
  retryMs?: number;
  onError?: (error: unknown, job: CheckJob) => void;
}

export class CheckQueue {
  private readonly running = new Map<number, Promise<void>>();
  /** Jobs whose result is in the ledger but not yet projected (the projector may wait on a gap):
   * never start them again meanwhile, or GitHub would get a second check run. */
  private readonly recorded = new Set<number>();
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: CheckQueueOptions) {}

  /** Looks for pending jobs and starts as many as concurrency allows. Cheap; call it often. */
  poke(): void {
    if (this.stopped) {
      return;
    }
    const limit = this.options.concurrency ?? 4;
    const pending = this.options.projector.store.pendingJobs();
    const stillPending = new Set(pending.map((job) => job.seq));
    for (const seq of this.recorded) {
      if (!stillPending.has(seq)) {
        this.recorded.delete(seq);
      }
    }
    for (const job of pending) {
      if (this.running.size >= limit) {
        return;
      }
      if (this.running.has(job.seq) || this.recorded.has(job.seq)) {
        continue;
      }
      const run = this.runOne(job).finally(() => {
        this.running.delete(job.seq);
        this.poke();
      });
      this.running.set(job.seq, run);
    }
  }

  private async runOne(job: CheckJob): Promise<void> {
    let outcome: CheckOutcome;
    try {
      outcome = await this.options.runJob(job);
    } catch (error) {
      this.options.onError?.(error, job);
      outcome = { status: "failed", error: error instanceof Error ? error.message : String(error), findings: [] };
    }
    const payload: CheckResultPayload = { forSeq: job.seq, repository: job.repo, number: job.number, headSha: job.head_sha, ...outcome };
    try {
      const [result] = await this.options.ledger.append([
        { kind: "check.result", source: "check", deliveryId: `check-result-${String(job.seq)}`, repository: job.repo, payload },
      ]);
      if (result) {
        this.recorded.add(job.seq);
        this.options.projector.offer(result.event);
        if (result.duplicate) {
          // Recorded by an earlier run that crashed before projecting it: make sure it is applied.
          await this.options.projector.catchUp();
        }
      }
    } catch (error) {
      // The ledger is down: the job stays pending and is tried again.
      this.options.onError?.(error, job);
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined || this.stopped) {
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.poke();
    }, this.options.retryMs ?? 5000);
    this.retryTimer.unref();
  }

  /** Resolves once nothing is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running.values()]);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== undefined) {
      clearTimeout(this.retryTimer);
    }
    await this.idle();
  }
}
