/**
 * The SQLite ledger's writer thread. better-sqlite3 is synchronous: an append transaction —
 * inserting tens of KB per event, hashing the leaves, and the fsync `synchronous = FULL` makes at
 * every commit — would otherwise stop the server's event loop for as long as it takes, so no
 * request is read while a batch commits. Here it runs on its own connection to the same file, in
 * the same `BEGIN IMMEDIATE` transaction as on the main thread (SqliteStore.appendBatch), so seqs
 * stay gap-free and ordered and de-duplication by delivery id is unchanged. The reply goes back
 * only after the commit returned, i.e. after the WAL was fsynced.
 *
 * Replies are lean: a fresh event's payload text is left out (the main thread still holds it);
 * a duplicate carries the stored event, which the caller has not seen.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isCustodyError, type ErrorCode } from "../../model/errors.js";
import type { PreparedInput, StoredAppend, StoredEvent } from "./ledger-store.js";
import { SqliteStore } from "./sqlite-store.js";

export interface AppendWorkerData {
  path: string;
}

export type AppendWorkerRequest = { id: number; inputs: PreparedInput[]; receivedAt: string } | { close: true };

/** One result per input: `event` without its payload text when fresh, whole when a duplicate. */
export interface AppendWorkerResult {
  event: Omit<StoredEvent, "payloadJson"> & { payloadJson?: string | null };
  leafHash: Uint8Array;
  duplicate: boolean;
}

export type AppendWorkerReply =
  | { ready: true }
  | { ready: false; code?: ErrorCode; message: string }
  | { id: number; ok: true; results: AppendWorkerResult[] }
  | { id: number; ok: false; code?: ErrorCode; message: string };

function describe(error: unknown): { code?: ErrorCode; message: string } {
  if (isCustodyError(error)) {
    return { code: error.code, message: error.message };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

function lean(result: StoredAppend): AppendWorkerResult {
  if (result.duplicate) {
    return result;
  }
  const event: AppendWorkerResult["event"] = { ...result.event };
  delete event.payloadJson;
  return { event, leafHash: result.leafHash, duplicate: false };
}

/**
 * Batches queued while a transaction ran are merged into the next one: the main thread posts a
 * batch per turn of its event loop without waiting for the previous commit, and one fsync then
 * covers everything that arrived meanwhile. Messages are taken in order, so seqs follow the
 * order of posting; the merged transaction stamps the latest `receivedAt` among them (every one
 * of those appends is stored no earlier). If it fails, every caller in it is told.
 */
function commitQueued(
  store: SqliteStore,
  queue: readonly { id: number; inputs: PreparedInput[]; receivedAt: string }[],
  send: (reply: AppendWorkerReply) => void,
): void {
  const inputs = queue.length === 1 ? (queue[0]?.inputs ?? []) : queue.flatMap((r) => r.inputs);
  const receivedAt = queue.at(-1)?.receivedAt ?? new Date().toISOString();
  store.appendBatch(inputs, receivedAt).then(
    (results) => {
      let offset = 0;
      for (const request of queue) {
        send({ id: request.id, ok: true, results: results.slice(offset, offset + request.inputs.length).map(lean) });
        offset += request.inputs.length;
      }
    },
    (error: unknown) => {
      for (const request of queue) {
        send({ id: request.id, ok: false, ...describe(error) });
      }
    },
  );
}

const port = parentPort;
if (port !== null) {
  const { path } = workerData as AppendWorkerData;
  let store: SqliteStore | undefined;
  try {
    store = SqliteStore.open(path);
    port.postMessage({ ready: true } satisfies AppendWorkerReply);
  } catch (error) {
    port.postMessage({ ready: false, ...describe(error) } satisfies AppendWorkerReply);
  }
  const send = (reply: AppendWorkerReply): void => {
    port.postMessage(reply);
  };
  let queue: { id: number; inputs: PreparedInput[]; receivedAt: string }[] = [];
  let scheduled = false;
  port.on("message", (request: AppendWorkerRequest) => {
    if ("close" in request) {
      // Messages are handled in order: every batch posted before the close is already queued.
      const pending = queue;
      queue = [];
      if (store !== undefined && pending.length > 0) {
        commitQueued(store, pending, send);
      }
      void Promise.resolve(store?.close()).finally(() => {
        port.close();
      });
      return;
    }
    if (store === undefined) {
      send({ id: request.id, ok: false, message: "the writer thread has no open database" });
      return;
    }
    queue.push(request);
    if (!scheduled) {
      scheduled = true;
      const open = store;
      // After every message already waiting on the port was queued.
      setImmediate(() => {
        scheduled = false;
        const batch = queue;
        queue = [];
        if (batch.length > 0) {
          commitQueued(open, batch, send);
        }
      });
    }
  });
}
