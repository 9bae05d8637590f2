/**
 * `custody init`: writes a commented starter policy to .github/custody.yml. It refuses to
 * overwrite an existing policy unless `--force` is given: a team's policy is not replaced by
 * accident. The starter restates the defaults, so nothing changes until the team edits it.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { CustodyError } from "../model/errors.js";
import { DEFAULT_POLICY_PATHS } from "../policy/schema/default-paths.js";
import { starterPolicy } from "../policy/explain/starter-policy.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";

export const initCommand: CommandModule = (program, context) => {
  program
    .command("init")
    .description("Write a commented starter policy to .github/custody.yml.")
    .option("-f, --force", "overwrite an existing policy file", false)
    .addHelpText(
      "after",
      `
The starter states every default and shows examples to uncomment (path scopes, approvers,
extra agents). Run it at the repository root; it creates .github/ when needed.

Examples:
  $ custody init
  $ custody init --force        # replace an existing .github/custody.yml
  $ custody policy explain      # then read what it says
`,
    )
    .action(async (options: { force: boolean }) => {
      const relativePath = DEFAULT_POLICY_PATHS[0];
      const target = resolve(context.io.cwd, relativePath);
      // A policy under the other accepted name would silently win over nothing, or lose to the new file: refuse both.
      const other = DEFAULT_POLICY_PATHS.find((candidate) => candidate !== relativePath && existsSync(resolve(context.io.cwd, candidate)));
      if (other !== undefined && !options.force) {
        throw new CustodyError(
          "USAGE",
          `${other} already exists; Custody does not write a second policy beside it. Edit it, or pass --force to write ${relativePath} anyway (it then takes precedence).`,
          {
            position: { file: other },
          },
        );
      }
      try {
        await mkdir(dirname(target), { recursive: true });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === "EEXIST" || code === "ENOTDIR"
            ? `${dirname(relativePath)} exists and is not a directory`
            : code === "EACCES" || code === "EPERM" || code === "EROFS"
              ? "the directory is not writable"
              : (code ?? "unknown error");
        throw new CustodyError("USAGE", `Cannot create ${dirname(relativePath)}/ in ${context.io.cwd}: ${reason}.`, {
          position: { file: relativePath },
          cause: error,
        });
      }
      try {
        // `wx` fails when the file exists, without a check-then-write race.
        await writeFile(target, starterPolicy(), { flag: options.force ? "w" : "wx" });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EEXIST") {
          throw new CustodyError(
            "USAGE",
            `${relativePath} already exists; Custody does not overwrite a policy. Pass --force to replace it with the starter policy.`,
            {
              position: { file: relativePath },
            },
          );
        }
        const reason =
          code === "EACCES" || code === "EPERM" || code === "EROFS"
            ? "the directory is not writable"
            : code === "ENOTDIR"
              ? "a path component is not a directory"
              : (code ?? "unknown error");
        throw new CustodyError("USAGE", `Cannot write ${relativePath} in ${context.io.cwd}: ${reason}.`, {
          position: { file: relativePath },
          cause: error,
        });
      }
      context.io.stdout(`Wrote ${relativePath}. Read it in plain words with \`custody policy explain\`.\n`);
      context.setExitCode(EXIT_PASS);
    });
};
