/**
 * `custody audit`: what agents did across a repository's history — commits by agent and week,
 * agent commits without provenance trailers, agent commits that touched protected paths or left
 * their scope; with `--commits`, every commit's decision with its basis and evidence, streamed.
 * This file parses options, calls the engine (src/engine/audit-repository.ts) and renders.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { auditRepository, auditRepositoryCommits } from "../engine/audit-repository.js";
import type { AuditReport } from "../model/audit-report.js";
import { CustodyError } from "../model/errors.js";
import {
  AUDIT_COMMITS_CSV_HEADER,
  AUDIT_COMMITS_TABLE_HEADER,
  renderCommitCsvRow,
  renderCommitJsonLine,
  renderCommitTableRow,
} from "../report/audit-commits.js";
import { renderAuditJson } from "../report/audit-json.js";
import { renderAuditMarkdown } from "../report/audit-markdown.js";
import { renderAuditText } from "../report/audit-text.js";
import type { CliIO } from "./cli-io.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import { createProgressBar } from "./progress-bar.js";

export const AUDIT_FORMATS = ["text", "json", "markdown", "csv"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

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
  throw new CustodyError(
    "USAGE",
    `${option} "${value}" is not a date. Use YYYY-MM-DD (read as UTC midnight) or an ISO 8601 timestamp such as 2025-01-31T12:00:00Z.`,
  );
}

export function renderAudit(report: AuditReport, format: Exclude<AuditFormat, "csv">, io: CliIO): string {
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
  commits?: boolean;
  maxFindings?: string;
  fetchNotes?: boolean;
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

/** `audit --commits`: one record per commit, written as the walk produces it. */
async function writeCommitRecords(
  io: CliIO,
  dir: string,
  options: AuditCliOptions,
  since: string | undefined,
  until: string | undefined,
): Promise<void> {
  if (options.format === "markdown") {
    throw new CustodyError(
      "USAGE",
      "audit --commits writes JSON Lines (--format json), CSV (--format csv) or a table (--format text); --format markdown is for the summary report.",
    );
  }
  if (options.secrets === true) {
    throw new CustodyError("USAGE", "audit --commits lists attributions only; run audit --secrets separately for the secrets summary.");
  }
  const records = auditRepositoryCommits({
    dir,
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(options.policy === undefined ? {} : { policy: resolve(io.cwd, options.policy) }),
    ...(options.fetchNotes === true ? { fetchNotes: true } : {}),
  });
  const render = options.format === "json" ? renderCommitJsonLine : options.format === "csv" ? renderCommitCsvRow : renderCommitTableRow;
  if (options.format === "csv") {
    io.stdout(AUDIT_COMMITS_CSV_HEADER);
  } else if (options.format === "text") {
    io.stdout(AUDIT_COMMITS_TABLE_HEADER);
  }
  const byBasis = new Map<string, number>();
  let commits = 0;
  let agents = 0;
  // Records are written in batches: one write per record costs more than rendering it.
  let batch = "";
  for await (const record of records) {
    batch += render(record);
    if (batch.length >= 64 * 1024) {
      io.stdout(batch);
      batch = "";
    }
    commits += 1;
    if (record.kind === "agent") {
      agents += 1;
      byBasis.set(record.basis, (byBasis.get(record.basis) ?? 0) + 1);
    }
  }
  if (batch !== "") {
    io.stdout(batch);
  }
  if (options.format === "text") {
    const split = [...byBasis].map(([basis, count]) => `${basis} ${String(count)}`).join(", ");
    io.stdout(`\n${String(commits)} commits, ${String(agents)} by agents${split === "" ? "" : ` (by basis: ${split})`}\n`);
  }
}

export const auditCommand: CommandModule = (program: Command, context) => {
  program
    .command("audit")
    .description(
      "Audit a repository's history: which commits agents wrote, which lack provenance trailers, which touched protected paths or left their scope.",
    )
    .argument("[dir]", "the git repository to audit", ".")
    .option("--since <date>", "only commits committed on or after this date (YYYY-MM-DD or ISO 8601)")
    .option("--until <date>", "only commits committed on or before this date (YYYY-MM-DD or ISO 8601)")
    .option("--policy <file>", "the policy file (default: .github/custody.yml in the repository, else built-in defaults)")
    .option(
      "--commits",
      "list every commit with its attribution, basis and evidence (streamed): JSON Lines with --format json, CSV with --format csv, a table otherwise",
    )
    .option(
      "--fetch-notes",
      "first fetch refs/notes/* from origin: git-ai's authorship notes (refs/notes/ai) are read when present, and a clone does not fetch them",
    )
    .option(
      "--secrets",
      "also scan every line the history added for secrets (a second, slower pass over git log -p); values are never shown, only a redacted form and a fingerprint",
    )
    .option(
      "--max-findings <n>",
      "with --secrets: how many secret findings to list (a number or `all`; default 20 in text and Markdown, all in JSON)",
    )
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
  custody audit --commits --format json > commits.jsonl   # every decision, one line a commit
  custody audit --commits --format csv > commits.csv

The basis of an agent decision says where it came from: commit (identities, trailers, footers in
the commit), merge (a platform merge of an agent-named branch, with policy
provenance.branch_evidence: decide), branch (a local merge of such a branch), suggestion (an AI
reviewer's applied suggestion), notes (a git-ai authorship note, refs/notes/ai).
`,
    )
    .action(async (dir: string, options: AuditCliOptions) => {
      const since = options.since === undefined ? undefined : parseAuditDate(options.since, "--since");
      const until = options.until === undefined ? undefined : parseAuditDate(options.until, "--until");
      if (since !== undefined && until !== undefined && Date.parse(since) > Date.parse(until)) {
        throw new CustodyError(
          "USAGE",
          `--since ${options.since ?? ""} is after --until ${options.until ?? ""}: the window is empty. Swap them.`,
        );
      }
      const io = context.io;
      const target = resolve(io.cwd, dir);
      if (options.commits === true) {
        await writeCommitRecords(io, target, options, since, until);
        context.setExitCode(EXIT_PASS);
        return;
      }
      if (options.format === "csv") {
        throw new CustodyError("USAGE", "--format csv needs --commits (one row per commit); the summary report is text, json or markdown.");
      }
      const maxFindings = maxFindingsOf(options.maxFindings, options.format);
      const bar = createProgressBar(io, "Auditing history");
      let report: AuditReport;
      try {
        report = await auditRepository({
          dir: target,
          ...(since === undefined ? {} : { since }),
          ...(until === undefined ? {} : { until }),
          ...(options.policy === undefined ? {} : { policy: resolve(io.cwd, options.policy) }),
          ...(options.secrets === true ? { secrets: true } : {}),
          ...(maxFindings === undefined ? {} : { maxFindings }),
          ...(options.fetchNotes === true ? { fetchNotes: true } : {}),
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
      io.stdout(renderAudit(report, options.format, io));
      context.setExitCode(EXIT_PASS);
    });
};
