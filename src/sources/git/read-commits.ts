/**
 * Reads given commits (full shas) as `Commit` values with ONE `git log --no-walk` process, and
 * the git-ai authorship notes (`refs/notes/ai`) attached to them when that ref exists. Used by
 * `blame`, which needs the few commits that own a file's lines, not the whole history.
 */
import type { Commit } from "../../model/commit.js";
import type { Repository } from "./repository.js";
import { runGit, runGitOk } from "./run-git.js";
import { LOG_FORMAT, LogParser, NulTokenizer } from "./parse-log.js";

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/u;

function checked(shas: readonly string[]): string[] {
  for (const sha of shas) {
    if (!SHA.test(sha)) {
      throw new Error(`not a full commit id: ${sha}`);
    }
  }
  return [...new Set(shas)];
}

export async function readCommits(repo: Repository, shas: readonly string[]): Promise<Commit[]> {
  const wanted = checked(shas);
  if (wanted.length === 0) {
    return [];
  }
  // Commits are on stdin, not argv: a file blamed to thousands of commits stays within limits.
  const out = await runGitOk(
    repo.dir,
    ["log", "-z", "--no-walk=unsorted", "--stdin", "--no-abbrev", "--no-color", LOG_FORMAT],
    `${wanted.join("\n")}\n`,
  );
  const tokenizer = new NulTokenizer();
  const parser = new LogParser();
  const commits: Commit[] = [];
  for (const token of tokenizer.push(out)) {
    parser.push(token, commits);
  }
  const rest = tokenizer.end();
  if (rest) {
    parser.push(rest, commits);
  }
  parser.end(commits);
  return commits;
}

export const AI_NOTES_REF = "refs/notes/ai";

/** The git-ai note text of each commit that has one (none when refs/notes/ai does not exist). */
export async function readAiNotes(repo: Repository, shas: readonly string[]): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  const wanted = checked(shas);
  const exists = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", `${AI_NOTES_REF}^{commit}`]);
  if (exists.code !== 0 || wanted.length === 0) {
    return notes;
  }
  const out = await runGitOk(
    repo.dir,
    ["log", "-z", "--no-walk=unsorted", "--stdin", `--notes=${AI_NOTES_REF}`, "--format=%H%x1f%N"],
    `${wanted.join("\n")}\n`,
  );
  for (const record of out.toString("utf8").split("\0")) {
    const cut = record.indexOf("\x1f");
    if (cut === -1) {
      continue;
    }
    const note = record.slice(cut + 1);
    if (note.trim() !== "") {
      notes.set(record.slice(0, cut).trim(), note);
    }
  }
  return notes;
}

/** `git fetch REMOTE refs/notes/*:refs/notes/*`: notes are not fetched by a plain clone. */
export async function fetchNotes(repo: Repository, remote = "origin"): Promise<void> {
  await runGitOk(repo.dir, ["fetch", "--quiet", remote, "refs/notes/*:refs/notes/*"]);
}

/** The commits that carry a git-ai note: one `git notes list` (none when the ref is absent). */
export async function notedCommits(repo: Repository): Promise<Set<string>> {
  const exists = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", `${AI_NOTES_REF}^{commit}`]);
  if (exists.code !== 0) {
    return new Set();
  }
  const out = await runGitOk(repo.dir, ["notes", `--ref=${AI_NOTES_REF}`, "list"]);
  const shas = new Set<string>();
  for (const line of out.toString("utf8").split("\n")) {
    const commit = line.split(" ")[1]?.trim();
    if (commit !== undefined && SHA.test(commit)) {
      shas.add(commit);
    }
  }
  return shas;
}

/** The git-ai note of one commit (a process per noted commit: notes are the agents' commits). */
export async function readAiNote(repo: Repository, sha: string): Promise<string | undefined> {
  const result = await runGit(repo.dir, ["notes", `--ref=${AI_NOTES_REF}`, "show", checked([sha])[0] ?? ""]);
  return result.code === 0 ? result.stdout.toString("utf8") : undefined;
}
