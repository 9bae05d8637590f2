/**
 * Posts Custody's verdict as a GitHub check run. The run is created `in_progress` when the check
 * starts (so the PR shows it is running), then completed with the conclusion and the first 50
 * annotations; GitHub accepts at most 50 annotations per request, so further batches follow as
 * updates that append to the same run (each update repeats title and summary, which `output`
 * requires).
 */
import { z } from "zod";
import { annotationBatches, type CheckRunOutput } from "../../report/check-run.js";
import { requestParsed, type GitHubClient } from "./github-request.js";

const CHECK_RUN_NAME = "Custody";

const createdSchema = z.object({ id: z.number() });

export async function startCheckRun(client: GitHubClient, target: { owner: string; repo: string; headSha: string; externalId?: string }): Promise<number> {
  const created = await requestParsed(
    client,
    "POST /repos/{owner}/{repo}/check-runs",
    {
      owner: target.owner,
      repo: target.repo,
      name: CHECK_RUN_NAME,
      head_sha: target.headSha,
      status: "in_progress",
      started_at: new Date().toISOString(),
      ...(target.externalId === undefined ? {} : { external_id: target.externalId }),
    },
    createdSchema,
  );
  return created.id;
}

/** Completes the run; returns how many update requests were sent. */
export async function completeCheckRun(client: GitHubClient, target: { owner: string; repo: string; checkRunId: number }, output: CheckRunOutput): Promise<number> {
  const batches = annotationBatches(output.annotations);
  const route = "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}";
  const base = { owner: target.owner, repo: target.repo, check_run_id: target.checkRunId };
  await requestParsed(
    client,
    route,
    {
      ...base,
      status: "completed",
      conclusion: output.conclusion,
      completed_at: new Date().toISOString(),
      output: { title: output.title, summary: output.summary, annotations: batches[0] ?? [] },
    },
    createdSchema,
  );
  for (const batch of batches.slice(1)) {
    await requestParsed(client, route, { ...base, output: { title: output.title, summary: output.summary, annotations: batch } }, createdSchema);
  }
  return Math.max(1, batches.length);
}
