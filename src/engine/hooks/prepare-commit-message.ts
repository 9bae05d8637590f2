/**
 * The prepare-commit-msg hook's work: add the task trailer (`Agent-Task`, or the policy's first
 * required trailer other than the delegator's) from CUSTODY_AGENT_TASK and the delegator trailer
 * (`Authorized-by`, or the policy's `provenance.delegator_trailer`) from CUSTODY_AUTHORIZED_BY.
 * git itself writes them (`git interpret-trailers`), so folding, comments and an existing trailer
 * block behave exactly as git defines them.
 */
import { loadPolicy } from "../../policy/index.js";
import { AUTHORIZED_ENV, envValue, git, readMessageFile, repositoryRoot, TASK_ENV, trailerKeys, type HookContext } from "./hook-context.js";

export async function prepareCommitMessage(io: HookContext, messageFile: string): Promise<string[]> {
  const task = envValue(io, TASK_ENV);
  const authorizedBy = envValue(io, AUTHORIZED_ENV);
  if (task === undefined && authorizedBy === undefined) {
    return [];
  }
  const root = await repositoryRoot(io.cwd);
  const { policy } = await loadPolicy({ repoDir: root });
  const keys = trailerKeys(policy);
  const { path } = await readMessageFile(io, messageFile);
  const added: string[] = [];
  if (task !== undefined) {
    added.push(`${keys.task}: ${task}`);
  }
  if (authorizedBy !== undefined) {
    added.push(`${keys.delegator}: ${authorizedBy}`);
  }
  // addIfDifferent: amending or re-running the hook does not stack identical trailers.
  await git(io.cwd, [
    "interpret-trailers",
    "--in-place",
    "--if-exists",
    "addIfDifferent",
    ...added.flatMap((trailer) => ["--trailer", trailer]),
    path,
  ]);
  return added;
}
