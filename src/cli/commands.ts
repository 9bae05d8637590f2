/**
 * Every CLI command, registered in one table. Order is the order `--help` lists them.
 */
import type { CommandModule } from "./command.js";

export const COMMANDS: readonly CommandModule[] = [];
