/**
 * `custody witness`: run a C2SP tlog-witness for one or more logs (usually Custody ledgers run
 * elsewhere). It cosigns a log's checkpoint only when it extends the last one it cosigned, so a
 * log rolled back to an older copy, or forked, is refused with 409 — and `custody verify
 * --witness URL` later compares a ledger with what the witness saw.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { serve } from "@hono/node-server";
import type { Command } from "commander";
import { CustodyError } from "../model/errors.js";
import type { NoteVerifier } from "../ledger/notes/note-keys.js";
import { parseVerifierKey } from "../ledger/notes/note-keys.js";
import { generateCosignerKey, parseCosignerKey, type Cosigner } from "../ledger/witness/cosignature.js";
import { Witness } from "../ledger/witness/witness.js";
import { witnessApp } from "../ledger/witness/witness-app.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import { readInputFile } from "./read-input-file.js";

interface WitnessOptions {
  name?: string;
  keyFile: string;
  log: string[];
  state: string;
  port: string;
  host: string;
}

function loadOrCreateKey(path: string, name: string | undefined): Cosigner {
  if (!existsSync(path)) {
    if (name === undefined) {
      throw new CustodyError("USAGE", `No witness key at ${path}: pass --name NAME (e.g. witness.example/w1) to create one there.`);
    }
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, `${generateCosignerKey(name).skey}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(path, 0o600);
  }
  const cosigner = parseCosignerKey(readFileSync(path, "utf8"));
  if (name !== undefined && name !== cosigner.name) {
    throw new CustodyError("USAGE", `The witness key at ${path} is named ${JSON.stringify(cosigner.name)}, not ${JSON.stringify(name)}.`);
  }
  return cosigner;
}

/** `--log VKEY`, `--log FILE` or `--log ORIGIN=VKEY`: the log's origin (default: its key name) and key. */
function parseLog(value: string, cwd: string): [string, NoteVerifier] {
  const eq = value.indexOf("=");
  const origin = eq > 0 && !value.slice(0, eq).includes("+") ? value.slice(0, eq) : undefined;
  const rest = origin === undefined ? value : value.slice(eq + 1);
  const text = existsSync(resolve(cwd, rest)) ? readInputFile(resolve(cwd, rest), "log key file").trim() : rest;
  const verifier = parseVerifierKey(text);
  return [origin ?? verifier.name, verifier];
}

export const witnessCommand: CommandModule = (program: Command, context) => {
  program
    .command("witness")
    .description(
      "Run a C2SP tlog-witness: cosign each log's checkpoints that consistently extend the last one cosigned; refuse rollbacks and forks (409).",
    )
    .requiredOption("--key-file <path>", "the witness's signing key (created 0600 with --name if absent)")
    .option("--name <name>", "the witness's name, e.g. witness.example/w1 (needed to create the key)")
    .option("--log <vkey...>", "a log to witness: its verifier key (name+id+base64), a file holding it, or ORIGIN=VKEY", [])
    .option("--state <path>", "SQLite file of the latest cosigned checkpoint per log", ".custody/witness.db")
    .option("--port <port>", "port to listen on", "7380")
    .option("--host <host>", "address to bind", "127.0.0.1")
    .addHelpText(
      "after",
      `
Endpoints: POST /add-checkpoint (C2SP tlog-witness); GET /checkpoint/<origin, URL-encoded> (the latest
cosigned checkpoint, for \`custody verify --witness\`).

Examples:
  custody witness --name witness.example/w1 --key-file /etc/custody/witness.key --log "$(cat ledger.vkey)"
  custody serve --witness http://witness.example:7380 …`,
    )
    .action(async (options: WitnessOptions) => {
      const { io } = context;
      if (options.log.length === 0) {
        throw new CustodyError(
          "USAGE",
          "Name at least one log to witness: --log VKEY (the log's verifier key, as `custody ledger status` prints it).",
        );
      }
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new CustodyError("USAGE", `--port "${options.port}" is not a port number.`);
      }
      const cosigner = loadOrCreateKey(resolve(io.cwd, options.keyFile), options.name);
      const logs = new Map<string, NoteVerifier[]>();
      for (const value of options.log) {
        const [origin, verifier] = parseLog(value, io.cwd);
        logs.set(origin, [...(logs.get(origin) ?? []), verifier]);
      }
      const witness = Witness.open(resolve(io.cwd, options.state), cosigner, logs);
      const http = serve({ fetch: witnessApp(witness).fetch, port, hostname: options.host }, (info) => {
        io.stdout(
          `Witness ${cosigner.name} listening on http://${options.host}:${String(info.port)}; its verifier key: ${cosigner.vkey}\n`,
        );
      });
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          http.close(() => {
            witness.close();
            done();
          });
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      context.setExitCode(EXIT_PASS);
    });
};
