/**
 * The commits a merge brought in: reachable from its second (and later) parents and not from its
 * first — on a platform merge, exactly the pull request's commits. One `git rev-list` per merge,
 * asked only for merges whose branch an agent named, so the cost follows the number of agent
 * pull requests, not the size of history.
 */
import type { Repository } from "./repository.js";
import { runGitOk } from "./run-git.js";

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/u;

export async function mergedCommits(repo: Repository, parents: readonly string[]): Promise<string[]> {
  const [first, ...rest] = parents;
  if (first === undefined || rest.length === 0) {
    return [];
  }
  // Parents come from git log itself; checked anyway so nothing here can be read as an option.
  for (const sha of parents) {
    if (!SHA.test(sha)) {
      throw new Error(`not a full commit id: ${sha}`);
    }
  }
  const out = await runGitOk(repo.dir, ["rev-list", ...rest, `^${first}`, "--"]);
  return out
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "");
}

export interface MergeRecord {
  sha: string;
  parents: string[];
  subject: string;
  message: string;
}

/** The merges on `rev`'s first-parent line (the pull requests that landed on it), newest first. */
export async function listMerges(repo: Repository, rev: string): Promise<MergeRecord[]> {
  const out = await runGitOk(repo.dir, [
    "log",
    "-z",
    "--merges",
    "--first-parent",
    "--no-abbrev",
    "--no-color",
    "--format=%H%x1f%P%x1f%B",
    rev,
    "--",
  ]);
  const merges: MergeRecord[] = [];
  for (const record of out.toString("utf8").split("\0")) {
    const [sha = "", parents = "", message = ""] = record.split("\x1f");
    if (!SHA.test(sha.trim())) {
      continue;
    }
    const newline = message.indexOf("\n");
    merges.push({
      sha: sha.trim(),
      parents: parents.split(" ").filter((p) => p !== ""),
      subject: (newline === -1 ? message : message.slice(0, newline)).trim(),
      message,
    });
  }
  return merges;
}
