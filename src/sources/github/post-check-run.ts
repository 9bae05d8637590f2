/**
 * Posts Custody's verdict as a GitHub check run. The run is created `in_progress` when the check
 * starts (so the PR shows it is running), then completed (again on each re-evaluation of the
 * same head: a completed run may be completed anew) with the conclusion and the first 50
 * annotations; GitHub accepts at most 50 annotations per request, so further batches follow as
 * updates that append to the same run (each update repeats title and summary, which `output`
 * requires).
 */
import { z } from "zod";
import { CHECK_RUN_NAME, type CheckAnnotation, type CheckRunOutput } from "../../model/check-run.js";
import { requestParsed, type GitHubClient } from "./github-request.js";

export { CHECK_RUN_NAME };

/** GitHub accepts at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export function annotationBatches(annotations: readonly CheckAnnotation[]): CheckAnnotation[][] {
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  return batches;
}

const createdSchema = z.object({ id: z.number() });

export async function startCheckRun(
  client: GitHubClient,
  target: { owner: string; repo: string; headSha: string; externalId?: string; detailsUrl?: string },
): Promise<number> {
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
      ...(target.detailsUrl === undefined ? {} : { details_url: target.detailsUrl }),
    },
    createdSchema,
  );
  return created.id;
}

/** Completes the run; returns how many update requests were sent. */
export async function completeCheckRun(
  client: GitHubClient,
  target: { owner: string; repo: string; checkRunId: number; detailsUrl?: string },
  output: CheckRunOutput,
): Promise<number> {
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
      ...(target.detailsUrl === undefined ? {} : { details_url: target.detailsUrl }),
      output: { title: output.title, summary: output.summary, annotations: batches[0] ?? [] },
    },
    createdSchema,
  );
  for (const batch of batches.slice(1)) {
    await requestParsed(
      client,
      route,
      { ...base, output: { title: output.title, summary: output.summary, annotations: batch } },
      createdSchema,
    );
  }
  return Math.max(1, batches.length);
}
