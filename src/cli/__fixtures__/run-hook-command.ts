/**
 * Test-only entry point: the `custody` CLI with just the hook command, run through tsx by the
 * hooks that hook.test.ts installs in temporary repositories (the real bin/ needs a build).
 */
import { CommanderError } from "commander";
import { buildProgram } from "../main.js";
import { processIO } from "../cli-io.js";
import { hookCommand } from "../hook.js";
import { isCustodyError } from "../../model/errors.js";

let code = 0;
const io = processIO();
const program = buildProgram({ io, setExitCode: (value) => (code = value) }, [hookCommand]);
try {
  await program.parseAsync(process.argv.slice(2), { from: "user" });
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode);
  }
  io.stderr(`custody: ${isCustodyError(error) ? error.message : String(error)}\n`);
  code = 2;
}
process.exitCode = code;
