/**
 * `custody ingest FILE`: replays recorded webhook deliveries (JSON Lines) into the ledger and the
 * case projection, as the server would have stored them (src/server/ingest-deliveries.ts). A
 * second replay stores nothing; a bad line changes nothing and the error names it.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { resolveLedgerConfig } from "../ledger/ledger-location.js";
import { openLedger } from "../ledger/open-ledger.js";
import { ingestDeliveries, parseDeliveries } from "../server/ingest-deliveries.js";
import { DEFAULT_STATE_PATH } from "../server/state-location.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import { addLedgerOptions, type LedgerCliOptions } from "./ledger-cli-options.js";
import { readInputFile } from "./read-input-file.js";

export const ingestCommand: CommandModule = (program: Command, context) => {
  const command = program
    .command("ingest")
    .description("Replay recorded webhook deliveries (JSON Lines) into the audit ledger and the case files, for demos and tests.")
    .argument("<file>", 'JSON Lines file: one { "event": "pull_request", "delivery": "<id>", "payload": {...} } per line')
    .option("--state <path>", `SQLite file for case projections (default: ${DEFAULT_STATE_PATH})`);
  addLedgerOptions(command)
    .addHelpText(
      "after",
      `
Deliveries already in the ledger (same delivery id) are skipped, so replaying a file twice is safe.

Examples:
  custody ingest deliveries.jsonl
  custody ingest recorded.jsonl --ledger demo/ledger.db --state demo/server.db`,
    )
    .action(async (file: string, options: LedgerCliOptions & { state?: string }) => {
      const { io } = context;
      const path = resolve(io.cwd, file);
      const inputs = parseDeliveries(readInputFile(path, "deliveries file"), file);
      const ledger = await openLedger(resolveLedgerConfig(options, io, false));
      try {
        const result = await ingestDeliveries(inputs, { ledger, statePath: resolve(io.cwd, options.state ?? DEFAULT_STATE_PATH) });
        io.stdout(
          `Ingested ${String(inputs.length)} deliveries from ${file}: ${String(result.fresh)} new, ${String(result.duplicates)} already in the ledger. Ledger size ${String(result.ledgerSize)}; case files projected through seq ${String(result.projectedThrough)}.\n`,
        );
      } finally {
        await ledger.close();
      }
      context.setExitCode(EXIT_PASS);
    });
};
