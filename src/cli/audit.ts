/**
 * `custody audit`: what agents did across a repository's history — commits by agent and week,
 * agent commits without provenance trailers, agent commits that touched protected paths or left
 * their scope. One streamed walk of history; the classification uses the signature registry
 * (built-ins plus the policy's `agents`), the policy's required trailers, protected paths and
 * path scopes.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { runAudit } from "../engine/audit.js";
import { summarizeSecrets } from "../engine/audit-secrets.js";
import { scanHistory } from "../detect/secrets/index.js";
import { baselineFor } from "../detect/secrets/secrets-detector.js";
import type { AuditReport } from "../engine/audit-report.js";
import { CustodyError } from "../model/errors.js";
import { loadPolicy, protectedPathMatcher, scopeViolations } from "../policy/index.js";
import { buildRegistry, classifyCommit } from "../provenance/index.js";
import { renderAuditJson } from "../report/audit-json.js";
import { renderAuditMarkdown } from "../report/audit-markdown.js";
import { renderAuditText } from "../report/audit-text.js";
import { openRepository } from "../sources/git/repository.js";
import { historyPatches } from "../sources/git/history-patches.js";
import { repositoryKey } from "../sources/git/repository-key.js";
import type { CliIO } from "./cli-io.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import { createProgressBar } from "./progress-bar.js";

export const AUDIT_FORMATS = ["text", "json", "markdown"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditRunOptions {
  dir: string;
  since?: string;
  until?: string;
  policy?: string;
  /** Also scan every added line of the history for secrets (`--secrets`). */
  secrets?: boolean;
  /** Secret findings listed in the report (default: 20; Infinity lists all). */
  maxFindings?: number;
}

// Calendar dates and ISO 8601 timestamps only: git's own date parser accepts almost anything
// ("last tuesday", typos read as "now"), which would silently audit the wrong window.
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/u;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/u;

/** Checks a --since/--until value and returns it in a form git reads unambiguously. */
export function parseAuditDate(value: string, option: string): string {
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly;
    const time = Date.UTC(Number(y), Number(m) - 1, Number(d));
    if (new Date(time).toISOString().slice(0, 10) === value) {
      return `${value}T00:00:00Z`;
    }
  } else if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) {
    return value;
  }
  throw new CustodyError("USAGE", `${option} "${value}" is not a date. Use YYYY-MM-DD (read as UTC midnight) or an ISO 8601 timestamp such as 2025-01-31T12:00:00Z.`);
}

/** Runs the audit as the CLI does (policy from the repository, built-in signatures + policy agents). */
export async function auditRepository(io: CliIO, options: AuditRunOptions): Promise<AuditReport> {
  const since = options.since === undefined ? undefined : parseAuditDate(options.since, "--since");
  const until = options.until === undefined ? undefined : parseAuditDate(options.until, "--until");
  const repo = await openRepository(resolve(io.cwd, options.dir));
  const { policy } = await loadPolicy({ repoDir: repo.dir, ...(options.policy === undefined ? {} : { path: resolve(io.cwd, options.policy) }) });
  const registry = buildRegistry(policy.agents);
  const requiredTrailers = [...policy.provenance.required_trailers];
  const protectedPath = protectedPathMatcher(policy);
  const bar = createProgressBar(io, "Auditing history");
  let report: AuditReport;
  try {
    report = await runAudit({
      repo,
      ...(since === undefined ? {} : { since }),
      ...(until === undefined ? {} : { until }),
      classify: (commit) => classifyCommit(commit, registry, { requiredTrailers }),
      requiredTrailers,
      isProtected: (path) => protectedPath(path) !== undefined,
      scopeViolations: (agent, paths) => scopeViolations(policy, agent, [], paths),
      // Only a visible bar is worth counting commits for.
      ...(io.stderrIsTTY
        ? {
            onProgress: (done: number, total: number) => {
              bar.update(done, total);
            },
          }
        : {}),
    });
  } finally {
    bar.finish();
  }
  const secretsPolicy = policy.detectors.secrets;
  if (options.secrets === true) {
    // A second streamed walk (git log -p) rather than patches in the first: the audit itself
    // needs only --numstat, which is several times cheaper than full patches.
    const patches = historyPatches(repo.dir, { ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) });
    const fingerprintKey = await repositoryKey(repo.dir);
    const baseline = await baselineFor(secretsPolicy, repo.dir);
    const matched = new Set<string>();
    const findings = scanHistory(patches, {
      onBaselineHit: (fingerprint) => matched.add(fingerprint),
      ...(fingerprintKey === undefined ? {} : { fingerprintKey }),
      allowlist: secretsPolicy.allowlist,
      rules: secretsPolicy.rules,
      min_severity: secretsPolicy.min_severity,
      max_line_length: secretsPolicy.max_line_length,
      baseline,
    });
    report.secrets = await summarizeSecrets(findings, options.maxFindings ?? report.maxExamples);
    if (secretsPolicy.baseline !== undefined) {
      report.secrets.staleBaseline = { entries: baseline.size, stale: [...baseline].filter((fingerprint) => !matched.has(fingerprint)).length };
    }
  }
  return report;
}

export function renderAudit(report: AuditReport, format: AuditFormat, io: CliIO): string {
  switch (format) {
    case "json":
      return renderAuditJson(report);
    case "markdown":
      return renderAuditMarkdown(report);
    case "text":
      return renderAuditText(report, { color: io.isTTY && io.env.NO_COLOR === undefined });
  }
}

interface AuditCliOptions {
  since?: string;
  until?: string;
  policy?: string;
  secrets?: boolean;
  maxFindings?: string;
  format: AuditFormat;
}

/** `--max-findings`: a positive integer, or `all`. JSON lists every finding unless capped. */
function maxFindingsOf(value: string | undefined, format: AuditFormat): number | undefined {
  if (value === undefined) {
    return format === "json" ? Number.POSITIVE_INFINITY : undefined;
  }
  if (value === "all") {
    return Number.POSITIVE_INFINITY;
  }
  if (!/^[1-9]\d{0,8}$/.test(value)) {
    throw new CustodyError("USAGE", `--max-findings "${value}" is not a positive whole number or "all".`);
  }
  return Number(value);
}

export const auditCommand: CommandModule = (program: Command, context) => {
  program
    .command("audit")
    .description("Audit a repository's history: which commits agents wrote, which lack provenance trailers, which touched protected paths or left their scope.")
    .argument("[dir]", "the git repository to audit", ".")
    .option("--since <date>", "only commits committed on or after this date (YYYY-MM-DD or ISO 8601)")
    .option("--until <date>", "only commits committed on or before this date (YYYY-MM-DD or ISO 8601)")
    .option("--policy <file>", "the policy file (default: .github/custody.yml in the repository, else built-in defaults)")
    .option("--secrets", "also scan every line the history added for secrets (a second, slower pass over git log -p); values are never shown, only a redacted form and a fingerprint")
    .option("--max-findings <n>", "with --secrets: how many secret findings to list (a number or `all`; default 20 in text and Markdown, all in JSON)")
    .addOption(new Option("--format <format>", "output format").choices(AUDIT_FORMATS).default("text"))
    .addHelpText(
      "after",
      `
The audit walks the history of HEAD once. Agents are recognised by the built-in signatures
plus the policy's \`agents\`; required trailers, protected paths and path scopes come from the
policy. A progress bar is drawn on stderr when it is a terminal. Exit code 0 when the audit ran
(findings are reported, not judged), 2 on a usage or input error.

Examples:
  custody audit                                  # this repository, whole history
  custody audit ../service --since 2025-01-01    # another repository, this year
  custody audit --format json > audit.json       # machine-readable (docs/audit-json.md)
  custody audit --secrets                        # and every secret ever committed (redacted)
  custody audit --secrets --max-findings all     # list every secret finding, not the first 20
  custody audit --format markdown >> "$GITHUB_STEP_SUMMARY"
`,
    )
    .action(async (dir: string, options: AuditCliOptions) => {
      const maxFindings = maxFindingsOf(options.maxFindings, options.format);
      const report = await auditRepository(context.io, {
        dir,
        ...(options.since === undefined ? {} : { since: options.since }),
        ...(options.until === undefined ? {} : { until: options.until }),
        ...(options.policy === undefined ? {} : { policy: options.policy }),
        ...(options.secrets === true ? { secrets: true } : {}),
        ...(maxFindings === undefined ? {} : { maxFindings }),
      });
      context.io.stdout(renderAudit(report, options.format, context.io));
      context.setExitCode(EXIT_PASS);
    });
};
