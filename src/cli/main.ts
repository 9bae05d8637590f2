/**
 * The CLI entry point and its single error boundary: typed CustodyErrors become a one-paragraph
 * message and exit 2; anything else is a bug, printed with a request to report it, exit 3.
 * No stack trace reaches a user for an input error.
 */
import { Command, CommanderError } from "commander";
import { isCustodyError, formatPosition } from "../model/errors.js";
import type { CliIO } from "./cli-io.js";
import { processIO } from "./cli-io.js";
import type { CommandContext, CommandModule } from "./command.js";
import { loadCommands } from "./commands.js";
import { EXIT_INTERNAL, EXIT_PASS, EXIT_USAGE } from "./exit-codes.js";

import { VERSION } from "../version.js";

export function buildProgram(context: CommandContext, commands: readonly CommandModule[]): Command {
  const program = new Command("custody")
    .description(
      "Custody: the governance layer for code that AI coding agents write.\n" +
        "Audit what agents did, name the human accountable for each change, and keep agents inside what they were asked to touch.",
    )
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        context.io.stdout(text);
      },
      writeErr: (text) => {
        context.io.stderr(text);
      },
    });
  for (const register of commands) {
    register(program, context);
  }
  return program;
}

export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = EXIT_PASS;
  const context: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  try {
    const program = buildProgram(context, await loadCommands(argv));
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0; usage mistakes with a message already printed.
      return error.exitCode === 0 ? EXIT_PASS : EXIT_USAGE;
    }
    if (isCustodyError(error)) {
      const where = error.position ? `${formatPosition(error.position)}${error.position.key ? ` (at ${error.position.key})` : ""}: ` : "";
      io.stderr(`custody: ${where}${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`custody: internal error — this is a bug in Custody, please report it with the text below.\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}
