/**
 * One evaluation of a pull request as a GitHub App — the same engine as `custody check`: read
 * the change through the API (the PR's current head: the newest head wins), read the policy
 * from the base (the base branch's last pushed commit when known, else the PR's base), judge
 * it, and post the verdict as the "Custody" check run on the head. Every pull request gets one:
 * a change that is not agent-authored passes with the evidence, so "Custody" can be a required
 * status check. The check run of a head is created once (in progress) and completed by each
 * evaluation of that head; its id is kept with the job, so a retry or a restart after kill -9
 * updates it rather than leaving a second run stuck "in progress". A GitHub failure is thrown
 * to the queue, which retries it; an engine failure completes the run as `neutral` with the
 * reason. Trees and blobs are read through the git data API with a cache shared by evaluations.
 */
import type { Change } from "../model/change.js";
import type { CheckRunOutput } from "../model/check-run.js";
import { isCustodyError } from "../model/errors.js";
import { atLeast } from "../model/severity.js";
import { notAgentEvidence, renderCheckRun, renderNotAgentCheckRun } from "../report/check-run.js";
import type { InstallationClientFactory } from "../sources/github/github-app-client.js";
import type { GitHubClient } from "../sources/github/github-request.js";
import { completeCheckRun, startCheckRun } from "../sources/github/post-check-run.js";
import { readPullRequestChange } from "../sources/github/read-pull-request-change.js";
import { GitObjectCache, treeSnapshot } from "../sources/github/tree-snapshot.js";
import type { Evaluation, EngineRun } from "./default-engine.js";
import type { EvaluationOutcome, RunJob } from "./evaluation-queue.js";

export type { EngineRun };

export interface PullRequestCheckDeps {
  clients: InstallationClientFactory;
  engine: EngineRun;
  /** The details page of a pull request's head (absent: no public URL configured). */
  detailsUrl?: (ref: { repo: string; number: number; headSha: string }) => string;
  cache?: GitObjectCache;
}

const MAX_RECORDED_FINDINGS = 200;

export function pullRequestCheck(deps: PullRequestCheckDeps): RunJob {
  const cache = deps.cache ?? new GitObjectCache();
  return async (job, context): Promise<EvaluationOutcome> => {
    if (job.installationId === null) {
      return { status: "failed", headSha: "", error: "the delivery carried no GitHub App installation id", findings: [] };
    }
    const [owner = "", repo = ""] = job.repo.split("/");
    const client = await deps.clients(job.installationId);
    const change = await readPullRequestChange(client, { owner, repo, number: job.number });
    const headSha = change.head;
    const detailsUrl = deps.detailsUrl?.({ repo: job.repo, number: job.number, headSha });
    const target = { owner, repo };
    let checkRunId: number;
    if (job.checkRun !== undefined && job.checkRun.headSha === headSha) {
      checkRunId = job.checkRun.id;
    } else {
      checkRunId = await startCheckRun(client, {
        ...target,
        headSha,
        externalId: `${job.repo}#${String(job.number)}`,
        ...(detailsUrl === undefined ? {} : { detailsUrl }),
      });
      context.rememberCheckRun(checkRunId, headSha);
    }
    let evaluation: Evaluation;
    try {
      evaluation = await deps.engine({
        change,
        base: treeSnapshot(client, owner, repo, job.baseTip ?? change.base, cache),
        head: treeSnapshot(client, owner, repo, headSha, cache),
        ...(job.lastPusher === undefined ? {} : { lastPusher: { login: job.lastPusher } }),
      });
    } catch (error) {
      if (isGitHubTrouble(error)) {
        // Reading the tree or a blob failed: the queue retries; the run stays in progress.
        throw error;
      }
      await failRun(client, owner, repo, checkRunId, error, detailsUrl);
      return { status: "failed", headSha, checkRunId, error: error instanceof Error ? error.message : String(error), findings: [] };
    }
    const output = outputOf(evaluation, detailsUrl);
    await completeCheckRun(client, { ...target, checkRunId, ...(detailsUrl === undefined ? {} : { detailsUrl }) }, output);
    return outcomeOf(evaluation, change, output, checkRunId);
  };
}

function outputOf(evaluation: Evaluation, detailsUrl: string | undefined): CheckRunOutput {
  const options = { policySource: evaluation.policySource, ...(detailsUrl === undefined ? {} : { detailsUrl }) };
  return evaluation.verdict === undefined
    ? renderNotAgentCheckRun(evaluation.provenance, options)
    : renderCheckRun(evaluation.verdict, { ...options, skipped: evaluation.skipped });
}

function outcomeOf(evaluation: Evaluation, change: Change, output: CheckRunOutput, checkRunId: number): EvaluationOutcome {
  const { verdict, provenance } = evaluation;
  const common = {
    status: "completed" as const,
    headSha: change.head,
    conclusion: output.conclusion,
    checkRunId,
    policySource: evaluation.policySource,
  };
  if (verdict === undefined) {
    return { ...common, agentAuthored: false, evidence: notAgentEvidence(provenance), findings: [] };
  }
  const authorizedBy = verdict.provenance.commits.map((c) => c.provenanceTrailers["authorized-by"]).find((v) => v !== undefined);
  const failing = new Set(verdict.findings.filter((f) => atLeast(f.severity, verdict.failOn)).map((f) => f.ruleId));
  // A rule that could not judge fails without a finding when the policy says `on_missing_data: fail`.
  for (const rule of verdict.rules ?? []) {
    if (rule.outcome === "failed" && rule.findings === 0) {
      failing.add(rule.id);
    }
  }
  return {
    ...common,
    agentAuthored: true,
    ...(provenance.agent === undefined ? {} : { agent: provenance.agent }),
    ...(authorizedBy === undefined ? {} : { authorizedBy }),
    failOn: verdict.failOn,
    rules: { ran: verdict.ran, failed: [...failing].sort(), skipped: evaluation.skipped.map((s) => ({ rule: s.rule, reason: s.reason })) },
    ...(evaluation.approvals === undefined ? {} : { approvals: evaluation.approvals }),
    findings: verdict.findings.slice(0, MAX_RECORDED_FINDINGS).map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      message: f.message.slice(0, 500),
      ...(f.location === undefined
        ? {}
        : { path: f.location.path, ...(f.location.startLine === undefined ? {} : { line: f.location.startLine }) }),
    })),
  };
}

function isGitHubTrouble(error: unknown): boolean {
  return isCustodyError(error, "GITHUB_API");
}

async function failRun(
  client: GitHubClient,
  owner: string,
  repo: string,
  checkRunId: number,
  error: unknown,
  detailsUrl: string | undefined,
): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await completeCheckRun(
    client,
    { owner, repo, checkRunId, ...(detailsUrl === undefined ? {} : { detailsUrl }) },
    {
      conclusion: "neutral",
      title: "Custody could not complete the check",
      summary: `The check did not run to the end: ${reason}`,
      annotations: [],
    },
  ).catch(() => undefined);
}
