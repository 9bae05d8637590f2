/**
 * Incremental parser for `git log -z --raw --numstat` with our record format (LOG_FORMAT). Git's
 * output is split on NUL into tokens as chunks arrive; each commit is emitted as soon as the next
 * one starts, so memory holds one commit at a time however long the history is.
 *
 * Framing, as git 2.x prints it with `-z`: the format fields (ours, each ended by `%x00`), git's
 * own record terminator (an empty token), then the diff: `--raw` entries
 * (`:mode mode sha sha STATUS`, then one path, or two for renames and copies), then `--numstat`
 * entries (`added<TAB>deleted<TAB>path`, or `added<TAB>deleted<TAB>` then two paths for a rename),
 * the first of them prefixed by a newline. A record starts with RECORD_MARK, which no diff token
 * can start with (raw entries start with `:`, numstat with a digit or `-`, and paths are consumed
 * by count, never inspected).
 */
import type { Commit, FileChange, FileStatus, Trailer } from "../../model/commit.js";
import { decodePath } from "./decode-path.js";

const RECORD_MARK = 0x1e;
const TRAILER_SEPARATOR = "\x1f";
const TRAILER_KEY_VALUE = "\x1d";

/** The `--format` we ask git for; `parseLog` reads exactly these fields in this order. */
export const LOG_FORMAT =
  "--format=%x1e%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00" +
  // git's own trailer parser: only real trailers, folded continuation lines joined.
  "%(trailers:only=true,unfold=true,separator=%x1f,key_value_separator=%x1d)%x00%B%x00";

const HEADER_FIELDS = 10;

/** Splits a byte stream on NUL, keeping the unfinished tail between chunks. */
export class NulTokenizer {
  private pending: Buffer[] = [];

  /** Feeds a chunk; returns the complete tokens it finished. */
  push(chunk: Buffer): Buffer[] {
    const tokens: Buffer[] = [];
    let start = 0;
    let index = chunk.indexOf(0, start);
    while (index !== -1) {
      let token = chunk.subarray(start, index);
      if (this.pending.length > 0) {
        this.pending.push(token);
        token = Buffer.concat(this.pending);
        this.pending = [];
      }
      tokens.push(token);
      start = index + 1;
      index = chunk.indexOf(0, start);
    }
    if (start < chunk.length) {
      // Copy: the chunk's memory may be reused by the stream.
      this.pending.push(Buffer.from(chunk.subarray(start)));
    }
    return tokens;
  }

  /** What is left at end of input (a final token without a NUL). */
  end(): Buffer | undefined {
    if (this.pending.length === 0) {
      return undefined;
    }
    const rest = Buffer.concat(this.pending);
    this.pending = [];
    return rest;
  }
}

const STATUS: Record<string, FileStatus> = {
  A: "added",
  M: "modified",
  D: "deleted",
  R: "renamed",
  C: "copied",
  T: "type-changed",
};

interface RawEntry {
  status: FileStatus;
  path: Buffer;
  oldPath?: Buffer;
}

interface NumstatEntry {
  additions: number;
  deletions: number;
  binary: boolean;
}

type State =
  | { kind: "start" }
  | { kind: "header"; fields: string[] }
  | { kind: "diff" }
  | { kind: "raw-paths"; status: FileStatus; need: number; paths: Buffer[] }
  | { kind: "numstat-paths"; entry: NumstatEntry; need: number };

export function parseTrailers(text: string): Trailer[] {
  if (text === "") {
    return [];
  }
  const trailers: Trailer[] = [];
  for (const line of text.split(TRAILER_SEPARATOR)) {
    const at = line.indexOf(TRAILER_KEY_VALUE);
    if (at === -1) {
      continue;
    }
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (key !== "") {
      trailers.push({ key, value });
    }
  }
  return trailers;
}

function parseSignatureDate(value: string | undefined): string {
  return value ?? "";
}

/**
 * Turns NUL tokens into commits. Feed tokens with `push`, which returns commits completed so far;
 * call `end` after the last token.
 */
export class LogParser {
  private state: State = { kind: "start" };
  private fields: string[] = [];
  private raw: RawEntry[] = [];
  private numstat: NumstatEntry[] = [];
  private hasCommit = false;

  push(token: Buffer, out: Commit[]): void {
    const state = this.state;
    switch (state.kind) {
      case "start":
      case "diff": {
        if (token.length > 0 && token[0] === RECORD_MARK) {
          this.flush(out);
          this.fields = [token.toString("utf8", 1)];
          this.state = { kind: "header", fields: this.fields };
          return;
        }
        if (state.kind === "start") {
          return;
        }
        this.diffToken(token);
        return;
      }
      case "header": {
        state.fields.push(token.toString("utf8"));
        if (state.fields.length === HEADER_FIELDS) {
          this.hasCommit = true;
          this.state = { kind: "diff" };
        }
        return;
      }
      case "raw-paths": {
        state.paths.push(token);
        if (state.paths.length === state.need) {
          const [first, second] = state.paths;
          if (first && second) {
            this.raw.push({ status: state.status, oldPath: first, path: second });
          } else if (first) {
            this.raw.push({ status: state.status, path: first });
          }
          this.state = { kind: "diff" };
        }
        return;
      }
      case "numstat-paths": {
        state.need -= 1;
        if (state.need === 0) {
          this.numstat.push(state.entry);
          this.state = { kind: "diff" };
        }
        return;
      }
    }
  }

  private diffToken(token: Buffer): void {
    let start = 0;
    // The diff section starts after a newline git prints between the message and the diff.
    while (start < token.length && token[start] === 0x0a) {
      start += 1;
    }
    if (start === token.length) {
      return;
    }
    const text = token.toString("latin1", start);
    if (text.startsWith(":")) {
      // `:100644 100644 abc123 def456 R086`
      const letter = text.slice(text.lastIndexOf(" ") + 1, text.lastIndexOf(" ") + 2);
      const status = STATUS[letter] ?? "modified";
      const need = letter === "R" || letter === "C" ? 2 : 1;
      this.state = { kind: "raw-paths", status, need, paths: [] };
      return;
    }
    const firstTab = text.indexOf("\t");
    const secondTab = firstTab === -1 ? -1 : text.indexOf("\t", firstTab + 1);
    if (secondTab === -1) {
      return;
    }
    const added = text.slice(0, firstTab);
    const deleted = text.slice(firstTab + 1, secondTab);
    const binary = added === "-" && deleted === "-";
    const entry: NumstatEntry = {
      additions: binary ? 0 : Number(added),
      deletions: binary ? 0 : Number(deleted),
      binary,
    };
    if (secondTab === text.length - 1) {
      // A rename: the two paths follow as their own tokens.
      this.state = { kind: "numstat-paths", entry, need: 2 };
    } else {
      this.numstat.push(entry);
    }
  }

  private flush(out: Commit[]): void {
    if (!this.hasCommit) {
      return;
    }
    const f = this.fields;
    const message = f[9] ?? "";
    const newline = message.indexOf("\n");
    const files: FileChange[] = this.raw.map((entry, index) => {
      const counts = this.numstat[index] ?? { additions: 0, deletions: 0, binary: false };
      const decoded = decodePath(entry.path);
      const file: FileChange = {
        path: decoded.path,
        status: entry.status,
        additions: counts.additions,
        deletions: counts.deletions,
        binary: counts.binary,
      };
      let notUtf8 = decoded.notUtf8;
      if (entry.oldPath) {
        const old = decodePath(entry.oldPath);
        file.oldPath = old.path;
        notUtf8 ||= old.notUtf8;
      }
      if (notUtf8) {
        file.pathNotUtf8 = true;
      }
      return file;
    });
    out.push({
      sha: f[0] ?? "",
      parents: (f[1] ?? "") === "" ? [] : (f[1] ?? "").split(" "),
      author: { name: f[2] ?? "", email: f[3] ?? "", date: parseSignatureDate(f[4]) },
      committer: { name: f[5] ?? "", email: f[6] ?? "", date: parseSignatureDate(f[7]) },
      subject: newline === -1 ? message.trim() : message.slice(0, newline).trim(),
      message,
      trailers: parseTrailers(f[8] ?? ""),
      files,
    });
    this.hasCommit = false;
    this.fields = [];
    this.raw = [];
    this.numstat = [];
  }

  /** Parses the tokens of a bare `git diff -z --raw --numstat` (no commit header) into files. */
  static parseDiff(tokens: readonly Buffer[]): FileChange[] {
    const parser = new LogParser();
    parser.hasCommit = true;
    parser.state = { kind: "diff" };
    for (const token of tokens) {
      parser.push(token, []);
    }
    const out: Commit[] = [];
    parser.end(out);
    return out[0]?.files ?? [];
  }

  end(out: Commit[]): void {
    this.flush(out);
    this.state = { kind: "start" };
  }
}
