/**
 * Reads a change (base..head) from git: its commits, oldest first, and the net diff from the
 * merge base to head with the lines it adds. Three git processes, none per file or per commit:
 * `git log` for the commits, `git diff --raw --numstat` for the file list and counts, and
 * `git diff -U0` streamed through a line parser for the added lines (bounded per file).
 */
import type { ChangedFile, Change } from "../../model/change.js";
import type { Commit } from "../../model/commit.js";
import type { Repository } from "./repository.js";
import { isShallow, resolveRefs, shallowCloneError } from "./repository.js";
import { gitFailed, gitMissingError, runGit, runGitOk, spawnGit } from "./run-git.js";
import { LogParser, NulTokenizer } from "./parse-log.js";
import { LineSplitter, PatchParser } from "./parse-patch.js";
import type { PatchSection } from "./parse-patch.js";
import { streamLog } from "./stream-history.js";

export interface ReadChangeOptions {
  /** Added text kept per file before it is marked `truncated`. Default 1 MiB. */
  maxFileDiffBytes?: number;
}

export const DEFAULT_MAX_FILE_DIFF_BYTES = 1024 * 1024;

const DIFF_OPTIONS = ["-M", "--no-color", "--no-ext-diff", "--no-textconv", "--ignore-submodules=none"];

/** Called when `base...head` has no merge base: a shallow clone that lacks it, or unrelated histories. */
async function missingMergeBase(repo: Repository, base: string, head: string): Promise<string> {
  const result = await runGit(repo.dir, ["merge-base", base, head]);
  if (result.code === 0) {
    return result.stdout.toString("utf8").trim();
  }
  if (await isShallow(repo)) {
    throw shallowCloneError(`The common ancestor of ${base} and ${head}`);
  }
  if (result.code === 1 && result.stderr.trim() === "") {
    // Unrelated histories: the net change is simply base → head.
    return base;
  }
  throw gitFailed(["merge-base", base, head], result.stderr);
}

function streamPatch(repo: Repository, revs: readonly string[], maxFileDiffBytes: number): Promise<PatchSection[]> {
  return new Promise((resolve, reject) => {
    const args = ["diff", "-U0", ...DIFF_OPTIONS, ...revs, "--"];
    const child = spawnGit(repo.dir, args);
    // Never shorter than a header line with long paths, never much longer than the file limit.
    const splitter = new LineSplitter(Math.max(maxFileDiffBytes + 2, 65_536));
    const parser = new PatchParser(maxFileDiffBytes);
    const onLine = (line: Buffer): void => {
      parser.line(line);
    };
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      splitter.push(chunk, onLine);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr += text;
    });
    child.on("error", (error) => {
      reject(gitMissingError(error));
    });
    child.on("close", (code) => {
      splitter.end(onLine);
      if (code === 0) {
        resolve(parser.sections);
      } else {
        reject(gitFailed(args, stderr));
      }
    });
    child.stdin.end();
  });
}

async function readFiles(repo: Repository, revs: readonly string[], maxFileDiffBytes: number): Promise<ChangedFile[]> {
  // The listing and the patch run concurrently: two git processes, each streaming.
  const [listing, sections] = await Promise.all([
    runGitOk(repo.dir, ["diff", "-z", "--raw", "--numstat", "--no-abbrev", ...DIFF_OPTIONS, ...revs, "--"]),
    streamPatch(repo, revs, maxFileDiffBytes),
  ]);
  const tokenizer = new NulTokenizer();
  const tokens = tokenizer.push(listing);
  const rest = tokenizer.end();
  if (rest) {
    tokens.push(rest);
  }
  return LogParser.parseDiff(tokens).map((file, index) => {
    const section = sections[index];
    const changed: ChangedFile = { ...file, addedLines: file.binary ? [] : (section?.addedLines ?? []) };
    if (section?.truncated === true) {
      changed.truncated = true;
    }
    return changed;
  });
}

async function collect(history: AsyncIterable<Commit>): Promise<Commit[]> {
  const commits: Commit[] = [];
  for await (const commit of history) {
    commits.push(commit);
  }
  return commits;
}

export async function readChange(repo: Repository, base: string, head: string, options: ReadChangeOptions = {}): Promise<Change> {
  const [baseSha = "", headSha = ""] = await resolveRefs(repo, [base, head]);
  const maxBytes = options.maxFileDiffBytes ?? DEFAULT_MAX_FILE_DIFF_BYTES;
  // `base...head` diffs from the merge base (what a pull request shows) without a separate
  // merge-base process; only when git finds none do we ask why (shallow clone, unrelated).
  const commitsPromise = collect(streamLog(repo, `${baseSha}..${headSha}`, { reverse: true }));
  // Marked handled now: if the diff fails first we throw its error, not an unhandled rejection.
  commitsPromise.catch(() => undefined);
  let files: ChangedFile[];
  try {
    files = await readFiles(repo, [`${baseSha}...${headSha}`], maxBytes);
  } catch (error) {
    const from = await missingMergeBase(repo, baseSha, headSha);
    if (from !== baseSha) {
      throw error;
    }
    files = await readFiles(repo, [baseSha, headSha], maxBytes);
  }
  return { base: baseSha, head: headSha, commits: await commitsPromise, files };
}

/** git's empty tree: the base of a first commit, when HEAD does not exist yet. */
const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/**
 * The change staged for the next commit (`git diff --cached HEAD`), as `custody check --staged`
 * and the pre-commit hook judge it, like `gitleaks protect --staged`. `base` is HEAD (the empty
 * tree before the first commit); `head` is the empty string, which a git snapshot reads as the
 * index (`:path`). It has no commits yet.
 */
export async function readStagedChange(repo: Repository, options: ReadChangeOptions = {}): Promise<Change> {
  const headCommit = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  const base = headCommit.code === 0 ? headCommit.stdout.toString("utf8").trim() : EMPTY_TREE;
  const files = await readFiles(repo, ["--cached", base], options.maxFileDiffBytes ?? DEFAULT_MAX_FILE_DIFF_BYTES);
  return { base, head: "", commits: [], files };
}
