/**
 * Test helper: runs one CLI command module in-process as main.ts does at its error boundary
 * (commander's own exits pass through, a CustodyError is exit 2 with its message), capturing
 * what the command wrote. Anything else is a bug and is rethrown, failing the test.
 */
import { CommanderError } from "commander";
import { isCustodyError } from "../../model/errors.js";
import { capturedIO } from "../cli-io.js";
import type { CommandModule } from "../command.js";
import { EXIT_PASS, EXIT_USAGE } from "../exit-codes.js";
import { buildProgram } from "../main.js";

export interface CommandResult {
  code: number;
  out: string;
  err: string;
  /** `CODE: message` of the CustodyError that ended the command, if one did. */
  message?: string;
}

export async function runCommand(
  module: CommandModule,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CommandResult> {
  const io = capturedIO({ cwd: options.cwd, env: options.env ?? {} });
  let code = EXIT_PASS;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) }, [module]);
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return { code: error.exitCode === 0 ? EXIT_PASS : EXIT_USAGE, out: io.out(), err: io.err() };
    }
    if (isCustodyError(error)) {
      return { code: EXIT_USAGE, out: io.out(), err: io.err(), message: `${error.code}: ${error.message}` };
    }
    throw error;
  }
  return { code, out: io.out(), err: io.err() };
}
