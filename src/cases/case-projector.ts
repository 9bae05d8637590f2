/**
 * Keeps the case projection in step with the ledger. The webhook route hands each freshly
 * appended event over; the projector applies events strictly in seq order, each in one SQLite
 * transaction together with the cursor, so a crash leaves it at a clean point. An event that
 * arrives ahead of a gap (concurrent appends, or another server instance writing the same
 * PostgreSQL ledger) waits briefly; if the gap does not fill, the projector reads the missing
 * events back from the ledger (`scan`). Starting up is the same catch-up from the cursor.
 */
import type { Ledger, LedgerEvent } from "../model/ledger-event.js";
import type { ActorClassifier } from "./actor-classifier.js";
import type { CaseStore } from "./case-store.js";
import { projectEvent } from "./project-event.js";

export interface CaseProjectorOptions {
  /** Called after events were applied (new check jobs may exist). */
  onApplied?: () => void;
  /** How long an out-of-order event waits for the gap before the projector scans. */
  gapWaitMs?: number;
}

export class CaseProjector {
  private readonly waiting = new Map<number, LedgerEvent>();
  private catchingUp: Promise<void> | undefined;
  private gapTimer: NodeJS.Timeout | undefined;
  private drainScheduled = false;
  private closed = false;

  constructor(
    readonly store: CaseStore,
    private readonly ledger: Ledger,
    private readonly classifier: ActorClassifier,
    private readonly options: CaseProjectorOptions = {},
  ) {}

  /**
   * Like `offer`, but applies on the next turn of the event loop, together with every event
   * offered meanwhile: a burst of deliveries acknowledged by one group commit becomes one SQLite
   * transaction instead of one each. The webhook route uses this; nothing waits on it.
   */
  offerSoon(event: LedgerEvent): void {
    this.waiting.set(event.seq, event);
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        this.afterOffer();
      });
    }
  }

  /** Applies a just-appended event (or buffers it until the events before it are applied). */
  offer(event: LedgerEvent): void {
    if (event.seq <= this.store.cursor()) {
      return;
    }
    this.waiting.set(event.seq, event);
    this.afterOffer();
  }

  private afterOffer(): void {
    if (this.closed) {
      // Stopping: the state database may already be closed; the ledger keeps the event.
      return;
    }
    this.drain();
    if (this.waiting.size > 0 && this.gapTimer === undefined) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        void this.catchUp().catch(() => undefined);
      }, this.options.gapWaitMs ?? 250);
      this.gapTimer.unref();
    }
  }

  /** Reads every event after the cursor from the ledger and applies it. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.scanFromCursor().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async scanFromCursor(): Promise<void> {
    let batch: LedgerEvent[] = [];
    for await (const event of this.ledger.scan({ fromSeq: this.store.cursor() + 1 })) {
      batch.push(event);
      if (batch.length >= 1000) {
        this.applyBatch(batch);
        batch = [];
      }
    }
    this.applyBatch(batch);
    this.drain();
  }

  private drain(): void {
    const ready: LedgerEvent[] = [];
    let next = this.store.cursor() + 1;
    for (let event = this.waiting.get(next); event !== undefined; event = this.waiting.get(next)) {
      ready.push(event);
      this.waiting.delete(next);
      next += 1;
    }
    for (const seq of this.waiting.keys()) {
      if (seq < next) {
        this.waiting.delete(seq);
      }
    }
    this.applyBatch(ready);
  }

  private applyBatch(events: readonly LedgerEvent[]): void {
    const cursor = this.store.cursor();
    const fresh = events.filter((e) => e.seq > cursor);
    if (fresh.length === 0) {
      return;
    }
    try {
      this.store.transaction(() => {
        for (const event of fresh) {
          projectEvent(this.store, event, this.classifier);
          this.store.setCursor(event.seq);
        }
      });
    } catch {
      // One event the projection cannot digest must not stall it forever: apply one by one and
      // record the ones that fail (they stay in the ledger, raw, for `GET /api/events`).
      for (const event of fresh) {
        try {
          this.store.transaction(() => {
            projectEvent(this.store, event, this.classifier);
            this.store.setCursor(event.seq);
          });
        } catch (error) {
          this.store.recordProjectionError(event.seq, error instanceof Error ? error.message : String(error));
        }
      }
    }
    this.options.onApplied?.();
  }

  /** Events handed over but not yet applied (waiting for a gap). */
  get pending(): number {
    return this.waiting.size;
  }

  close(): void {
    this.closed = true;
    if (this.gapTimer !== undefined) {
      clearTimeout(this.gapTimer);
    }
  }
}
