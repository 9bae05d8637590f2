/**
 * `custody verify`: checks the whole ledger — every event against its leaf hash, the tree
 * against every signed checkpoint, consecutive checkpoints for consistency, and the tree's size
 * against the latest checkpoint (truncation). Exit 0 intact, 1 tampered (naming the first bad
 * seq and what is wrong), 2 when the ledger cannot be read or the options are wrong.
 * `--checkpoint FILE` and `--witness URL` add checkpoints seen outside the database, which catch
 * what the database alone cannot: an older copy restored (rollback) or a rewritten history (fork).
 */
import type { Command } from "commander";
import { resolveLedgerConfig } from "../ledger/ledger-location.js";
import { openLedger } from "../ledger/open-ledger.js";
import type { VerifyReport } from "../ledger/verify/verify-ledger.js";
import { verifyLedger } from "../ledger/verify/verify-ledger.js";
import type { CommandModule } from "./command.js";
import { EXIT_FAIL, EXIT_PASS } from "./exit-codes.js";
import type { LedgerCliOptions } from "./ledger-cli-options.js";
import { addLedgerOptions, verifiersFromKeyOption } from "./ledger-cli-options.js";
import { resolve } from "node:path";
import { externalCheckpoint } from "../ledger/verify/external-checkpoint.js";
import type { ExternalCheckpoint } from "../ledger/verify/verify-ledger.js";
import { fetchWitnessedCheckpoint } from "../ledger/witness/witness-client.js";
import { readInputFile } from "./read-input-file.js";

export function formatVerifyReport(report: VerifyReport): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(
      `Ledger intact: ${report.events} events (${report.purged} purged) in a tree of ${report.treeSize}, root ${report.rootHash}; ${report.checkpointsVerified} signed checkpoint${report.checkpointsVerified === 1 ? "" : "s"} verified.`,
    );
  } else {
    const first = report.firstBadSeq === undefined ? "" : ` First bad event: seq ${report.firstBadSeq}.`;
    lines.push(`Ledger TAMPERED: ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"} found.${first}`);
    for (const problem of report.problems) {
      lines.push(`  - [${problem.kind}] ${problem.message}`);
    }
  }
  for (const note of report.notes) {
    lines.push(`Note: ${note}`);
  }
  return `${lines.join("\n")}\n`;
}

export const verifyCommand: CommandModule = (program: Command, context) => {
  const command = program
    .command("verify")
    .description(
      "Verify the audit ledger: detect any modified, deleted, inserted, reordered or truncated event, and check every signed checkpoint.",
    )
    .option("--key <vkey>", "trusted verifier key (name+id+base64) or a file holding it (default: the ledger's own key)")
    .option("--json", "print the full report as JSON")
    .option(
      "--checkpoint <file...>",
      "a signed checkpoint kept outside the database (from `custody ledger checkpoint`); the ledger must contain it",
    )
    .option("--witness <url...>", "a witness (custody witness) whose latest cosigned checkpoint of this log the ledger must contain");
  addLedgerOptions(command)
    .addHelpText(
      "after",
      `
Exit codes: 0 intact, 1 tampered, rolled back or forked (the first bad event's seq is named),
2 bad options, an unreadable ledger, or a checkpoint file not signed by the log's key.
For an independent check, pass the key you recorded when the ledger was set up: whoever can edit
the database could also replace the key stored in it.

Examples:
  custody verify
  custody verify --ledger /var/lib/custody/ledger.db --key "custody.example/ledger+1a2b3c4d+AQ…"
  custody verify --checkpoint /backup/checkpoints/latest.note --key /etc/custody/ledger.vkey
  custody verify --witness https://witness.example --key /etc/custody/ledger.vkey
  CUSTODY_DATABASE_URL=postgres://custody@db/custody custody verify --json`,
    )
    .action(async (options: LedgerCliOptions & { json?: boolean; checkpoint?: string[]; witness?: string[] }) => {
      const config = resolveLedgerConfig(options, context.io, true);
      const ledger = await openLedger(config, { readOnly: true });
      try {
        const verifiers = options.key === undefined ? await ledger.defaultVerifiers() : verifiersFromKeyOption(options.key, context.io.cwd);
        const external: ExternalCheckpoint[] = [];
        for (const file of options.checkpoint ?? []) {
          const note = readInputFile(resolve(context.io.cwd, file), "checkpoint file");
          external.push(externalCheckpoint(note, `checkpoint file ${file}`, ledger.origin, verifiers));
        }
        for (const url of options.witness ?? []) {
          const note = await fetchWitnessedCheckpoint(url, ledger.origin);
          if (note === undefined) {
            context.io.stderr(`custody verify: the witness ${url} has cosigned no checkpoint of ${ledger.origin} yet.\n`);
            continue;
          }
          external.push(externalCheckpoint(note, `witness ${url}`, ledger.origin, verifiers));
        }
        const report = await verifyLedger(ledger.store, { origin: ledger.origin, verifiers, external });
        context.io.stdout(options.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatVerifyReport(report));
        context.setExitCode(report.ok ? EXIT_PASS : EXIT_FAIL);
      } finally {
        await ledger.close();
      }
    });
};
