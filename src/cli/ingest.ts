/**
 * `custody ingest FILE`: replays recorded webhook deliveries (JSON Lines, one
 * `{ "event": "...", "delivery": "...", "payload": {...} }` a line) into the ledger and the case
 * projection, exactly as the server would have stored them: same kinds, same dedup by delivery
 * id (a second replay stores nothing). Every line is validated before anything is stored, so a
 * bad file changes nothing and the error names its line.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { CaseProjector } from "../cases/case-projector.js";
import { CaseStore, openStateDatabase } from "../cases/case-store.js";
import { registryClassifier } from "../cases/registry-classifier.js";
import { resolveLedgerConfig } from "../ledger/ledger-location.js";
import { openLedger } from "../ledger/open-ledger.js";
import { CustodyError } from "../model/errors.js";
import type { LedgerEventInput } from "../model/ledger-event.js";
import { deliveryToLedgerInput } from "../server/receive-webhook.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import { addLedgerOptions, type LedgerCliOptions } from "./ledger-cli-options.js";
import { readInputFile } from "./read-input-file.js";
import { DEFAULT_STATE_PATH } from "./serve.js";

const lineSchema = z.object({
  event: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a GitHub event name such as pull_request"),
  delivery: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "must be a delivery id (letters, digits, dashes)"),
  payload: z.record(z.string(), z.unknown()),
});

/** Parses a JSON Lines file of recorded deliveries; blank lines are skipped. */
export function parseDeliveries(text: string, file: string): LedgerEventInput[] {
  const inputs: LedgerEventInput[] = [];
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CustodyError("PAYLOAD_INVALID", `Line ${String(index + 1)} of ${file} is not valid JSON; each line must be one delivery object.`, { position: { file, line: index + 1 } });
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = issue?.path.join(".") ?? "";
      throw new CustodyError("PAYLOAD_INVALID", `Line ${String(index + 1)} of ${file}: \`${key}\` ${issue?.message ?? "is invalid"}; expected { "event": "...", "delivery": "...", "payload": {...} }.`, {
        position: { file, line: index + 1, key },
      });
    }
    inputs.push(deliveryToLedgerInput({ event: parsed.data.event, deliveryId: parsed.data.delivery, payload: parsed.data.payload }));
  }
  return inputs;
}

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
      const statePath = resolve(io.cwd, options.state ?? DEFAULT_STATE_PATH);
      mkdirSync(dirname(statePath), { recursive: true });
      const state = openStateDatabase(statePath);
      try {
        let fresh = 0;
        for (let i = 0; i < inputs.length; i += 500) {
          const results = await ledger.append(inputs.slice(i, i + 500));
          fresh += results.filter((r) => !r.duplicate).length;
        }
        const projector = new CaseProjector(new CaseStore(state), ledger, registryClassifier());
        await projector.catchUp();
        io.stdout(
          `Ingested ${String(inputs.length)} deliveries from ${file}: ${String(fresh)} new, ${String(inputs.length - fresh)} already in the ledger. Ledger size ${String(await ledger.size())}; case files projected through seq ${String(projector.store.cursor())}.\n`,
        );
        projector.close();
      } finally {
        state.close();
        await ledger.close();
      }
      context.setExitCode(EXIT_PASS);
    });
};
