/**
 * A per-repository key for secret fingerprints: the id of the repository's root commit (the
 * lexically first parentless commit reachable from HEAD). Every clone of the repository has it
 * and nobody holding only a SARIF or baseline file does, which is what makes a keyed fingerprint
 * impossible to check against a guessed secret offline (see docs/decisions.md, issue 11).
 */
import { runGit } from "./run-git.js";

export async function repositoryKey(repoDir: string): Promise<string | undefined> {
  const result = await runGit(repoDir, ["rev-list", "--max-parents=0", "HEAD"]);
  if (result.code !== 0) {
    return undefined;
  }
  const roots = result.stdout
    .toString("utf8")
    .split("\n")
    .filter((line) => /^[0-9a-f]{40,64}$/.test(line))
    .sort();
  return roots[0];
}
