/**
 * What the commit hooks share: the session variables that declare an agent session
 * (CUSTODY_AGENT_TASK, CUSTODY_AUTHORIZED_BY), the trailer keys the policy asks for, git run in
 * the repository, and the commit message file git hands a hook. A hook runs with the process's
 * working directory and environment; `HookContext` is that pair, so tests pass their own.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { CustodyError } from "../../model/errors.js";
import type { Policy } from "../../policy/index.js";
import { runGit } from "../../sources/git/run-git.js";

export interface HookContext {
  cwd: string;
  env: Record<string, string | undefined>;
}

export const TASK_ENV = "CUSTODY_AGENT_TASK";
export const AUTHORIZED_ENV = "CUSTODY_AUTHORIZED_BY";

export async function git(cwd: string, args: string[], input?: string): Promise<string> {
  const result = await runGit(cwd, args, input);
  if (result.code !== 0) {
    const detail = result.stderr.trim().split("\n")[0] ?? "";
    if (/not a git repository/iu.test(result.stderr)) {
      throw new CustodyError(
        "NOT_A_REPOSITORY",
        `${cwd} is not inside a git repository, so there is nowhere to install or run hooks. Run the command from a repository or pass --dir.`,
      );
    }
    throw new CustodyError("GIT_FAILED", `git ${args.join(" ")} failed in ${cwd}: ${detail}`);
  }
  return result.stdout.toString("utf8");
}

export async function repositoryRoot(cwd: string): Promise<string> {
  return (await git(cwd, ["rev-parse", "--show-toplevel"])).trim();
}

/** The trailer keys this repository's policy asks for. */
export interface TrailerKeys {
  task: string;
  delegator: string;
  required: string[];
}

export function trailerKeys(policy: Policy): TrailerKeys {
  const delegator = policy.provenance.delegator_trailer;
  const required = [...policy.provenance.required_trailers];
  const task = required.find((key) => key.toLowerCase() !== delegator.toLowerCase()) ?? "Agent-Task";
  return { task, delegator, required };
}

export function envValue(io: HookContext, name: string): string | undefined {
  const raw = io.env[name];
  if (raw === undefined || raw.trim() === "") {
    return undefined;
  }
  if (/[\r\n]/u.test(raw)) {
    throw new CustodyError(
      "USAGE",
      `The environment variable ${name} contains a line break. A trailer value is one line; a second line would add a trailer nobody wrote. Set ${name} to a single line.`,
    );
  }
  return raw.trim();
}

export async function readMessageFile(io: HookContext, file: string): Promise<{ path: string; text: string }> {
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  try {
    return { path, text: await readFile(path, "utf8") };
  } catch (error) {
    throw new CustodyError(
      "FILE_NOT_FOUND",
      `The commit message file ${file} cannot be read. git passes it to the hook; run the hook through git, not by hand.`,
      {
        position: { file },
        cause: error,
      },
    );
  }
}
