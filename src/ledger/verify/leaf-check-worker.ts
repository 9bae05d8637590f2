/**
 * A `custody verify` worker thread: opens its own read-only connection to the ledger (the SQLite
 * file, or PostgreSQL) and checks the runs of tree
 * positions the main thread hands it (leaf-check.ts), sending back each run's leaf hashes (the
 * buffer is transferred, not copied) and what it found. It decides nothing: stitching runs
 * together, the tree, roots and checkpoints stay on the main thread (verify-ledger.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { LeafChecker } from "./leaf-check.js";
import type { LeafCheckResult } from "./leaf-check.js";
import type { LedgerStore, ReaderConfig } from "../stores/ledger-store.js";
import { PostgresStore } from "../stores/postgres-store.js";
import { SqliteStore } from "../stores/sqlite-store.js";

export interface LeafWorkerData {
  reader: ReaderConfig;
  pageSize: number;
}

export type LeafWorkerRequest = { from: number; to: number } | { close: true };
export type LeafWorkerReply = { ok: true; result: LeafCheckResult } | { ok: false; message: string };

/** Checks positions [from, to): stops early where the tree ends or has a gap. */
export async function checkRange(store: LedgerStore, from: number, to: number, pageSize: number): Promise<LeafCheckResult> {
  const checker = new LeafChecker(from, to - from);
  while (checker.next < to) {
    const page = await store.leafPage(checker.next, to, pageSize);
    if (!checker.accept(page) || page.length < pageSize) {
      break;
    }
  }
  return checker.finish();
}

const port = parentPort;
if (port !== null) {
  const data = workerData as LeafWorkerData;
  const store: LedgerStore =
    data.reader.store === "sqlite"
      ? SqliteStore.openReader(data.reader.path)
      : PostgresStore.openReader(data.reader.connectionString, data.reader.schema);
  port.on("message", (request: LeafWorkerRequest) => {
    if ("close" in request) {
      void store.close().finally(() => {
        port.close();
      });
      return;
    }
    checkRange(store, request.from, request.to, data.pageSize).then(
      (result) => {
        result.checkedBy = "worker";
        const reply: LeafWorkerReply = { ok: true, result };
        port.postMessage(reply, [result.leaves.buffer as ArrayBuffer]);
      },
      (error: unknown) => {
        const reply: LeafWorkerReply = { ok: false, message: error instanceof Error ? error.message : String(error) };
        port.postMessage(reply);
      },
    );
  });
}
