/**
 * `git blame --porcelain` of one file at a revision, parsed into one entry per line: the commit
 * that last changed it, the line's number in that commit's version of the file, and the file's
 * name there (renames are followed by git). Content is kept as text (lossy UTF-8: blame output
 * is for people). One git process per file; the output is bounded by the file's size.
 */
import { CustodyError } from "../../model/errors.js";
import type { Repository } from "./repository.js";
import { runGit } from "./run-git.js";

export interface BlameLine {
  /** 1-based line number in the file at the revision blamed. */
  line: number;
  sha: string;
  /** 1-based line number in `sha`'s version of the file. */
  originalLine: number;
  /** The file's path in `sha` (differs from the blamed path after a rename). */
  originalPath: string;
  content: string;
}

const HEADER = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) (\d+) (\d+)(?: \d+)?$/u;

export function parseBlamePorcelain(text: string): BlameLine[] {
  const out: BlameLine[] = [];
  const pathOf = new Map<string, string>();
  let current: { sha: string; originalLine: number; line: number } | undefined;
  for (const raw of text.split("\n")) {
    if (raw.startsWith("\t")) {
      if (current !== undefined) {
        out.push({ ...current, originalPath: pathOf.get(current.sha) ?? "", content: raw.slice(1) });
        current = undefined;
      }
      continue;
    }
    const header = HEADER.exec(raw);
    if (header) {
      current = { sha: header[1] ?? "", originalLine: Number(header[2]), line: Number(header[3]) };
      continue;
    }
    if (current !== undefined && raw.startsWith("filename ")) {
      pathOf.set(current.sha, raw.slice("filename ".length));
    }
  }
  return out;
}

export async function blameFile(repo: Repository, path: string, rev: string): Promise<BlameLine[]> {
  const result = await runGit(repo.dir, ["blame", "--porcelain", rev, "--", path]);
  if (result.code !== 0) {
    const message = result.stderr.trim();
    throw new CustodyError("USAGE", `Cannot blame ${path} at ${rev}: ${message || "git blame failed"}.`);
  }
  return parseBlamePorcelain(result.stdout.toString("utf8"));
}

/** The tracked files under `path` at `rev` (a file yields itself). */
export async function trackedFiles(repo: Repository, path: string, rev: string): Promise<string[]> {
  const result = await runGit(repo.dir, ["ls-tree", "-r", "-z", "--name-only", "--full-tree", rev, "--", path]);
  if (result.code !== 0) {
    throw new CustodyError("USAGE", `Cannot list ${path} at ${rev}: ${result.stderr.trim()}.`);
  }
  return result.stdout
    .toString("utf8")
    .split("\0")
    .filter((name) => name !== "");
}
