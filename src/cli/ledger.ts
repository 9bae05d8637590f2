/**
 * `custody ledger`: look after the audit ledger — `status`, `checkpoint` (sign one now),
 * `export` (JSON Lines), `purge` (retention: export first, then drop payloads past their
 * retention, keeping every leaf hash so the ledger stays verifiable) and `hold add|remove|list`
 * (legal holds on a repository, or a case: one pull request of it).
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { CustodyError } from "../model/errors.js";
import { resolveLedgerConfig } from "../ledger/ledger-location.js";
import type { CustodyLedger } from "../ledger/open-ledger.js";
import { openLedger } from "../ledger/open-ledger.js";
import type { RetentionPolicy } from "../ledger/retention/retention.js";
import { addHold, exportJsonl, purge } from "../ledger/retention/retention.js";
import { DEFAULT_POLICY_PATHS } from "../policy/schema/default-paths.js";
import { loadPolicy } from "../policy/load/load-policy.js";
import type { CommandContext, CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import type { LedgerCliOptions } from "./ledger-cli-options.js";
import { addLedgerOptions, signingKeyFromOptions } from "./ledger-cli-options.js";
import { hasSigningKey } from "../ledger/notes/key-source.js";

async function withLedger(
  context: CommandContext,
  options: LedgerCliOptions,
  mustExist: boolean,
  fn: (ledger: CustodyLedger) => Promise<void>,
): Promise<void> {
  const ledger = await openLedger(resolveLedgerConfig(options, context.io, mustExist), signingKeyFromOptions(options, context.io));
  try {
    await fn(ledger);
    context.setExitCode(EXIT_PASS);
  } finally {
    await ledger.close();
  }
}

/**
 * The retention section of the policy file (`--policy`, else .github/custody.yml in the working
 * directory). The policy loader has validated it (a retention shorter than the review cycle is a
 * POLICY_INVALID error at its line). Purging without a policy file is refused: the defaults set
 * no retention, and a purge must always trace back to a reviewed policy.
 */
async function loadRetention(cwd: string, path: string | undefined): Promise<{ retention: RetentionPolicy; source: string }> {
  const loaded = await loadPolicy({ repoDir: cwd, ...(path === undefined ? {} : { path }) });
  if (loaded.source === undefined) {
    throw new CustodyError(
      "POLICY_NOT_FOUND",
      `No policy file was found (looked for ${DEFAULT_POLICY_PATHS.join(", ")} in ${cwd}). Retention is set in the policy's \`retention\` section; give the file with --policy.`,
    );
  }
  return { retention: loaded.policy.retention, source: loaded.source };
}

function parseId(text: string, what: string): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    throw new CustodyError("USAGE", `${what} must be a positive whole number; got ${JSON.stringify(text)}.`);
  }
  return Number(text);
}

export const ledgerCommand: CommandModule = (program: Command, context) => {
  const ledger = program
    .command("ledger")
    .description("Look after the audit ledger: status, checkpoints, export, retention purge and legal holds.")
    .addHelpText(
      "after",
      `
Examples:
  custody ledger status
  custody ledger checkpoint
  custody ledger export --output audit-2026.jsonl --repository acme/app
  custody ledger purge --export purged-2026-11.jsonl --dry-run
  custody ledger hold add --repository acme/app --pr 42 --reason "incident 17 review"
  custody ledger hold list`,
    );

  addLedgerOptions(ledger.command("status").description("Show the ledger's size, root, latest checkpoint and holds."))
    .addHelpText("after", "\nExample:\n  custody ledger status --ledger .custody/ledger.db")
    .action(async (options: LedgerCliOptions) => {
      await withLedger(context, options, true, async (l) => {
        const head = await l.treeHead();
        const checkpoints = await l.store.checkpoints();
        const latest = checkpoints.at(-1);
        const holds = await l.store.holds();
        context.io.stdout(
          [
            `Origin:      ${l.origin}`,
            `Store:       ${l.store.kind}`,
            `Events:      ${head.size}`,
            `Root:        ${head.rootHash.toString("base64")}`,
            `Checkpoint:  ${latest === undefined ? "none yet (run `custody ledger checkpoint`)" : `tree size ${latest.treeSize}, signed ${latest.createdAt}${latest.treeSize < head.size ? ` (${head.size - latest.treeSize} events since)` : ""}`}`,
            `Verifier key: ${l.verifierKey ?? (await l.store.getMeta("vkey")) ?? "unknown"}`,
            `Legal holds: ${holds.length}`,
            "",
          ].join("\n"),
        );
      });
    });

  addLedgerOptions(
    ledger.command("checkpoint").description("Sign a checkpoint of the ledger's current tree and print it (a C2SP signed note)."),
  )
    .addHelpText(
      "after",
      "\nExample:\n  custody ledger checkpoint\n  custody ledger checkpoint --database-url postgres://… --signing-key-file /etc/custody/ledger.key",
    )
    .action(async (options: LedgerCliOptions) => {
      const config = resolveLedgerConfig(options, context.io, true);
      const key = signingKeyFromOptions(options, context.io);
      const l = await openLedger(config, hasSigningKey(key) ? { ...key, readOnly: true } : {});
      try {
        context.io.stdout((await l.checkpoint()).note);
        context.setExitCode(EXIT_PASS);
      } finally {
        await l.close();
      }
    });

  addLedgerOptions(ledger.command("export").description("Export events as JSON Lines (one event per line), in seq order."))
    .requiredOption("-o, --output <file>", "the new file to write (never overwritten)")
    .option("--kind <kind>", "only events of this kind")
    .option("--repository <owner/name>", "only events of this repository")
    .addHelpText("after", "\nExample:\n  custody ledger export --output audit.jsonl --kind pull_request.closed")
    .action(async (options: LedgerCliOptions & { output: string; kind?: string; repository?: string }) => {
      await withLedger(context, options, true, async (l) => {
        const filter = {
          ...(options.kind === undefined ? {} : { kind: options.kind }),
          ...(options.repository === undefined ? {} : { repository: options.repository }),
        };
        const result = await exportJsonl(l, resolve(context.io.cwd, options.output), filter);
        context.io.stdout(`Exported ${result.count} events to ${options.output} (sha256 ${result.sha256}).\n`);
      });
    });

  addLedgerOptions(
    ledger
      .command("purge")
      .description("Drop payloads past their retention (after exporting them), keeping every leaf hash so the ledger stays verifiable."),
  )
    .option("-p, --policy <file>", "policy file whose `retention` section applies (default: .github/custody.yml)")
    .requiredOption("--export <file>", "JSON Lines file the purged events are written to first (never overwritten)")
    .option("--dry-run", "only count what would be purged")
    .addHelpText(
      "after",
      `
Retention is a section of the policy file (kinds: exact, prefix.*, or default for the rest;
kinds matched by nothing are kept forever; no entry may be shorter than review_cycle_days):
  retention:
    review_cycle_days: 90
    days:
      default: 365
      "pull_request.*": 730
      check.result: 180
Events under a legal hold (custody ledger hold add) are never purged.

Example:
  custody ledger purge --export purged-2026-11.jsonl
  custody ledger purge --policy org/custody.yml --export purged-2026-11.jsonl --dry-run`,
    )
    .action(async (options: LedgerCliOptions & { policy?: string; export: string; dryRun?: boolean }) => {
      const { retention, source } = await loadRetention(context.io.cwd, options.policy);
      if (Object.keys(retention.days).length === 0) {
        context.io.stdout(`The policy ${source} sets no retention (\`retention.days\`): every event is kept; nothing was purged.\n`);
        context.setExitCode(EXIT_PASS);
        return;
      }
      await withLedger(context, options, true, async (l) => {
        const report = await purge(l, retention, { exportPath: resolve(context.io.cwd, options.export), dryRun: options.dryRun === true });
        context.io.stdout(
          report.dryRun
            ? `Would purge ${report.purged} events under the retention of ${source}; ${report.held} more are past retention but under a legal hold.\n`
            : `Purged ${report.purged} events under the retention of ${source} (exported first to ${options.export}, sha256 ${report.exportSha256})${report.recordSeq === undefined ? "" : `, recorded as event ${report.recordSeq}`}; ${report.held} kept under a legal hold.\n`,
        );
      });
    });

  const hold = ledger.command("hold").description("Legal holds: events of a held repository or case are never purged.");
  addLedgerOptions(hold.command("add").description("Put a repository, or one pull request of it (a case), on legal hold."))
    .requiredOption("--repository <owner/name>", "the repository")
    .option("--pr <number>", "only this pull request (a case)")
    .requiredOption("--reason <text>", "who asked for the hold and why")
    .addHelpText("after", '\nExample:\n  custody ledger hold add --repository acme/app --pr 42 --reason "legal: matter 2026-17"')
    .action(async (options: LedgerCliOptions & { repository: string; pr?: string; reason: string }) => {
      await withLedger(context, options, false, async (l) => {
        const created = await addHold(l, {
          repository: options.repository,
          ...(options.pr === undefined ? {} : { pullRequest: parseId(options.pr, "--pr") }),
          reason: options.reason,
        });
        context.io.stdout(
          `Hold ${created.id} added on ${created.repository}${created.pullRequest === undefined ? "" : `#${created.pullRequest}`}.\n`,
        );
      });
    });
  addLedgerOptions(hold.command("remove").description("Lift a legal hold by its id.").argument("<id>", "the hold's id (see hold list)"))
    .addHelpText("after", "\nExample:\n  custody ledger hold remove 3")
    .action(async (id: string, options: LedgerCliOptions) => {
      await withLedger(context, options, true, async (l) => {
        const removed = await l.store.removeHold(parseId(id, "The hold id"));
        if (!removed) {
          throw new CustodyError("USAGE", `There is no legal hold ${id}; see \`custody ledger hold list\`.`);
        }
        context.io.stdout(`Hold ${id} lifted.\n`);
      });
    });
  addLedgerOptions(hold.command("list").description("List legal holds."))
    .addHelpText("after", "\nExample:\n  custody ledger hold list")
    .action(async (options: LedgerCliOptions) => {
      await withLedger(context, options, true, async (l) => {
        const holds = await l.store.holds();
        context.io.stdout(
          holds.length === 0
            ? "No legal holds.\n"
            : holds
                .map(
                  (h) => `${h.id}\t${h.repository}${h.pullRequest === undefined ? "" : `#${h.pullRequest}`}\t${h.createdAt}\t${h.reason}\n`,
                )
                .join(""),
        );
      });
    });
};
