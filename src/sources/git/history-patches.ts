/**
 * Streams the lines every commit added, from ONE `git log -p --unified=0` process, parsed as its
 * output arrives: for each commit and file, chunks of added lines with their line numbers in
 * that commit's version of the file. Memory is bounded whatever the history holds: the parser
 * keeps one line at a time (a line longer than `maxLineBytes` is cut there), and a file's added
 * lines are handed out in chunks of at most `chunkBytes`, so a vendored megabyte file never sits
 * in memory whole. The consumer pulls; git is paused by back-pressure and killed if the
 * consumer stops early.
 *
 * Git is spawned with an argument array; the revision is resolved first (a ref beginning with
 * `-` is refused), and `--end-of-options` keeps it from being read as an option. Hunks are
 * consumed by their header counts (`@@ -a,b +c,d @@`), so an added line that itself starts with
 * `+++ ` or `diff --git` is content, never a header.
 */
import type { AddedLine } from "../../model/change.js";
import { CustodyError } from "../../model/errors.js";
import { decodePath } from "./decode-path.js";
import { isShallow, openRepository, resolveRef, shallowCloneError } from "./repository.js";
import { runGit, streamGit } from "./run-git.js";

export interface FilePatch {
  commit: string;
  path: string;
  /** Added lines of this chunk, in order, 1-based line numbers in the commit's version. */
  addedLines: AddedLine[];
  /** More chunks of the same commit and file follow. */
  continues: boolean;
  /** Some lines of this chunk were longer than `maxLineBytes` and were cut. */
  cutLines: boolean;
}

export interface HistoryPatchOptions {
  /** Revision to walk from (default HEAD). */
  rev?: string;
  /** Walk every ref (`--all`) instead of one revision. */
  all?: boolean;
  /** Only commits committed on or after / before these dates (ISO 8601; as `git log --since/--until`). */
  since?: string;
  until?: string;
  /** Lines longer than this many bytes are cut (default 1 MiB). */
  maxLineBytes?: number;
  /** Added lines are handed out in chunks of about this many bytes (default 1 MiB). */
  chunkBytes?: number;
}

const COMMIT_PREFIX = "custody-commit ";

/** Splits a byte stream into lines, holding at most `maxLineBytes` of any one line. */
class BoundedLineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflow = false;

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer, onLine: (line: Buffer, cut: boolean) => void): void {
    let start = 0;
    for (let index = chunk.indexOf(0x0a); index !== -1; index = chunk.indexOf(0x0a, start)) {
      if (this.pendingBytes === 0 && !this.overflow && index - start <= this.maxLineBytes) {
        // The common case, a whole line inside this chunk: hand out a view, no copy (the
        // consumer decodes it to a string at once). Profiled: the copy was a fifth of the pass.
        onLine(chunk.subarray(start, index), false);
        start = index + 1;
        continue;
      }
      this.keep(chunk.subarray(start, index));
      onLine(Buffer.concat(this.pending), this.overflow);
      this.pending = [];
      this.pendingBytes = 0;
      this.overflow = false;
      start = index + 1;
    }
    if (start < chunk.length) {
      this.keep(Buffer.from(chunk.subarray(start)));
    }
  }

  end(onLine: (line: Buffer, cut: boolean) => void): void {
    if (this.pendingBytes > 0) {
      onLine(Buffer.concat(this.pending), this.overflow);
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  private keep(part: Buffer): void {
    const room = this.maxLineBytes - this.pendingBytes;
    if (part.length > room) {
      this.overflow = true;
      part = part.subarray(0, Math.max(0, room));
    }
    if (part.length > 0) {
      this.pending.push(part);
      this.pendingBytes += part.length;
    }
  }
}

/** Undoes git's C-style quoting of a path (`"a\tb"`, octal escapes) into bytes. */
export function unquoteGitPath(text: string): Buffer {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) {
    return Buffer.from(text, "utf8");
  }
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, "\\": 92 };
  for (let i = 0; i < body.length; i++) {
    const char = body.charAt(i);
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = body.charAt(i + 1);
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal !== null) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes);
}

/** `@@ -a,b +c,d @@` → old count, new start, new count (counts default to 1). */
function parseHunk(line: string): { oldCount: number; newStart: number; newCount: number } | undefined {
  const match = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
  if (match === null) {
    return undefined;
  }
  return { oldCount: Number(match[1] ?? 1), newStart: Number(match[2]), newCount: Number(match[3] ?? 1) };
}

class PatchStreamParser {
  private commit = "";
  private path: string | undefined;
  private oldLeft = 0;
  private newLeft = 0;
  private nextLine = 0;
  private lines: AddedLine[] = [];
  private bytes = 0;
  private cut = false;

  constructor(
    private readonly chunkBytes: number,
    private readonly out: FilePatch[],
  ) {}

  line(raw: Buffer, cut: boolean): void {
    if (this.oldLeft > 0 || this.newLeft > 0) {
      this.hunkLine(raw, cut);
      return;
    }
    const text = raw.toString("utf8");
    if (text.startsWith(COMMIT_PREFIX)) {
      this.flush(false);
      this.commit = text.slice(COMMIT_PREFIX.length).trim();
      this.path = undefined;
    } else if (text.startsWith("diff --git ")) {
      this.flush(false);
      this.path = undefined;
    } else if (text.startsWith("+++ ")) {
      let name = text.slice(4);
      if (name.endsWith("\t")) {
        name = name.slice(0, -1);
      }
      if (name === "/dev/null") {
        this.path = undefined;
      } else {
        const bytes = unquoteGitPath(name);
        this.path = decodePath(bytes.subarray(bytes.subarray(0, 2).toString() === "b/" ? 2 : 0)).path;
      }
    } else if (text.startsWith("@@ ")) {
      const hunk = parseHunk(text);
      if (hunk !== undefined) {
        this.oldLeft = hunk.oldCount;
        this.newLeft = hunk.newCount;
        this.nextLine = hunk.newStart;
      }
    }
  }

  private hunkLine(raw: Buffer, cut: boolean): void {
    const first = raw[0];
    if (first === 0x2d /* - */) {
      this.oldLeft--;
    } else if (first === 0x2b /* + */) {
      this.newLeft--;
      if (this.path !== undefined) {
        // Flush before adding, so the last chunk of a file is always the one marked final.
        if (this.bytes >= this.chunkBytes) {
          this.flush(true);
        }
        const text = raw.subarray(1).toString("utf8");
        this.lines.push({ line: this.nextLine, text });
        this.bytes += raw.length;
        this.cut ||= cut;
      }
      this.nextLine++;
    } else if (first === 0x5c /* \ No newline at end of file */) {
      // Not a line of either side.
    } else {
      // Context lines do not occur with --unified=0; treat one as both sides to stay in sync.
      this.oldLeft--;
      this.newLeft--;
      this.nextLine++;
    }
  }

  flush(continues: boolean): void {
    if (this.path !== undefined && this.lines.length > 0) {
      this.out.push({ commit: this.commit, path: this.path, addedLines: this.lines, continues, cutLines: this.cut });
    }
    this.lines = [];
    this.bytes = 0;
    this.cut = false;
  }
}

export async function* historyPatches(repoDir: string, options: HistoryPatchOptions = {}): AsyncGenerator<FilePatch> {
  const repo = await openRepository(repoDir);
  let revs: string[];
  if (options.all === true) {
    revs = ["--all"];
  } else if (options.rev !== undefined) {
    revs = ["--end-of-options", await resolveRef(repo, options.rev)];
  } else {
    const head = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
    if (head.code !== 0) {
      return; // no commits yet: nothing was ever added
    }
    revs = ["--end-of-options", "HEAD"];
  }
  const args = [
    "log",
    "-p",
    "--no-color",
    "--unified=0",
    "-M",
    "--no-ext-diff",
    "--no-textconv",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    `--format=${COMMIT_PREFIX}%H`,
    ...(options.since === undefined ? [] : [`--since=${options.since}`]),
    ...(options.until === undefined ? [] : [`--until=${options.until}`]),
    ...revs,
    "--",
  ];
  const git = streamGit(repo.dir, args);
  const ready: FilePatch[] = [];
  const splitter = new BoundedLineSplitter(options.maxLineBytes ?? 1 << 20);
  const parser = new PatchStreamParser(options.chunkBytes ?? 1 << 20, ready);
  const onLine = (line: Buffer, cut: boolean): void => {
    parser.line(line, cut);
  };
  let finished = false;
  try {
    for await (const chunk of git.stdout) {
      splitter.push(chunk, onLine);
      while (ready.length > 0) {
        yield ready.shift() as FilePatch;
      }
    }
    splitter.end(onLine);
    parser.flush(false);
    const { code, stderr } = await git.finish();
    if (code !== 0) {
      if (await isShallow(repo)) {
        throw shallowCloneError("Part of the history");
      }
      throw new CustodyError("GIT_FAILED", `git log -p failed in ${repo.dir}: ${stderr.trim()}`);
    }
    finished = true;
    yield* ready;
  } finally {
    if (!finished) {
      git.stop();
    }
  }
}
