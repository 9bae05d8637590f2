/**
 * Reads the added lines out of `git diff -U0` output, one file section at a time, line by line
 * as the output streams in. A file whose added text exceeds `maxFileDiffBytes` is marked
 * truncated and its lines dropped, so one generated or vendored file cannot exhaust memory; its
 * addition/deletion counts come from `--numstat` and stay exact.
 *
 * Sections are matched to files by ORDER, not by the path in the `diff --git` header: git emits
 * one section per file pair in the same order as `--raw`/`--numstat` for the same diff, and the
 * header's paths are quoted or ambiguous for unusual names.
 */
import type { AddedLine } from "../../model/change.js";

export interface PatchSection {
  addedLines: AddedLine[];
  truncated: boolean;
}

const DIFF_HEADER = Buffer.from("diff --git ");

/**
 * Splits a byte stream into lines (without the `\n`). A line longer than `maxLineBytes` (a
 * minified bundle on one line) is cut to that length: memory stays bounded, and a cut `+` line
 * is still longer than the per-file limit, so its file is marked truncated.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxLineBytes = Number.MAX_SAFE_INTEGER) {}

  private keep(part: Buffer): void {
    const room = this.maxLineBytes - this.pendingBytes;
    if (room <= 0) {
      return;
    }
    const kept = part.length > room ? part.subarray(0, room) : part;
    // Copy: the chunk's memory may be reused by the stream.
    this.pending.push(Buffer.from(kept));
    this.pendingBytes += kept.length;
  }

  private take(last: Buffer): Buffer {
    if (this.pending.length === 0) {
      return last.length > this.maxLineBytes ? last.subarray(0, this.maxLineBytes) : last;
    }
    this.keep(last);
    const line = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    return line;
  }

  push(chunk: Buffer, onLine: (line: Buffer) => void): void {
    let start = 0;
    let index = chunk.indexOf(0x0a, start);
    while (index !== -1) {
      onLine(this.take(chunk.subarray(start, index)));
      start = index + 1;
      index = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) {
      this.keep(chunk.subarray(start));
    }
  }

  end(onLine: (line: Buffer) => void): void {
    if (this.pending.length > 0) {
      onLine(this.take(Buffer.alloc(0)));
    }
  }
}

/** Parses hunk header `@@ -a,b +c,d @@` and returns c (first new line). */
function hunkStart(line: string): number | undefined {
  const plus = line.indexOf(" +");
  if (plus === -1) {
    return undefined;
  }
  let end = plus + 2;
  while (end < line.length && line.charCodeAt(end) >= 0x30 && line.charCodeAt(end) <= 0x39) {
    end += 1;
  }
  const value = Number(line.slice(plus + 2, end));
  return Number.isInteger(value) ? value : undefined;
}

export class PatchParser {
  readonly sections: PatchSection[] = [];
  private current: PatchSection | undefined;
  private bytes = 0;
  private nextLine = 0;
  private inHunk = false;

  constructor(private readonly maxFileDiffBytes: number) {}

  line(line: Buffer): void {
    if (line.length >= DIFF_HEADER.length && line.subarray(0, DIFF_HEADER.length).equals(DIFF_HEADER)) {
      this.current = { addedLines: [], truncated: false };
      this.sections.push(this.current);
      this.bytes = 0;
      this.inHunk = false;
      return;
    }
    const current = this.current;
    if (!current) {
      return;
    }
    const first = line[0];
    if (first === 0x40 /* @ */ && line[1] === 0x40) {
      const start = hunkStart(line.toString("latin1"));
      if (start !== undefined) {
        this.nextLine = start;
        this.inHunk = true;
      }
      return;
    }
    if (!this.inHunk) {
      return;
    }
    if (first === 0x2b /* + */) {
      const lineNumber = this.nextLine;
      this.nextLine += 1;
      if (current.truncated) {
        return;
      }
      this.bytes += line.length;
      if (this.bytes > this.maxFileDiffBytes) {
        current.truncated = true;
        current.addedLines = [];
        return;
      }
      current.addedLines.push({ line: lineNumber, text: line.toString("utf8", 1) });
    } else if (first === 0x20 /* context */) {
      this.nextLine += 1;
    }
    // `-` lines and `\ No newline at end of file` do not move the new-side counter.
  }
}
