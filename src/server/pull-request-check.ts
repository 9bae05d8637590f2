/**
 * The check the server runs for a pull request, as a GitHub App — the same engine as
 * `custody check`: read the change through the API, classify it, and for an agent-authored
 * change post a check run: started in progress, completed with the verdict and its annotations.
 * The policy is read from the BASE revision, so an agent cannot relax the rules its own pull
 * request is judged by. A job whose head is no longer the PR's head is skipped (a newer job for
 * the new head exists). If the check fails after the run was created, the run is completed as
 * `neutral` with the reason, so no run stays "in progress" forever.
 */
import type { CheckJob } from "../cases/case-store.js";
import type { Change, Snapshot } from "../model/change.js";
import type { ChangeProvenance } from "../model/provenance.js";
import type { Verdict } from "../model/verdict.js";
import { renderCheckRun } from "../report/check-run.js";
import type { InstallationClientFactory } from "../sources/github/github-app-client.js";
import type { GitHubClient } from "../sources/github/github-request.js";
import { contentsSnapshot } from "../sources/github/contents-snapshot.js";
import { completeCheckRun, startCheckRun } from "../sources/github/post-check-run.js";
import { readPullRequestChange } from "../sources/github/read-pull-request-change.js";
import type { CheckOutcome, RunJob } from "./check-queue.js";

/** Runs the engine on a change read from GitHub; the policy comes from the base snapshot. */
export type EngineRun = (input: { change: Change; base: Snapshot; head: Snapshot }) => Promise<Verdict>;

export interface PullRequestCheckDeps {
  clients: InstallationClientFactory;
  classify: (change: Change) => ChangeProvenance;
  engine: EngineRun;
}

export function pullRequestCheck(deps: PullRequestCheckDeps): RunJob {
  return async (job: CheckJob): Promise<CheckOutcome> => {
    if (job.installation_id === null) {
      return { status: "failed", error: "the delivery carried no GitHub App installation id", findings: [] };
    }
    const [owner = "", repo = ""] = job.repo.split("/");
    const client = await deps.clients(job.installation_id);
    const change = await readPullRequestChange(client, { owner, repo, number: job.number });
    if (change.head !== job.head_sha) {
      return { status: "skipped", error: `superseded: the pull request's head is now ${change.head.slice(0, 12)}`, findings: [] };
    }
    const provenance = deps.classify(change);
    if (provenance.kind !== "agent") {
      return { status: "skipped", findings: [] };
    }
    const checkRunId = await startCheckRun(client, { owner, repo, headSha: job.head_sha, externalId: `custody-job-${String(job.seq)}` });
    let verdict: Verdict;
    try {
      verdict = await deps.engine({
        change,
        base: contentsSnapshot(client, owner, repo, change.base),
        head: contentsSnapshot(client, owner, repo, change.head),
      });
    } catch (error) {
      await failRun(client, owner, repo, checkRunId, error);
      throw error;
    }
    const output = renderCheckRun(verdict);
    await completeCheckRun(client, { owner, repo, checkRunId }, output);
    const authorizedBy = verdict.provenance.commits.map((c) => c.provenanceTrailers["authorized-by"]).find((v) => v !== undefined);
    return {
      status: "completed",
      conclusion: output.conclusion,
      ...(provenance.agent === undefined ? {} : { agent: provenance.agent }),
      ...(authorizedBy === undefined ? {} : { authorizedBy }),
      checkRunId,
      findings: verdict.findings.map((f) => ({ ruleId: f.ruleId, category: f.category, severity: f.severity })),
    };
  };
}

async function failRun(client: GitHubClient, owner: string, repo: string, checkRunId: number, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await completeCheckRun(client, { owner, repo, checkRunId }, {
    conclusion: "neutral",
    title: "Custody could not complete the check",
    summary: `The check did not run to the end: ${reason}`,
    annotations: [],
  }).catch(() => undefined);
}
