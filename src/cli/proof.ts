/**
 * `custody proof`: proves to a third party that one event is in the ledger (an inclusion proof
 * with the signed checkpoint it leads to), or that one tree is a prefix of a later one (a
 * consistency proof), and verifies such a proof offline — `--verify` never opens the database,
 * it needs only the proof file and the log's verifier key.
 */
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { CustodyError } from "../model/errors.js";
import { consistencyProof, findEvent, inclusionProof, verifyConsistencyBundle, verifyInclusionBundle } from "../ledger/ledger-proofs.js";
import { DEFAULT_LEDGER_PATH, resolveLedgerConfig } from "../ledger/ledger-location.js";
import { openLedger } from "../ledger/open-ledger.js";
import { defaultKeyPath } from "../ledger/notes/signing-key.js";
import type { CliIO } from "./cli-io.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import type { LedgerCliOptions } from "./ledger-cli-options.js";
import { addLedgerOptions, signingKeyFromOptions, verifiersFromKeyOption } from "./ledger-cli-options.js";
import { hasSigningKey } from "../ledger/notes/key-source.js";
import { readInputFile } from "./read-input-file.js";

interface ProofOptions extends LedgerCliOptions {
  verify?: string;
  consistency?: string[];
  output?: string;
}

function parseSize(text: string, what: string): number {
  if (!/^\d{1,15}$/.test(text)) {
    throw new CustodyError("USAGE", `${what} must be a whole number of events; got ${JSON.stringify(text)}.`);
  }
  return Number(text);
}

function emit(io: CliIO, json: unknown, output: string | undefined): void {
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (output === undefined) {
    io.stdout(text);
  } else {
    writeFileSync(resolve(io.cwd, output), text);
    io.stderr(`Proof written to ${output}.\n`);
  }
}

function verifyFile(io: CliIO, file: string, key: string | undefined): void {
  const path = resolve(io.cwd, file);
  const text = readInputFile(path, "proof file");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CustodyError("PROOF_INVALID", `The proof file ${file} is not JSON.`, { position: { file } });
  }
  if ((value as { type?: unknown } | null)?.type === "custody.consistency-proof/v1") {
    const bundle = verifyConsistencyBundle(value, file);
    io.stdout(
      `Consistency proof verified: the tree of ${bundle.size1} events (root ${bundle.root1}) is a prefix of the tree of ${bundle.size2} (root ${bundle.root2}). Compare both roots with signed checkpoints.\n`,
    );
    return;
  }
  const fallback = defaultKeyPath(resolve(io.cwd, DEFAULT_LEDGER_PATH));
  const keySource = key ?? (existsSync(fallback) ? fallback : undefined);
  if (keySource === undefined) {
    throw new CustodyError(
      "USAGE",
      "Verifying an inclusion proof needs the log's verifier key: pass --key name+id+base64 (or a file holding it).",
    );
  }
  const verdict = verifyInclusionBundle(value, verifiersFromKeyOption(keySource, io.cwd), file);
  const what = verdict.event === undefined ? "the purged event's leaf" : `event ${verdict.leafIndex} (${verdict.event.kind})`;
  io.stdout(
    `Inclusion proof verified: ${what} is leaf ${verdict.leafIndex} of the tree of ${verdict.treeSize} signed by ${verdict.signedBy.join(", ")} for ${verdict.origin}.\n`,
  );
}

export const proofCommand: CommandModule = (program: Command, context) => {
  const command = program
    .command("proof")
    .description(
      "Print an inclusion proof for one ledger event (by seq or delivery id), a consistency proof between two tree sizes, or verify a proof offline.",
    )
    .argument("[event]", "the event: its seq (0-based) or its GitHub delivery id")
    .option("--verify <file>", "verify a proof file offline (no database needed)")
    .option("--key <vkey>", "the log's verifier key (name+id+base64) or a file holding it, for --verify")
    .option("--consistency <sizes...>", "prove that the tree of SIZE1 events is a prefix of the tree of SIZE2")
    .option("-o, --output <file>", "write the proof to a file instead of stdout");
  addLedgerOptions(command)
    .addHelpText(
      "after",
      `
The inclusion proof is JSON: leaf index, tree size, leaf hash, the RFC 9162 audit path and the
signed checkpoint (a C2SP signed note). Anyone with the log's verifier key can check it offline.

Examples:
  custody proof 42 -o event-42.proof.json
  custody proof 72ac2f10-5b1e-11ef-9f3c-2a1b3c4d5e6f
  custody proof --verify event-42.proof.json --key "custody.example/ledger+1a2b3c4d+AQ…"
  custody proof --consistency 1000 2000`,
    )
    .action(async (event: string | undefined, options: ProofOptions) => {
      if (options.verify !== undefined) {
        verifyFile(context.io, options.verify, options.key);
        context.setExitCode(EXIT_PASS);
        return;
      }
      if (options.consistency !== undefined && options.consistency.length !== 2) {
        throw new CustodyError("USAGE", "--consistency takes two tree sizes: SIZE1 SIZE2.");
      }
      if (options.consistency === undefined && event === undefined) {
        throw new CustodyError("USAGE", "Name an event (seq or delivery id), or use --consistency SIZE1 SIZE2 or --verify FILE.");
      }
      // A configured key lets `proof` sign the checkpoint an event needs when none covers it yet.
      const key = signingKeyFromOptions(options, context.io);
      const ledger = await openLedger(resolveLedgerConfig(options, context.io, true), hasSigningKey(key) ? { ...key, readOnly: true } : {});
      try {
        if (options.consistency !== undefined) {
          const [a = "", b = ""] = options.consistency;
          emit(context.io, await consistencyProof(ledger, parseSize(a, "SIZE1"), parseSize(b, "SIZE2")), options.output);
        } else {
          const found = await findEvent(ledger, event ?? "");
          if (found === undefined) {
            throw new CustodyError(
              "USAGE",
              `The ledger has no event ${JSON.stringify(event)} (looked for it as a seq and as a delivery id).`,
            );
          }
          emit(context.io, await inclusionProof(ledger, found.seq), options.output);
        }
        context.setExitCode(EXIT_PASS);
      } finally {
        await ledger.close();
      }
    });
};
