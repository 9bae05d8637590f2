/**
 * Opening a repository and resolving refs. A `Repository` is just the checked work tree (or bare
 * repository) directory and its git directory; every read goes through the git executable.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { CustodyError } from "../../model/errors.js";
import { runGit } from "./run-git.js";

export interface Repository {
  /** Absolute directory the repository was opened at. */
  readonly dir: string;
  /** Absolute git directory (`.git`, or the repository itself when bare). */
  readonly gitDir: string;
}

export async function openRepository(dir: string): Promise<Repository> {
  const absolute = path.resolve(dir);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new CustodyError(
      "NOT_A_REPOSITORY",
      `${absolute} is not a directory, so it cannot be a git repository. Pass the directory of a git checkout.`,
    );
  }
  const result = await runGit(absolute, ["rev-parse", "--absolute-git-dir"]);
  if (result.code !== 0) {
    throw new CustodyError(
      "NOT_A_REPOSITORY",
      `${absolute} is not a git repository (git said: ${result.stderr.trim()}). Run Custody inside a git checkout or pass its directory.`,
    );
  }
  return { dir: absolute, gitDir: result.stdout.toString("utf8").trim() };
}

export async function isShallow(repo: Repository): Promise<boolean> {
  const result = await runGit(repo.dir, ["rev-parse", "--is-shallow-repository"]);
  return result.code === 0 && result.stdout.toString("utf8").trim() === "true";
}

export function shallowCloneError(what: string): CustodyError {
  return new CustodyError(
    "SHALLOW_CLONE",
    `${what} is not in this clone because it is shallow (its history was cut). Fetch the full history first: ` +
      "run `git fetch --unshallow`, or in GitHub Actions set `fetch-depth: 0` on actions/checkout.",
  );
}

/**
 * Resolves refs (branch, tag, sha, `HEAD~2`) to full commit shas with ONE git process
 * (`cat-file --batch-check`, refs on stdin: a ref can never be read as an option). A ref that
 * is empty or has a line break is refused: git's ref names cannot contain either.
 */
export async function resolveRefs(repo: Repository, refs: readonly string[]): Promise<string[]> {
  for (const ref of refs) {
    if (ref.trim() === "" || /[\r\n\0]/u.test(ref)) {
      throw new CustodyError("UNKNOWN_REF", `${JSON.stringify(ref)} is not a valid git ref.`);
    }
  }
  const input = refs.map((ref) => `${ref}^{commit}\n`).join("");
  const result = await runGit(repo.dir, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], input);
  if (result.code !== 0) {
    throw new CustodyError("GIT_FAILED", `git cat-file failed in ${repo.dir}: ${result.stderr.trim()}`);
  }
  const lines = result.stdout.toString("utf8").split("\n");
  const shas: string[] = [];
  for (const [index, ref] of refs.entries()) {
    const [sha, type] = (lines[index] ?? "").split(" ");
    if (type === "commit" && sha !== undefined && /^[0-9a-f]{40,64}$/u.test(sha)) {
      shas.push(sha);
      continue;
    }
    if (await isShallow(repo)) {
      throw shallowCloneError(`The ref "${ref}"`);
    }
    throw new CustodyError(
      "UNKNOWN_REF",
      `The git ref "${ref}" does not name a commit in ${repo.dir}. Check the branch, tag or sha (and fetch it if it lives on a remote).`,
    );
  }
  return shas;
}

export async function resolveRef(repo: Repository, ref: string): Promise<string> {
  const [sha] = await resolveRefs(repo, [ref]);
  return sha ?? "";
}

/** Whether `ancestor` is reachable from `descendant` (`git merge-base --is-ancestor`). */
export async function isAncestor(repo: Repository, ancestor: string, descendant: string): Promise<boolean> {
  return (await runGit(repo.dir, ["merge-base", "--is-ancestor", ancestor, descendant])).code === 0;
}
