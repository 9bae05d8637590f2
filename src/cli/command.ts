/**
 * How a command plugs into the CLI: each file in src/cli/ exports a `CommandModule` that adds
 * itself to the commander program. Its action returns the exit code; errors propagate to the
 * one error boundary in main.ts.
 */
import type { Command } from "commander";
import type { CliIO } from "./cli-io.js";

export interface CommandContext {
  io: CliIO;
  /** Set by the action: the process exit code. */
  setExitCode(code: number): void;
}

export type CommandModule = (program: Command, context: CommandContext) => void;
