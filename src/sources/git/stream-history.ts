/**
 * Streams a repository's history as `Commit` values from ONE `git log` process, parsed as its
 * output arrives. The async iterator pulls from git's stdout only as fast as the consumer takes
 * commits, so memory stays flat whether the history has a thousand commits or a million.
 * Merge commits carry no files (git log shows no diff for merges by default); their changes are
 * counted in the commits they merge.
 */
import type { Commit } from "../../model/commit.js";
import { CustodyError } from "../../model/errors.js";
import type { Repository } from "./repository.js";
import { isShallow, resolveRefs, shallowCloneError } from "./repository.js";
import { runGit, streamGit } from "./run-git.js";
import { LOG_FORMAT, LogParser, NulTokenizer } from "./parse-log.js";

export interface HistoryOptions {
  /** Only commits committed after this date (anything `git log --since` accepts). */
  since?: string;
  /** Only commits committed before this date. */
  until?: string;
  /** Revision or range to walk (`HEAD`, `main`, `base..head`). Default `HEAD`. */
  rev?: string;
  /** Oldest first (git buffers the walk for this: use for bounded ranges only). */
  reverse?: boolean;
}

function revisionArgs(options: HistoryOptions): string[] {
  const args: string[] = [];
  if (options.since !== undefined) {
    args.push(`--since=${options.since}`);
  }
  if (options.until !== undefined) {
    args.push(`--until=${options.until}`);
  }
  return args;
}

async function checkedRev(repo: Repository, rev: string | undefined): Promise<string | undefined> {
  if (rev === undefined) {
    // A repository with no commits yet has an empty history, not an error.
    const head = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
    return head.code === 0 ? "HEAD" : undefined;
  }
  // Every ref of a range is checked first (one process) so a typo is named, not a git error.
  await resolveRefs(
    repo,
    rev.split(/\.\.\.?/u).filter((part) => part !== ""),
  );
  return rev;
}

/** Number of commits `streamHistory` with the same options yields, for progress bars. */
export async function countCommits(repo: Repository, options: HistoryOptions = {}): Promise<number> {
  const rev = await checkedRev(repo, options.rev);
  if (rev === undefined) {
    return 0;
  }
  const result = await runGit(repo.dir, ["rev-list", "--count", ...revisionArgs(options), rev, "--"]);
  if (result.code !== 0) {
    throw new CustodyError("GIT_FAILED", `git rev-list --count ${rev} failed in ${repo.dir}: ${result.stderr.trim()}`);
  }
  return Number(result.stdout.toString("utf8").trim());
}

export async function* streamHistory(repo: Repository, options: HistoryOptions = {}): AsyncGenerator<Commit> {
  const rev = await checkedRev(repo, options.rev);
  if (rev === undefined) {
    return;
  }
  yield* streamLog(repo, rev, options);
}

/** `streamHistory` for a revision already checked by the caller (full shas): no ref look-up. */
export async function* streamLog(repo: Repository, rev: string, options: Omit<HistoryOptions, "rev"> = {}): AsyncGenerator<Commit> {
  const args = [
    "log",
    "-z",
    "--raw",
    "--numstat",
    "-M",
    "--no-abbrev",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    LOG_FORMAT,
    ...revisionArgs(options),
  ];
  if (options.reverse === true) {
    args.push("--reverse");
  }
  args.push(rev, "--");
  const git = streamGit(repo.dir, args);
  const tokenizer = new NulTokenizer();
  const parser = new LogParser();
  const ready: Commit[] = [];
  let finished = false;
  try {
    for await (const chunk of git.stdout) {
      for (const token of tokenizer.push(chunk)) {
        parser.push(token, ready);
      }
      while (ready.length > 0) {
        yield ready.shift() as Commit;
      }
    }
    const rest = tokenizer.end();
    if (rest) {
      parser.push(rest, ready);
    }
    parser.end(ready);
    const { code, stderr } = await git.finish();
    if (code !== 0) {
      if (await isShallow(repo)) {
        throw shallowCloneError(`Part of the history of "${rev}"`);
      }
      throw new CustodyError("GIT_FAILED", `git log ${rev} failed in ${repo.dir}: ${stderr.trim()}`);
    }
    finished = true;
    yield* ready;
  } finally {
    if (!finished) {
      // The consumer stopped early (or we failed): do not leave git running.
      git.stop();
    }
  }
}
