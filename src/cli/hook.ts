/**
 * `custody hook`: git hooks that link every agent commit to its task and to the human who
 * authorised it.
 *
 * - `custody hook install` writes `prepare-commit-msg` and `commit-msg` into the repository's
 *   hooks directory (honouring `core.hooksPath`). It never overwrites a hook it did not write
 *   unless told to (`--force`): a team's existing hook is theirs.
 * - `prepare-commit-msg` adds the task trailer (`Agent-Task`, or the policy's first required
 *   trailer other than the delegator's) from CUSTODY_AGENT_TASK and the delegator trailer
 *   (`Authorized-by`, or the policy's `provenance.delegator_trailer`) from CUSTODY_AUTHORIZED_BY.
 *   Whoever starts an agent session sets those two variables; the agent's commits then carry them.
 * - `commit-msg` classifies the commit about to be made (author and committer from git, trailers
 *   parsed by `git interpret-trailers`) with the same signatures `custody check` uses, and rejects
 *   an agent-authored commit whose message lacks a required trailer.
 *
 * Trailers are written and read by git itself (`git interpret-trailers`), so folding, comment
 * lines and an existing trailer block behave exactly as git defines them. A variable value with
 * a line break is refused: it would smuggle a second trailer into the message. Hooks can be
 * skipped with `git commit --no-verify`; that is why `custody check` requires the same trailers
 * in CI.
 */
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import type { Command } from "commander";
import type { Commit, Signature } from "../model/commit.js";
import { CustodyError } from "../model/errors.js";
import { loadPolicy } from "../policy/index.js";
import type { Policy } from "../policy/index.js";
import { buildRegistry, classifyCommit } from "../provenance/index.js";
import { runGit } from "../sources/git/run-git.js";
import type { CliIO } from "./cli-io.js";
import type { CommandModule } from "./command.js";
import { EXIT_FAIL, EXIT_PASS } from "./exit-codes.js";

/** Every hook Custody writes carries this line; install recognises its own hooks by it. */
export const HOOK_MARKER = "# custody-hook: managed by `custody hook install`";

export const HOOK_NAMES = ["prepare-commit-msg", "commit-msg"] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export const TASK_ENV = "CUSTODY_AGENT_TASK";
export const AUTHORIZED_ENV = "CUSTODY_AUTHORIZED_BY";
const AUTHORIZED_BY_EXAMPLE = `${AUTHORIZED_ENV}="Jane Doe <jane@example.com>"`;

async function git(cwd: string, args: string[], input?: string): Promise<string> {
  const result = await runGit(cwd, args, input);
  if (result.code !== 0) {
    const detail = result.stderr.trim().split("\n")[0] ?? "";
    if (/not a git repository/iu.test(result.stderr)) {
      throw new CustodyError("NOT_A_REPOSITORY", `${cwd} is not inside a git repository, so there is nowhere to install or run hooks. Run the command from a repository or pass --dir.`);
    }
    throw new CustodyError("GIT_FAILED", `git ${args.join(" ")} failed in ${cwd}: ${detail}`);
  }
  return result.stdout.toString("utf8");
}

async function repositoryRoot(cwd: string): Promise<string> {
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

function envValue(io: CliIO, name: string): string | undefined {
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

async function readMessageFile(io: CliIO, file: string): Promise<{ path: string; text: string }> {
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  try {
    return { path, text: await readFile(path, "utf8") };
  } catch (error) {
    throw new CustodyError("FILE_NOT_FOUND", `The commit message file ${file} cannot be read. git passes it to the hook; run the hook through git, not by hand.`, {
      position: { file },
      cause: error,
    });
  }
}

// ---- prepare-commit-msg --------------------------------------------------------------------

export async function prepareCommitMessage(io: CliIO, messageFile: string): Promise<string[]> {
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
  await git(io.cwd, ["interpret-trailers", "--in-place", "--if-exists", "addIfDifferent", ...added.flatMap((trailer) => ["--trailer", trailer]), path]);
  return added;
}

// ---- commit-msg ----------------------------------------------------------------------------

/** `Name <email> 1700000000 +0000` as `git var` prints an ident. */
function parseIdent(ident: string): Signature {
  const text = ident.trim();
  const open = text.lastIndexOf("<");
  const close = text.lastIndexOf(">");
  if (open === -1 || close < open) {
    return { name: text, email: "", date: new Date().toISOString() };
  }
  return { name: text.slice(0, open).trim(), email: text.slice(open + 1, close).trim(), date: new Date().toISOString() };
}

async function identity(io: CliIO, role: "AUTHOR" | "COMMITTER"): Promise<Signature> {
  // git exports the commit's identity to its hooks; the git we spawn does not inherit GIT_*
  // variables, so read them here first and ask `git var` (config, defaults) only without them.
  const name = io.env[`GIT_${role}_NAME`];
  const email = io.env[`GIT_${role}_EMAIL`];
  const fromGit = parseIdent(await git(io.cwd, ["var", `GIT_${role}_IDENT`]));
  return { name: name ?? fromGit.name, email: email ?? fromGit.email, date: fromGit.date };
}

function withoutComments(text: string): string {
  return text
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("\n");
}

/** The commit about to be made, as the classifier sees commits. */
export async function pendingCommit(io: CliIO, messageFile: string): Promise<Commit> {
  const { text } = await readMessageFile(io, messageFile);
  const message = withoutComments(text);
  const parsed = await git(io.cwd, ["interpret-trailers", "--parse"], message);
  const trailers = parsed
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const colon = line.indexOf(":");
      return colon === -1 ? { key: line.trim(), value: "" } : { key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    });
  const subject = message.split("\n").find((line) => line.trim() !== "") ?? "";
  return {
    sha: "0".repeat(40),
    parents: [],
    author: await identity(io, "AUTHOR"),
    committer: await identity(io, "COMMITTER"),
    subject,
    message,
    trailers,
    files: [],
  };
}

export interface CommitMessageVerdict {
  agent?: string;
  missing: string[];
}

export async function checkCommitMessage(io: CliIO, messageFile: string): Promise<CommitMessageVerdict> {
  const root = await repositoryRoot(io.cwd);
  const { policy } = await loadPolicy({ repoDir: root });
  const keys = trailerKeys(policy);
  const commit = await pendingCommit(io, messageFile);
  const provenance = classifyCommit(commit, buildRegistry(policy.agents), { requiredTrailers: keys.required });
  // A session that set CUSTODY_AGENT_TASK declared itself an agent's, whatever the identity says.
  const declared = envValue(io, TASK_ENV) !== undefined;
  if (provenance.kind !== "agent" && !declared) {
    return { missing: [] };
  }
  const present = new Set(Object.keys(provenance.provenanceTrailers));
  const missing = keys.required.filter((key) => !present.has(key.toLowerCase()));
  return { agent: provenance.agent ?? "declared agent session", missing };
}

// ---- install -------------------------------------------------------------------------------

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

export function hookScript(name: HookName, command: string): string {
  // Without either variable prepare-commit-msg has nothing to add: skip starting Node at all, so a
  // person's commits pay nothing for the hook.
  const skip = name === "prepare-commit-msg" ? `[ -n "$${TASK_ENV}$${AUTHORIZED_ENV}" ] || exit 0\n` : "";
  return `#!/bin/sh\n${HOOK_MARKER}\n# Runs Custody's ${name} hook; see \`custody hook --help\`.\n${skip}exec ${command} hook ${name} "$@"\n`;
}

/** The pre-commit hook: the staged change judged by `custody check --staged`. */
export function preCommitScript(command: string): string {
  return `#!/bin/sh\n${HOOK_MARKER}\n# Runs \`custody check --staged\` on what is about to be committed; see \`custody hook --help\`.\nexec ${command} check --staged --no-summary\n`;
}

export async function installHooks(io: CliIO, options: InstallOptions): Promise<string[]> {
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
    await writeFile(path, name === "pre-commit" ? preCommitScript(options.command.trim()) : hookScript(name, options.command.trim()), "utf8");
    await chmod(path, 0o755);
    written.push(path);
  }
  return written;
}

// ---- the command ---------------------------------------------------------------------------

export const hookCommand: CommandModule = (program: Command, context) => {
  const hook = program
    .command("hook")
    .description("Install and run the git hooks that add and require provenance trailers on agent commits.")
    .addHelpText(
      "after",
      `
The hooks link every agent commit to its task and to the human who authorised it:
  prepare-commit-msg  adds "Agent-Task: $${TASK_ENV}" and "Authorized-by: $${AUTHORIZED_ENV}"
                      (key names from the policy's provenance section) when the variables are set
  commit-msg          rejects an agent-authored commit whose message lacks a required trailer

Example:
  $ custody hook install
  $ export ${TASK_ENV}=PROJ-123 ${AUTHORIZED_BY_EXAMPLE}
  $ claude   # the agent's commits now carry both trailers

git commit --no-verify skips hooks; \`custody check\` requires the same trailers in CI.`,
    );

  hook
    .command("install")
    .description("Write prepare-commit-msg and commit-msg into the repository's hooks directory (honours core.hooksPath).")
    .option("--dir <path>", "repository to install into", ".")
    .option("--force", "replace existing hooks that Custody did not write", false)
    .option("--command <command>", "how the hooks call Custody", "custody")
    .option("--pre-commit", "also write a pre-commit hook that runs `custody check --staged` (secrets in the index before each commit)", false)
    .addHelpText("after", "\nExample:\n  $ custody hook install --command 'npx custody'\n  $ custody hook install --pre-commit   # and scan staged changes for secrets before each commit\n")
    .action(async (options: { dir: string; force: boolean; command: string; preCommit: boolean }) => {
      const written = await installHooks(context.io, options);
      for (const path of written) {
        context.io.stdout(`installed ${path}\n`);
      }
      context.setExitCode(EXIT_PASS);
    });

  hook
    .command("prepare-commit-msg")
    .description(`Add provenance trailers from ${TASK_ENV} and ${AUTHORIZED_ENV} to a commit message (git runs this).`)
    .argument("<message-file>", "the commit message file git passes to the hook")
    .argument("[source]", "the message source git passes (message, template, merge, squash, commit)")
    .argument("[sha]", "the commit git passes when amending")
    .addHelpText("after", `\nExample (what the installed hook runs):\n  $ ${TASK_ENV}=PROJ-1 custody hook prepare-commit-msg .git/COMMIT_EDITMSG message\n`)
    .action(async (messageFile: string) => {
      await prepareCommitMessage(context.io, messageFile);
      context.setExitCode(EXIT_PASS);
    });

  hook
    .command("commit-msg")
    .description("Reject an agent-authored commit whose message lacks the required provenance trailers (git runs this).")
    .argument("<message-file>", "the commit message file git passes to the hook")
    .addHelpText("after", "\nExample (what the installed hook runs):\n  $ custody hook commit-msg .git/COMMIT_EDITMSG\n")
    .action(async (messageFile: string) => {
      const verdict = await checkCommitMessage(context.io, messageFile);
      if (verdict.missing.length === 0) {
        context.setExitCode(EXIT_PASS);
        return;
      }
      context.io.stderr(
        `custody: this commit is agent-authored (${verdict.agent ?? "agent"}) but its message lacks ${verdict.missing.join(" and ")}. ` +
          `Set ${TASK_ENV} and ${AUTHORIZED_ENV} before starting the agent (the prepare-commit-msg hook adds them), or add the trailers to the message yourself.\n`,
      );
      context.setExitCode(EXIT_FAIL);
    });
};
