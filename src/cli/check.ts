/**
 * `custody check`: judge the change between two commits against the policy. The same engine
 * runs in a terminal, in any CI and (with --event) in GitHub Actions with the pull request's
 * author, labels, body, branch and reviews.
 *
 * The policy and CODEOWNERS are read from the BASE commit by default, through the one loader the
 * server uses too: the change under review cannot relax the rules that judge it. `--policy-from
 * worktree` and `--policy FILE` are the deliberate exceptions; the report names the source.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { runCheck } from "../engine/run-check.js";
import { CustodyError } from "../model/errors.js";
import type { Finding } from "../model/finding.js";
import type { Verdict } from "../model/verdict.js";
import type { CodeownersFile, Policy } from "../policy/index.js";
import { loadCodeownersAt, loadPolicyFrom, ownersOf } from "../policy/index.js";
import type { Change } from "../model/change.js";
import type { GitHubClient } from "../sources/github/github-request.js";
import { fetchLabels, fetchReviews, fetchTeamMembers, tokenClient } from "../sources/github/fetch-approvals.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import { ALL_RULES } from "../rule-catalog.js";
import type { Repository } from "../sources/git/index.js";
import { gitSnapshot, isAncestor, openRepository, readChange, readStagedChange } from "../sources/git/index.js";
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
  policyFrom?: "base" | "worktree";
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
    .option(
      "--staged",
      "judge what is staged for the next commit (the index against HEAD) instead of --base..--head; the pre-commit hook runs this",
    )
    .option("--repo <dir>", "the git repository", ".")
    .option("--policy <file>", "a policy file to apply instead of the base commit's (a deliberate exception: the report says so)")
    .addOption(
      new Option(
        "--policy-from <source>",
        "where .github/custody.yml is read from: the base commit (default), or the working tree to try an edit",
      ).choices(["base", "worktree"]),
    )
    .option("--event <file>", "a GitHub pull_request event payload (in Actions: $GITHUB_EVENT_PATH, the default there)")
    .option("--sarif <file>", "merge findings from another scanner's SARIF (CodeQL, Semgrep); repeatable", collect, [])
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .option("--output <file>", "write the report to a file instead of standard output")
    .option("--no-summary", "do not append a Markdown summary to $GITHUB_STEP_SUMMARY when it is set")
    .addHelpText(
      "after",
      `
The policy and CODEOWNERS come from the base commit (--base), never from the change being judged;
without .github/custody.yml there, the built-in defaults apply. Every report names the policy used.

With a pull_request event and a token in $CUSTODY_GITHUB_TOKEN (the Action's github-token input),
check fetches the pull request's reviews, labels and CODEOWNERS team members from the GitHub API
($GITHUB_API_URL, default https://api.github.com), so approvals are really checked in CI.

Exit codes: 0 the policy passed, 1 the policy failed, 2 a usage or input error (nothing judged).

Examples:
  custody check --base origin/main --head HEAD
  custody check --base main --format sarif --output custody.sarif
  custody check --base main --policy-from worktree                  # try an edit of .github/custody.yml
  custody check --staged                                            # before a commit (the pre-commit hook)
  custody check --event "$GITHUB_EVENT_PATH" --sarif codeql.sarif   # in GitHub Actions`,
    )
    .action(async (options: CheckOptions) => {
      const { io } = context;
      const repoDir = resolve(io.cwd, options.repo);
      const eventPath = options.event ?? (io.env.GITHUB_EVENT_NAME?.startsWith("pull_request") ? io.env.GITHUB_EVENT_PATH : undefined);
      const pullRequest = eventPath
        ? readPullRequestEvent(readInputFile(resolve(io.cwd, eventPath), "event payload"), eventPath)
        : undefined;

      const base = options.base ?? pullRequest?.baseSha ?? (options.staged === true ? "HEAD" : undefined);
      if (options.staged === true && (options.base !== undefined || options.event !== undefined)) {
        throw new CustodyError("USAGE", "--staged judges the index against HEAD; it cannot be combined with --base or --event.");
      }
      if (base === undefined) {
        throw new CustodyError(
          "USAGE",
          "check needs --base REF (the commit the change starts from), or --event FILE with a pull_request payload that names it.",
        );
      }
      const head = options.head === "HEAD" && options.event !== undefined && pullRequest?.headSha ? pullRequest.headSha : options.head;
      const external: Finding[] = options.sarif.flatMap((file) => readSarif(readInputFile(resolve(io.cwd, file), "SARIF file"), file));

      if (options.policy !== undefined && options.policyFrom !== undefined) {
        throw new CustodyError("USAGE", "check takes --policy FILE or --policy-from base|worktree, not both.");
      }
      const outputPath = options.output === undefined ? undefined : resolve(io.cwd, options.output);
      const repository = await openRepository(repoDir);
      const change = options.staged === true ? await readStagedChange(repository) : await readChange(repository, base, head);
      const client = githubClient(io.env);
      if (pullRequest) {
        change.pullRequest = client === undefined ? pullRequest : await withApiApprovals(client, pullRequest);
      }
      const baseSnapshot = gitSnapshot(repository, change.base);
      const headSnapshot = gitSnapshot(repository, change.head);
      let verdict: Verdict;
      let policyPath: string;
      try {
        const loaded = await loadPolicyFrom(
          options.policy !== undefined
            ? { from: "file", repoDir, path: resolve(io.cwd, options.policy) }
            : options.policyFrom === "worktree"
              ? { from: "worktree", repoDir }
              : { from: "base", base: baseSnapshot },
        );
        policyPath = loaded.source ?? ".github/custody.yml";
        const codeowners = (await loadCodeownersAt(baseSnapshot))?.codeowners;
        if (change.commits.length === 0 && options.staged !== true) {
          throw await emptyRangeError(repository, base, head, change.base, change.head);
        }
        ({ verdict } = await runCheck({
          change,
          base: baseSnapshot,
          head: headSnapshot,
          policy:
            client === undefined || codeowners === undefined
              ? loaded.policy
              : await withTeamMembers(client, loaded.policy, codeowners, change),
          policySource: loaded.from,
          codeowners: codeowners ?? null,
          repoDir,
          externalFindings: external,
        }));
      } finally {
        await baseSnapshot.close();
        await headSnapshot.close();
      }

      const report = render(verdict, options.format, { color: io.isTTY && io.env.NO_COLOR === undefined, policyPath });
      if (outputPath !== undefined) {
        writeOutput(outputPath, report);
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

function githubClient(env: Record<string, string | undefined>): GitHubClient | undefined {
  const token = env.CUSTODY_GITHUB_TOKEN;
  return token === undefined || token === "" ? undefined : tokenClient(token, env.GITHUB_API_URL ?? "https://api.github.com");
}

function ownerAndRepo(repository: string | undefined): [string, string] {
  const [owner, repo] = (repository ?? "").split("/");
  if (owner === undefined || repo === undefined || owner === "" || repo === "") {
    throw new CustodyError(
      "EVENT_INVALID",
      "The event payload names no repository (`repository.full_name`), so the reviews cannot be fetched from GitHub.",
    );
  }
  return [owner, repo];
}

/** The pull request with its reviews and current labels read from the API (the event has no reviews). */
async function withApiApprovals(
  client: GitHubClient,
  pullRequest: NonNullable<Change["pullRequest"]>,
): Promise<NonNullable<Change["pullRequest"]>> {
  const [owner, repo] = ownerAndRepo(pullRequest.repository);
  const [reviews, labels] = await Promise.all([
    fetchReviews(client, owner, repo, pullRequest.number),
    fetchLabels(client, owner, repo, pullRequest.number),
  ]);
  return { ...pullRequest, reviews, labels };
}

/** The policy with the members of every CODEOWNERS team that owns a touched path and the policy does not list. */
async function withTeamMembers(client: GitHubClient, policy: Policy, codeowners: CodeownersFile, change: Change): Promise<Policy> {
  const listed = new Set(Object.keys(policy.rules.codeowner_approval.team_members).map((team) => team.replace(/^@/, "").toLowerCase()));
  const teams = new Set<string>();
  for (const file of change.files) {
    for (const owner of ownersOf(codeowners, file.path)?.owners ?? []) {
      if (owner.startsWith("@") && owner.includes("/") && !listed.has(owner.slice(1).toLowerCase())) {
        teams.add(owner);
      }
    }
  }
  if (teams.size === 0) {
    return policy;
  }
  const fetched = Object.fromEntries(
    await Promise.all([...teams].map(async (team) => [team.slice(1), await fetchTeamMembers(client, team)] as const)),
  );
  return {
    ...policy,
    rules: {
      ...policy.rules,
      codeowner_approval: {
        ...policy.rules.codeowner_approval,
        team_members: { ...policy.rules.codeowner_approval.team_members, ...fetched },
      },
    },
  };
}

/** Writes the report where `--output` says, turning a missing or read-only directory into one line. */
function writeOutput(path: string, report: string): void {
  try {
    writeFileSync(path, report);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "its directory does not exist"
        : code === "EACCES" || code === "EPERM" || code === "EROFS"
          ? "its directory is not writable"
          : code === "EISDIR"
            ? "it is a directory"
            : `it cannot be written (${code ?? "unknown error"})`;
    throw new CustodyError("USAGE", `Cannot write the report to --output ${path}: ${reason}.`, { cause: error });
  }
}

/**
 * No commits between base and head: nothing would be judged, and a check that passes nothing is
 * a silent pass. Most often the two are swapped (head is an ancestor of base) or equal.
 */
async function emptyRangeError(
  repository: Repository,
  base: string,
  head: string,
  baseSha: string,
  headSha: string,
): Promise<CustodyError> {
  if (baseSha === headSha) {
    return new CustodyError(
      "USAGE",
      `--base ${base} and --head ${head} are the same commit (${headSha.slice(0, 12)}): there is no change to check.`,
    );
  }
  if (await isAncestor(repository, headSha, baseSha)) {
    return new CustodyError(
      "USAGE",
      `--head ${head} is an ancestor of --base ${base}: there are no commits to check. Are --base and --head swapped?`,
    );
  }
  return new CustodyError(
    "USAGE",
    `There are no commits in ${base}..${head}: every commit of --head is already in --base, so there is no change to check.`,
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
