/**
 * `custody case export OWNER/REPO#N` writes every ledger event of a case with inclusion proofs
 * against one signed (and, when witnesses cosigned it, cosigned) checkpoint; `custody case verify
 * BUNDLE` checks such a file offline with the log's key and any witness keys — no database.
 */
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { CustodyError } from "../model/errors.js";
import { exportCase, parseCaseRef, verifyCaseBundle } from "../ledger/bundles/case-bundle.js";
import { resolveLedgerConfig } from "../ledger/ledger-location.js";
import { hasSigningKey } from "../ledger/notes/key-source.js";
import { openLedger } from "../ledger/open-ledger.js";
import { cosignatureVerifier } from "../ledger/witness/cosignature.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import type { LedgerCliOptions } from "./ledger-cli-options.js";
import { addLedgerOptions, signingKeyFromOptions, verifiersFromKeyOption } from "./ledger-cli-options.js";
import { readInputFile } from "./read-input-file.js";

export const caseCommand: CommandModule = (program: Command, context) => {
  const command = program.command("case").description("Export a case (one pull request) as an offline-verifiable bundle, or verify one.");
  addLedgerOptions(
    command
      .command("export")
      .description("Write every ledger event of OWNER/REPO#N with inclusion proofs against one signed checkpoint.")
      .argument("<case>", "the case: OWNER/REPO#NUMBER")
      .requiredOption("-o, --output <file>", "the bundle file to write (never overwritten)")
      .option("--witness <url...>", "prefer the checkpoint this witness cosigned (as serve --witness stored it)"),
  )
    .addHelpText("after", "\nExample:\n  custody case export acme/api#42 -o acme-api-42.bundle.json")
    .action(async (ref: string, options: LedgerCliOptions & { output: string; witness?: string[] }) => {
      const parsed = parseCaseRef(ref);
      const output = resolve(context.io.cwd, options.output);
      if (existsSync(output)) {
        throw new CustodyError("USAGE", `${options.output} exists already; a bundle is never overwritten.`, {
          position: { file: options.output },
        });
      }
      const key = signingKeyFromOptions(options, context.io);
      const ledger = await openLedger(resolveLedgerConfig(options, context.io, true), hasSigningKey(key) ? { ...key, readOnly: true } : {});
      try {
        const bundle = await exportCase(ledger, parsed, options.witness ?? []);
        writeFileSync(output, `${JSON.stringify(bundle, null, 2)}\n`, { flag: "wx", mode: 0o600 });
        context.io.stderr(
          `Wrote ${String(bundle.events.length)} events of ${bundle.case}, proven against the checkpoint of tree size ${String(bundle.treeSize)}, to ${options.output}.\n`,
        );
        context.setExitCode(EXIT_PASS);
      } finally {
        await ledger.close();
      }
    });

  command
    .command("verify")
    .description(
      "Verify a case bundle offline: checkpoint signatures, each event's leaf hash from its recorded body and headers, each audit path.",
    )
    .argument("<bundle>", "the bundle file")
    .requiredOption("--key <vkey>", "the log's verifier key (name+id+base64) or a file holding it")
    .option("--witness-key <vkey...>", "a witness's verifier key whose cosignature the checkpoint must carry")
    .addHelpText(
      "after",
      '\nExample:\n  custody case verify acme-api-42.bundle.json --key ledger.vkey --witness-key "witness.example/w1+…"',
    )
    .action((file: string, options: { key: string; witnessKey?: string[] }) => {
      const path = resolve(context.io.cwd, file);
      let value: unknown;
      try {
        value = JSON.parse(readInputFile(path, "case bundle"));
      } catch (error) {
        if (error instanceof CustodyError) {
          throw error;
        }
        throw new CustodyError("PROOF_INVALID", `The case bundle ${file} is not JSON.`, { position: { file } });
      }
      const witnesses = (options.witnessKey ?? []).map((k) =>
        cosignatureVerifier(existsSync(resolve(context.io.cwd, k)) ? readInputFile(resolve(context.io.cwd, k), "witness key file") : k),
      );
      const verdict = verifyCaseBundle(
        value,
        [...verifiersFromKeyOption(options.key, context.io.cwd), ...witnesses],
        file,
        witnesses.map((w) => w.name),
      );
      context.io.stdout(
        `Case bundle verified: ${String(verdict.events)} events of ${verdict.case} are in the log's tree of ${String(verdict.treeSize)}, signed by ${verdict.signedBy.join(", ")}.\n`,
      );
      context.setExitCode(EXIT_PASS);
    });
};
