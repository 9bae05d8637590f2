/**
 * Where `verify` gets its checked runs of tree positions (leaf-check.ts), in position order:
 * from worker threads that each open their own read-only connection (SQLite file or PostgreSQL)
 * when the ledger is large (hashing
 * a million leaves is the bulk of verify, and it splits cleanly by position), else page by page
 * on this thread. Whatever the workers do not finish — the positions appended after verify
 * started, the rest of a tree that ends early or has a gap, or everything after a worker fails —
 * is checked here, so the result never depends on whether workers ran.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startWorker } from "../start-worker.js";
import type { LeafCheckResult } from "./leaf-check.js";
import { LeafChecker } from "./leaf-check.js";
import type { LeafWorkerData, LeafWorkerReply, LeafWorkerRequest } from "./leaf-check-worker.js";
import type { LedgerStore, ReaderConfig } from "../stores/ledger-store.js";

export interface LeafRunOptions {
  /** Worker threads to use; default: the machine's parallelism, at most 4. 0 or 1: none. */
  workers?: number;
  /** Use workers only from this many events on (starting threads costs more than small ledgers take). */
  parallelFrom?: number;
  /** Positions per worker run. */
  runSize?: number;
}

// Small pages: rows die young (cheap scavenges) instead of 20k rows surviving into old space.
const PAGE = 2_000;
const PARALLEL_FROM = 200_000;
const RUN_SIZE = 65_536;
const END = Number.MAX_SAFE_INTEGER;

interface Deferred {
  promise: Promise<LeafCheckResult>;
  resolve: (result: LeafCheckResult) => void;
  reject: (error: Error) => void;
  settled: boolean;
}

function deferred(): Deferred {
  let resolve!: (result: LeafCheckResult) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<LeafCheckResult>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // Runs after a failure are never awaited; their rejection must not surface as unhandled.
  promise.catch(() => undefined);
  const d: Deferred = {
    promise,
    resolve: (r) => {
      d.settled = true;
      resolve(r);
    },
    reject: (e) => {
      d.settled = true;
      reject(e);
    },
    settled: false,
  };
  return d;
}

/** Checked runs covering [0, size) from worker threads, in order; stops at the first run that ends short or fails. */
async function* workerRuns(reader: ReaderConfig, size: number, workers: number, runSize: number): AsyncGenerator<LeafCheckResult> {
  const ranges: [number, number][] = [];
  for (let from = 0; from < size; from += runSize) {
    ranges.push([from, Math.min(size, from + runSize)]);
  }
  const results = ranges.map(() => deferred());
  const failAll = (error: Error): void => {
    for (const r of results) {
      if (!r.settled) {
        r.reject(error);
      }
    }
  };
  const data: LeafWorkerData = { reader, pageSize: PAGE };
  const pool: Worker[] = [];
  let next = 0;
  const feed = (worker: Worker, busy: { index: number }): void => {
    const range = ranges[next];
    if (range === undefined) {
      return;
    }
    busy.index = next;
    next += 1;
    const request: LeafWorkerRequest = { from: range[0], to: range[1] };
    worker.postMessage(request);
  };
  for (let i = 0; i < Math.min(workers, ranges.length); i++) {
    const worker = startWorker(import.meta.url, "leaf-check-worker", data);
    const busy = { index: -1 };
    worker.on("message", (reply: LeafWorkerReply) => {
      const slot = results[busy.index];
      if (reply.ok) {
        slot?.resolve(reply.result);
        feed(worker, busy);
      } else {
        failAll(new Error(reply.message));
      }
    });
    worker.on("error", failAll);
    worker.on("exit", (code) => {
      failAll(new Error(`a verify worker exited (code ${String(code)})`));
    });
    pool.push(worker);
    feed(worker, busy);
  }
  try {
    for (const [i, [from, to]] of ranges.entries()) {
      const result = await results[i]?.promise;
      if (result === undefined) {
        return;
      }
      yield result;
      if (result.broken || result.from + result.count < to || from + result.count !== to) {
        return;
      }
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

/** Checked runs covering every tree position from `from` on, page by page on this thread. */
async function* localRuns(store: LedgerStore, from: number): AsyncGenerator<LeafCheckResult> {
  for (let next = from; ;) {
    const checker = new LeafChecker(next, PAGE);
    const page = await store.leafPage(next, END, PAGE);
    const whole = checker.accept(page);
    const result = checker.finish();
    yield result;
    if (!whole || page.length < PAGE) {
      return;
    }
    next = result.from + result.count;
  }
}

/**
 * Every tree position, checked, in order. `size` is the tree size when verify started: workers
 * cover that much, this thread the rest.
 */
export async function* leafRuns(store: LedgerStore, size: number, options: LeafRunOptions = {}): AsyncGenerator<LeafCheckResult> {
  const workers = options.workers ?? Math.min(4, availableParallelism());
  let next = 0;
  if (store.readerConfig !== undefined && workers > 1 && size >= (options.parallelFrom ?? PARALLEL_FROM)) {
    try {
      for await (const result of workerRuns(store.readerConfig, size, workers, options.runSize ?? RUN_SIZE)) {
        yield result;
        next = result.from + result.count;
        if (result.broken) {
          return;
        }
      }
    } catch {
      // A worker that cannot start or fails mid-way: what it did not deliver is checked here.
    }
  }
  yield* localRuns(store, next);
}
