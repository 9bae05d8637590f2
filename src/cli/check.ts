/**
 * `custody check`: judge the change between two commits against the policy. The same engine
 * runs in a terminal, in any CI and (with --event) in GitHub Actions with the pull request's
 * author, labels, body, branch and reviews.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { runCheck } from "../engine/run-check.js";
import { CustodyError } from "../model/errors.js";
import type { Finding } from "../model/finding.js";
import type { Verdict } from "../model/verdict.js";
import { loadPolicy } from "../policy/index.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import { ALL_RULES } from "../rule-catalog.js";
import { gitSnapshot, openRepository, readChange, readStagedChange } from "../sources/git/index.js";
import { readPullRequestEvent } from "../sources/github/read-event.js";
import { readSarif } from "../sources/sarif/read-sarif.js";
import type { CommandModule } from "./command.js";
import { EXIT_FAIL, EXIT_PASS } from "./exit-codes.js";
import { readInputFile } from "./read-input-file.js";

const FORMATS = ["text", "json", "sarif", "markdown"] as const;
type Format = (typeof FORMATS)[number];

interface CheckOptions {
  base?: string;
  head: string;
  repo: string;
  policy?: string;
  event?: string;
  sarif: string[];
  format: Format;
  output?: string;
  summary: boolean;
  staged?: boolean;
}

export const checkCommand: CommandModule = (program: Command, context) => {
  program
    .command("check")
    .description("Check the change between two commits: who wrote it (agent or human), and whether it keeps the policy.")
    .option("--base <ref>", "the commit the change starts from (default: the pull request's base from --event)")
    .option("--head <ref>", "the commit the change ends at", "HEAD")
    .option("--staged", "judge what is staged for the next commit (the index against HEAD) instead of --base..--head; the pre-commit hook runs this")
    .option("--repo <dir>", "the git repository", ".")
    .option("--policy <file>", "the policy file (default: .github/custody.yml in the repository, else built-in defaults)")
    .option("--event <file>", "a GitHub pull_request event payload (in Actions: $GITHUB_EVENT_PATH, the default there)")
    .option("--sarif <file>", "merge findings from another scanner's SARIF (CodeQL, Semgrep); repeatable", collect, [])
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .option("--output <file>", "write the report to a file instead of standard output")
    .option("--no-summary", "do not append a Markdown summary to $GITHUB_STEP_SUMMARY when it is set")
    .addHelpText(
      "after",
      `
Exit codes: 0 the policy passed, 1 the policy failed, 2 a usage or input error (nothing judged).

Examples:
  custody check --base origin/main --head HEAD
  custody check --base main --format sarif --output custody.sarif
  custody check --staged                                            # before a commit (the pre-commit hook)
  custody check --event "$GITHUB_EVENT_PATH" --sarif codeql.sarif   # in GitHub Actions`,
    )
    .action(async (options: CheckOptions) => {
      const { io } = context;
      const repoDir = resolve(io.cwd, options.repo);
      const eventPath = options.event ?? (io.env.GITHUB_EVENT_NAME?.startsWith("pull_request") ? io.env.GITHUB_EVENT_PATH : undefined);
      const pullRequest = eventPath ? readPullRequestEvent(readInputFile(resolve(io.cwd, eventPath), "event payload"), eventPath) : undefined;

      const base = options.base ?? pullRequest?.baseSha ?? (options.staged === true ? "HEAD" : undefined);
      if (options.staged === true && (options.base !== undefined || options.event !== undefined)) {
        throw new CustodyError("USAGE", "--staged judges the index against HEAD; it cannot be combined with --base or --event.");
      }
      if (base === undefined) {
        throw new CustodyError("USAGE", "check needs --base REF (the commit the change starts from), or --event FILE with a pull_request payload that names it.");
      }
      const head = options.head === "HEAD" && options.event !== undefined && pullRequest?.headSha ? pullRequest.headSha : options.head;
      const external: Finding[] = options.sarif.flatMap((file) => readSarif(readInputFile(resolve(io.cwd, file), "SARIF file"), file));

      const { policy, source } = await loadPolicy({ repoDir, ...(options.policy !== undefined ? { path: resolve(io.cwd, options.policy) } : {}) });
      const repository = await openRepository(repoDir);
      const change = options.staged === true ? await readStagedChange(repository) : await readChange(repository, base, head);
      if (pullRequest) {
        change.pullRequest = pullRequest;
      }
      const baseSnapshot = gitSnapshot(repository, change.base);
      const headSnapshot = gitSnapshot(repository, change.head);
      let verdict: Verdict;
      try {
        ({ verdict } = await runCheck({ change, base: baseSnapshot, head: headSnapshot, policy, repoDir, externalFindings: external }));
      } finally {
        await baseSnapshot.close();
        await headSnapshot.close();
      }

      const report = render(verdict, options.format, { color: io.isTTY && io.env.NO_COLOR === undefined, policyPath: source ?? ".github/custody.yml" });
      if (options.output !== undefined) {
        writeFileSync(resolve(io.cwd, options.output), report);
      } else {
        io.stdout(report);
      }
      const summaryPath = io.env.GITHUB_STEP_SUMMARY;
      if (options.summary && summaryPath) {
        appendFileSync(summaryPath, renderMarkdown(verdict));
      }
      context.setExitCode(verdict.outcome === "pass" ? EXIT_PASS : EXIT_FAIL);
    });
};

function render(verdict: Verdict, format: Format, options: { color: boolean; policyPath: string }): string {
  switch (format) {
    case "text":
      return renderText(verdict, { color: options.color });
    case "json":
      return renderJson(verdict);
    case "sarif":
      return renderSarif(verdict, { rules: ALL_RULES, policyPath: options.policyPath });
    case "markdown":
      return renderMarkdown(verdict);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

