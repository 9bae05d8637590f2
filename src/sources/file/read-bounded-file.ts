/**
 * Reads a file a user named (a policy, an event payload, SARIF, an ingest file) without letting
 * the name decide how much is read: the file is opened non-blocking (a FIFO with no writer cannot
 * hang the open), must be a regular file (not `/dev/zero`, a FIFO, a socket or a directory), and
 * at most `maxBytes` are read — the size is checked before reading and again while reading, so a
 * file that grows meanwhile is still refused. The caller turns a refusal into its own message.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; problem: "missing" | "directory" | "not-regular" | "too-large" | "denied" | "unreadable"; detail: string };

function fileKind(stats: ReturnType<typeof fstatSync>): string {
  if (stats.isFIFO()) {
    return "a FIFO (named pipe)";
  }
  if (stats.isCharacterDevice()) {
    return "a character device";
  }
  if (stats.isBlockDevice()) {
    return "a block device";
  }
  if (stats.isSocket()) {
    return "a socket";
  }
  return "not a regular file";
}

export function readBoundedFile(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    // O_NONBLOCK does not exist on Windows, where FIFOs cannot be opened this way anyway.
    fd = openSync(path, constants.O_RDONLY | ((constants as Partial<typeof constants>).O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
      case "ENOENT":
      case "ENOTDIR":
        return { ok: false, problem: "missing", detail: "does not exist" };
      case "EISDIR":
        return { ok: false, problem: "directory", detail: "is a directory" };
      case "EACCES":
      case "EPERM":
        return { ok: false, problem: "denied", detail: "cannot be read (permission denied)" };
      case undefined:
      default:
        return { ok: false, problem: "unreadable", detail: `cannot be read (${code ?? "unknown error"})` };
    }
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) {
      return { ok: false, problem: "directory", detail: "is a directory" };
    }
    if (!stats.isFile()) {
      return { ok: false, problem: "not-regular", detail: `is ${fileKind(stats)}, not a regular file` };
    }
    if (stats.size > maxBytes) {
      return { ok: false, problem: "too-large", detail: `is ${String(stats.size)} bytes, more than the ${String(maxBytes)} allowed` };
    }
    // Read in chunks up to one byte past the cap: a file that grew since fstat is still refused.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const want = Math.min(65_536, maxBytes + 1 - length);
      if (want <= 0) {
        break;
      }
      const chunk = Buffer.alloc(want);
      const read = readSync(fd, chunk, 0, want, null);
      if (read === 0) {
        break;
      }
      chunks.push(chunk.subarray(0, read));
      length += read;
    }
    if (length > maxBytes) {
      return { ok: false, problem: "too-large", detail: `is more than the ${String(maxBytes)} bytes allowed` };
    }
    return { ok: true, bytes: Buffer.concat(chunks, length) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "EISDIR"
      ? { ok: false, problem: "directory", detail: "is a directory" }
      : { ok: false, problem: "unreadable", detail: `cannot be read (${code ?? "unknown error"})` };
  } finally {
    closeSync(fd);
  }
}
