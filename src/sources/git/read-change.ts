/**
 * Reads a change (base..head) from git: its commits, oldest first, and the net diff from the
 * merge base to head with the lines it adds. Three git processes, none per file or per commit:
 * `git log` for the commits, `git diff --raw --numstat` for the file list and counts, and
 * `git diff -U0` streamed through a line parser for the added lines (bounded per file).
 */
import type { ChangedFile, Change } from "../../model/change.js";
import type { Commit } from "../../model/commit.js";
import type { Repository } from "./repository.js";
import { isShallow, resolveRef, shallowCloneError } from "./repository.js";
import { gitFailed, gitMissingError, runGit, runGitOk, spawnGit } from "./run-git.js";
import { LogParser, NulTokenizer } from "./parse-log.js";
import { LineSplitter, PatchParser } from "./parse-patch.js";
import type { PatchSection } from "./parse-patch.js";
import { streamHistory } from "./stream-history.js";

export interface ReadChangeOptions {
  /** Added text kept per file before it is marked `truncated`. Default 1 MiB. */
  maxFileDiffBytes?: number;
}

export const DEFAULT_MAX_FILE_DIFF_BYTES = 1024 * 1024;

const DIFF_OPTIONS = ["-M", "--no-color", "--no-ext-diff", "--no-textconv", "--ignore-submodules=none"];

async function mergeBase(repo: Repository, base: string, head: string): Promise<string> {
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

function streamPatch(repo: Repository, from: string, to: string, maxFileDiffBytes: number): Promise<PatchSection[]> {
  return new Promise((resolve, reject) => {
    const args = ["diff", "-U0", ...DIFF_OPTIONS, from, to, "--"];
    const child = spawnGit(repo.dir, args);
    const splitter = new LineSplitter();
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

export async function readChange(repo: Repository, base: string, head: string, options: ReadChangeOptions = {}): Promise<Change> {
  const baseSha = await resolveRef(repo, base);
  const headSha = await resolveRef(repo, head);
  const from = await mergeBase(repo, baseSha, headSha);

  const commits: Commit[] = [];
  for await (const commit of streamHistory(repo, { rev: `${baseSha}..${headSha}`, reverse: true })) {
    commits.push(commit);
  }

  const listing = await runGitOk(repo.dir, ["diff", "-z", "--raw", "--numstat", "--no-abbrev", ...DIFF_OPTIONS, from, headSha, "--"]);
  const tokenizer = new NulTokenizer();
  const tokens = tokenizer.push(listing);
  const rest = tokenizer.end();
  if (rest) {
    tokens.push(rest);
  }
  const fileChanges = LogParser.parseDiff(tokens);
  const sections = await streamPatch(repo, from, headSha, options.maxFileDiffBytes ?? DEFAULT_MAX_FILE_DIFF_BYTES);

  const files: ChangedFile[] = fileChanges.map((file, index) => {
    const section = sections[index];
    const changed: ChangedFile = { ...file, addedLines: file.binary ? [] : (section?.addedLines ?? []) };
    if (section?.truncated === true) {
      changed.truncated = true;
    }
    return changed;
  });
  return { base: baseSha, head: headSha, commits, files };
}
