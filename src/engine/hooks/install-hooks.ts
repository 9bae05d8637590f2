/**
 * `custody hook install`: writes prepare-commit-msg and commit-msg into the repository's hooks
 * directory (honouring `core.hooksPath`). It never overwrites a hook it did not write unless told
 * to (`force`): a team's existing hook is theirs; Custody recognises its own by a marker line.
 */
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CustodyError } from "../../model/errors.js";
import { AUTHORIZED_ENV, git, repositoryRoot, TASK_ENV, type HookContext } from "./hook-context.js";

/** Every hook Custody writes carries this line; install recognises its own hooks by it. */
export const HOOK_MARKER = "# custody-hook: managed by `custody hook install`";

const HOOK_NAMES = ["prepare-commit-msg", "commit-msg"] as const;
type HookName = (typeof HOOK_NAMES)[number];

export interface InstallOptions {
  dir: string;
  force: boolean;
  /** Also write a pre-commit hook running `custody check --staged` (secrets and the rest of
   * the policy on the index before each commit, as `gitleaks protect --staged`). Opt-in: many
   * teams already have a pre-commit hook. */
  preCommit?: boolean;
  /** How the hook calls Custody: `custody` on PATH by default. */
  command: string;
}

function hookScript(name: HookName, command: string): string {
  // Without either variable prepare-commit-msg has nothing to add: skip starting Node at all, so a
  // person's commits pay nothing for the hook.
  const skip = name === "prepare-commit-msg" ? `[ -n "$${TASK_ENV}$${AUTHORIZED_ENV}" ] || exit 0\n` : "";
  return `#!/bin/sh\n${HOOK_MARKER}\n# Runs Custody's ${name} hook; see \`custody hook --help\`.\n${skip}exec ${command} hook ${name} "$@"\n`;
}

/** The pre-commit hook: the staged change judged by `custody check --staged`. */
function preCommitScript(command: string): string {
  return `#!/bin/sh\n${HOOK_MARKER}\n# Runs \`custody check --staged\` on what is about to be committed; see \`custody hook --help\`.\nexec ${command} check --staged --no-summary\n`;
}

export async function installHooks(io: HookContext, options: InstallOptions): Promise<string[]> {
  if (/[\r\n]/u.test(options.command) || options.command.trim() === "") {
    throw new CustodyError("USAGE", "--command must be one non-empty line: the command that runs Custody, such as `npx custody`.");
  }
  const cwd = resolve(io.cwd, options.dir);
  const root = await repositoryRoot(cwd);
  const hooksDir = resolve(root, (await git(root, ["rev-parse", "--git-path", "hooks"])).trim());
  await mkdir(hooksDir, { recursive: true });
  const written: string[] = [];
  const names: readonly (HookName | "pre-commit")[] = options.preCommit === true ? [...HOOK_NAMES, "pre-commit"] : HOOK_NAMES;
  for (const name of names) {
    const path = join(hooksDir, name);
    let existing: string | undefined;
    try {
      existing = await readFile(path, "utf8");
    } catch {
      existing = undefined;
    }
    if (existing !== undefined && !existing.includes(HOOK_MARKER) && !options.force) {
      throw new CustodyError(
        "USAGE",
        `A ${name} hook that Custody did not write already exists at ${path}. Custody will not replace it: merge the two by calling \`${options.command} hook ${name} "$@"\` from it, or rerun with --force to replace it.`,
        { position: { file: path } },
      );
    }
    await writeFile(
      path,
      name === "pre-commit" ? preCommitScript(options.command.trim()) : hookScript(name, options.command.trim()),
      "utf8",
    );
    await chmod(path, 0o755);
    written.push(path);
  }
  return written;
}
