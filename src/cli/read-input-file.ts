/**
 * Reads a file the user named on the command line (`--event`, `--sarif`, ingest files) with a
 * byte cap, refusing anything that is not a regular file (`/dev/zero`, a FIFO, a socket) so a
 * name cannot make Custody read forever or grow without bound. Failures are one clear
 * FILE_NOT_FOUND error naming the option's purpose and the path.
 */
import { CustodyError } from "../model/errors.js";
import { readBoundedFile } from "../sources/file/read-bounded-file.js";

/** Default cap: an event payload or a SARIF log of a big scan fits comfortably. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export function readInputBytes(path: string, what: string, maxBytes: number = MAX_INPUT_BYTES): Buffer {
  const read = readBoundedFile(path, maxBytes);
  if (read.ok) {
    return read.bytes;
  }
  throw new CustodyError("FILE_NOT_FOUND", `The ${what} ${path} ${read.detail}.`, { position: { file: path } });
}

export function readInputFile(path: string, what: string, maxBytes: number = MAX_INPUT_BYTES): string {
  return readInputBytes(path, what, maxBytes).toString("utf8");
}
