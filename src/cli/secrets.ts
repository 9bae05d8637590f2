/**
 * `custody secrets baseline`: writes the secrets baseline from the findings the history holds
 * now (all of HEAD's history, or up to `--rev`, or a `--since`/`--until` date range), so a team
 * adopting Custody accepts what is already there (rotated keys, fixtures) and `check` and
 * `audit --secrets` report only what is new. The file holds keyed fingerprints only — no value,
 * no redacted form, no path — so committing it leaks nothing. It is written where the policy's
 * `detectors.secrets.baseline` points, else to `--output` / `.custody/secrets-baseline.json`.
 */
import { mkdir } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { scanHistory, writeBaseline } from "../detect/secrets/index.js";
import type { Finding } from "../model/finding.js";
import { loadPolicy } from "../policy/index.js";
import { historyPatches, type HistoryPatchOptions } from "../sources/git/history-patches.js";
import { openRepository } from "../sources/git/repository.js";
import { repositoryKey } from "../sources/git/repository-key.js";
import { parseAuditDate } from "./audit.js";
import type { CliIO } from "./cli-io.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";

export const DEFAULT_BASELINE = ".custody/secrets-baseline.json";

export interface BaselineRunOptions {
  dir: string;
  rev?: string;
  since?: string;
  until?: string;
  output?: string;
  policy?: string;
}

export interface BaselineResult {
  file: string;
  findings: number;
  fingerprints: number;
  /** The policy does not name this file yet: the user must add `detectors.secrets.baseline`. */
  policyNamesIt: boolean;
}

export async function writeSecretsBaseline(io: CliIO, options: BaselineRunOptions): Promise<BaselineResult> {
  const repo = await openRepository(resolve(io.cwd, options.dir));
  const { policy } = await loadPolicy({
    repoDir: repo.dir,
    ...(options.policy === undefined ? {} : { path: resolve(io.cwd, options.policy) }),
  });
  const secrets = policy.detectors.secrets;
  const named = secrets.baseline;
  const target = options.output ?? named ?? DEFAULT_BASELINE;
  const file = isAbsolute(target) ? target : options.output === undefined ? join(repo.dir, target) : resolve(io.cwd, target);
  const patchOptions: HistoryPatchOptions = {
    ...(options.rev === undefined ? {} : { rev: options.rev }),
    ...(options.since === undefined ? {} : { since: parseAuditDate(options.since, "--since") }),
    ...(options.until === undefined ? {} : { until: parseAuditDate(options.until, "--until") }),
  };
  const key = await repositoryKey(repo.dir);
  // The existing baseline is NOT applied: the new file lists every current finding.
  const findings: Finding[] = [];
  for await (const finding of scanHistory(historyPatches(repo.dir, patchOptions), {
    allowlist: secrets.allowlist,
    rules: secrets.rules,
    min_severity: secrets.min_severity,
    max_line_length: secrets.max_line_length,
    ...(key === undefined ? {} : { fingerprintKey: key }),
  })) {
    findings.push(finding);
  }
  await mkdir(dirname(file), { recursive: true });
  await writeBaseline(findings, file);
  const relativeFile = relative(repo.dir, file);
  return {
    file,
    findings: findings.length,
    fingerprints: new Set(findings.map((f) => f.fingerprint)).size,
    policyNamesIt: named !== undefined && named === relativeFile,
  };
}

interface BaselineCliOptions {
  rev?: string;
  since?: string;
  until?: string;
  output?: string;
  policy?: string;
}

export const secretsCommand: CommandModule = (program: Command, context) => {
  const secrets = program.command("secrets").description("Secrets workflow: write the baseline of accepted findings.");
  secrets
    .command("baseline")
    .description(
      "Write the secrets baseline from every finding in the history (or up to --rev, or a date range), so check and audit report only new secrets.",
    )
    .argument("[dir]", "the git repository", ".")
    .option("--rev <rev>", "scan the history reachable from this revision (default HEAD)")
    .option("--since <date>", "only commits committed on or after this date")
    .option("--until <date>", "only commits committed on or before this date")
    .option("--output <file>", `where to write it (default: the policy's detectors.secrets.baseline, else ${DEFAULT_BASELINE})`)
    .option("--policy <file>", "the policy file (default: .github/custody.yml in the repository)")
    .addHelpText(
      "after",
      `
The baseline holds keyed fingerprints only (HMAC under the repository's root commit id), never a
value or a path, so it is safe to commit. A finding stays accepted while its rule, file and value
are unchanged. To accept one line instead, put \`custody:allow secret/<rule>\` (or
\`gitleaks:allow\`) on that line or the line above.

Examples:
  custody secrets baseline                       # whole history of HEAD
  custody secrets baseline --since 2025-01-01    # only what was added this year
`,
    )
    .action(async (dir: string, options: BaselineCliOptions) => {
      const result = await writeSecretsBaseline(context.io, { dir, ...options });
      context.io.stdout(
        `Wrote ${String(result.fingerprints)} fingerprint(s) from ${String(result.findings)} finding(s) to ${result.file}.\n`,
      );
      if (!result.policyNamesIt) {
        context.io.stdout(
          `Add to .github/custody.yml so check and audit honour it:\n  detectors:\n    secrets:\n      baseline: ${relative(resolve(context.io.cwd, dir), result.file)}\n`,
        );
      }
      context.setExitCode(EXIT_PASS);
    });
};
