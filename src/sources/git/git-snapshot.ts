/**
 * A `Snapshot` over one git revision, reading blobs through ONE long-lived
 * `git cat-file --batch -z` process (NUL-terminated requests, so a path with a newline cannot
 * split a request in two). Reads are served one at a time in request order; `close()` ends the
 * process. A path that does not exist, or names a tree or submodule, reads as `undefined`.
 */
import type { Snapshot } from "../../model/change.js";
import { CustodyError } from "../../model/errors.js";
import type { Repository } from "./repository.js";
import { gitMissingError, spawnGit } from "./run-git.js";

export interface GitSnapshot extends Snapshot {
  close(): Promise<void>;
}

interface Pending {
  resolve: (value: Buffer | undefined) => void;
  reject: (error: unknown) => void;
}

export function gitSnapshot(repo: Repository, rev: string): GitSnapshot {
  const child = spawnGit(repo.dir, ["cat-file", "--batch", "-z"]);
  const queue: Pending[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  let failure: Error | undefined;
  let closed = false;

  const failAll = (error: unknown): void => {
    failure = error instanceof Error ? error : new Error("git cat-file failed");
    for (const pending of queue.splice(0)) {
      pending.reject(error);
    }
  };

  const drain = (): void => {
    for (;;) {
      const pending = queue[0];
      if (!pending) {
        return;
      }
      const newline = buffer.indexOf(0x0a);
      if (newline === -1) {
        return;
      }
      const header = buffer.toString("utf8", 0, newline);
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        buffer = buffer.subarray(newline + 1);
        queue.shift();
        pending.resolve(undefined);
        continue;
      }
      // `<sha> <type> <size>`
      const parts = header.split(" ");
      const size = Number(parts[2]);
      if (parts.length !== 3 || !Number.isInteger(size)) {
        failAll(new CustodyError("GIT_FAILED", `git cat-file answered "${header}", which Custody could not read.`));
        return;
      }
      const end = newline + 1 + size;
      if (buffer.length < end + 1) {
        return;
      }
      const content = Buffer.from(buffer.subarray(newline + 1, end));
      buffer = buffer.subarray(end + 1);
      queue.shift();
      pending.resolve(parts[1] === "blob" ? content : undefined);
    }
  };

  child.stdout.on("data", (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    drain();
  });
  child.on("error", (error) => {
    failAll(gitMissingError(error));
  });
  child.on("close", () => {
    if (queue.length > 0) {
      failAll(new CustodyError("GIT_FAILED", "git cat-file ended before answering every read."));
    }
  });
  child.stdin.on("error", (error) => {
    failAll(error);
  });

  return {
    rev,
    read(path: string): Promise<Buffer | undefined> {
      if (closed) {
        return Promise.reject(new Error("read after close() on a git snapshot"));
      }
      if (failure !== undefined) {
        return Promise.reject(failure);
      }
      if (path.includes("\0")) {
        return Promise.resolve(undefined);
      }
      return new Promise((resolve, reject) => {
        queue.push({ resolve, reject });
        child.stdin.write(`${rev}:${path}\0`);
      });
    },
    close(): Promise<void> {
      if (closed) {
        return Promise.resolve();
      }
      closed = true;
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once("close", () => {
          resolve();
        });
        child.stdin.end();
      });
    },
  };
}
