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
import type { Command } from "commander";
import { checkCommitMessage } from "../engine/hooks/check-commit-message.js";
import { AUTHORIZED_ENV, TASK_ENV } from "../engine/hooks/hook-context.js";
import { installHooks } from "../engine/hooks/install-hooks.js";
import { prepareCommitMessage } from "../engine/hooks/prepare-commit-message.js";
import type { CommandModule } from "./command.js";
import { EXIT_FAIL, EXIT_PASS } from "./exit-codes.js";

const AUTHORIZED_BY_EXAMPLE = `${AUTHORIZED_ENV}="Jane Doe <jane@example.com>"`;

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
    .option(
      "--pre-commit",
      "also write a pre-commit hook that runs `custody check --staged` (secrets in the index before each commit)",
      false,
    )
    .addHelpText(
      "after",
      "\nExample:\n  $ custody hook install --command 'npx custody'\n  $ custody hook install --pre-commit   # and scan staged changes for secrets before each commit\n",
    )
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
    .addHelpText(
      "after",
      `\nExample (what the installed hook runs):\n  $ ${TASK_ENV}=PROJ-1 custody hook prepare-commit-msg .git/COMMIT_EDITMSG message\n`,
    )
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
