/**
 * The main thread's side of the SQLite writer thread (sqlite-append-worker.ts): posts each batch
 * of prepared inputs, resolves with the stored results once the worker's transaction committed,
 * and puts back the payload text the worker left out of fresh results. The event loop stays free
 * while a batch is written and fsynced, so the server keeps reading requests — which is what lets
 * the next group commit fill up meanwhile.
 *
 * If the thread dies, every batch in flight and every later one fails with LEDGER_UNAVAILABLE:
 * nothing was acknowledged for them, so GitHub redelivers.
 */
import type { Worker } from "node:worker_threads";
import { CustodyError } from "../../model/errors.js";
import { startWorker } from "../start-worker.js";
import type { PreparedInput, StoredAppend } from "./ledger-store.js";
import type { AppendWorkerData, AppendWorkerReply, AppendWorkerRequest } from "./sqlite-append-worker.js";

interface InFlight {
  inputs: readonly PreparedInput[];
  resolve: (results: StoredAppend[]) => void;
  reject: (error: unknown) => void;
}

export class SqliteAppendWriter {
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 0;
  private failure: CustodyError | undefined;
  private closing: Promise<void> | undefined;
  /** Settles after the last batch posted: the thread answers in order, so all before it are done. */
  private last: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly worker: Worker,
    private readonly path: string,
  ) {
    worker.on("message", (reply: AppendWorkerReply) => {
      if (!("id" in reply)) {
        return;
      }
      const call = this.inFlight.get(reply.id);
      this.inFlight.delete(reply.id);
      if (call === undefined) {
        return;
      }
      if (!reply.ok) {
        call.reject(
          new CustodyError(reply.code ?? "LEDGER_UNAVAILABLE", reply.code === undefined ? this.message(reply.message) : reply.message),
        );
        return;
      }
      call.resolve(
        reply.results.map((r, i) => ({
          event: { ...r.event, payloadJson: r.duplicate ? (r.event.payloadJson ?? null) : (call.inputs[i]?.payloadJson ?? null) },
          leafHash: Buffer.from(r.leafHash.buffer, r.leafHash.byteOffset, r.leafHash.byteLength),
          duplicate: r.duplicate,
        })),
      );
    });
    const fail = (why: string): void => {
      this.failure ??= new CustodyError("LEDGER_UNAVAILABLE", this.message(why));
      for (const call of this.inFlight.values()) {
        call.reject(this.failure);
      }
      this.inFlight.clear();
    };
    worker.on("error", (error) => {
      fail(error.message);
    });
    worker.on("exit", (code) => {
      fail(`its writer thread exited (code ${String(code)})`);
    });
  }

  /** Starts the thread and waits until it opened the database. */
  static start(path: string): Promise<SqliteAppendWriter> {
    const worker = startWorker(import.meta.url, "sqlite-append-worker", { path } satisfies AppendWorkerData);
    return new Promise((resolve, reject) => {
      const onMessage = (reply: AppendWorkerReply): void => {
        if (!("ready" in reply)) {
          return;
        }
        worker.off("message", onMessage);
        worker.off("error", onError);
        if (reply.ready) {
          resolve(new SqliteAppendWriter(worker, path));
        } else {
          void worker.terminate();
          reject(new CustodyError(reply.code ?? "LEDGER_UNAVAILABLE", reply.message));
        }
      };
      const onError = (error: Error): void => {
        worker.off("message", onMessage);
        reject(
          new CustodyError(
            "LEDGER_UNAVAILABLE",
            `The ledger database at ${path} is unavailable: its writer thread failed to start (${error.message}).`,
            { cause: error },
          ),
        );
      };
      worker.on("message", onMessage);
      worker.once("error", onError);
    });
  }

  private message(detail: string): string {
    return `The ledger database at ${this.path} is unavailable: ${detail}. Check that the path is writable and the disk is not full, then retry.`;
  }

  appendBatch(inputs: readonly PreparedInput[], receivedAt: string): Promise<StoredAppend[]> {
    if (this.failure !== undefined) {
      return Promise.reject(this.failure);
    }
    if (this.closing !== undefined) {
      return Promise.reject(new CustodyError("LEDGER_UNAVAILABLE", this.message("it is closing")));
    }
    const id = this.nextId++;
    const done = new Promise<StoredAppend[]>((resolve, reject) => {
      this.inFlight.set(id, { inputs, resolve, reject });
      this.worker.postMessage({ id, inputs: inputs as PreparedInput[], receivedAt } satisfies AppendWorkerRequest);
    });
    this.last = done.catch(() => undefined);
    return done;
  }

  /** Lets batches in flight finish (the thread takes them in order), then closes its connection and the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.last;
      if (this.failure !== undefined) {
        return;
      }
      const exited = new Promise<void>((resolve) => {
        this.worker.once("exit", () => {
          resolve();
        });
      });
      this.worker.postMessage({ close: true } satisfies AppendWorkerRequest);
      await exited;
    })();
    return this.closing;
  }
}
