/**
 * The CLI entry point and its single error boundary: typed CustodyErrors become a one-paragraph
 * message and exit 2; so does an operating-system refusal the user can fix (a port in use, a
 * directory that is missing or read-only, a full disk) that a command did not translate itself;
 * anything else is a bug, printed with a request to report it, exit 3. No stack trace reaches a
 * user for an input or environment error.
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
    const system = systemErrorMessage(error);
    if (system !== undefined) {
      io.stderr(`custody: ${system}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`custody: internal error — this is a bug in Custody, please report it with the text below.\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}

/** Errno codes that describe the user's environment, not a bug, with what each means. */
const ENVIRONMENT_ERRORS: Record<string, string> = {
  EADDRINUSE: "the address is already in use (another process is listening there; pick another --port or stop it)",
  EADDRNOTAVAIL: "the address is not available on this machine",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOENT: "no such file or directory",
  ENOTDIR: "a path component is not a directory",
  EISDIR: "it is a directory",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  EMFILE: "too many open files",
};

/** One line for an operating-system error a command let through, or `undefined` when it is not one. */
export function systemErrorMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) {
    return undefined;
  }
  const { code, syscall, path, address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const meaning = code === undefined ? undefined : ENVIRONMENT_ERRORS[code];
  if (meaning === undefined || typeof syscall !== "string") {
    return undefined;
  }
  const target = path ?? (address === undefined ? undefined : port === undefined ? address : `${address}:${String(port)}`);
  return `cannot ${syscall}${target === undefined ? "" : ` ${target}`}: ${meaning}.`;
}
