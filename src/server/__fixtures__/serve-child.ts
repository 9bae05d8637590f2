/** Runs `custody serve` (only that command) in a child process, for tests over a real port. */
import { buildProgram } from "../../cli/main.js";
import { processIO } from "../../cli/cli-io.js";
import { serveCommand } from "../../cli/serve.js";

const program = buildProgram({ io: processIO(), setExitCode: () => undefined }, [serveCommand]);
await program.parseAsync(process.argv.slice(2), { from: "user" });
