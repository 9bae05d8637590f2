/**
 * Reads the pull request out of a GitHub webhook/Actions event payload (`$GITHUB_EVENT_PATH`):
 * `pull_request`, `pull_request_target`, `pull_request_review` and the other events that carry a
 * `pull_request` object. The payload is untrusted input, parsed once here with a zod schema into
 * the model's `PullRequest`; nothing downstream touches raw JSON. Fields GitHub may send as null
 * (a deleted "ghost" user, an empty body) are accepted and mapped to "unknown".
 */
import { z } from "zod";
import type { Identity } from "../../model/actor.js";
import type { PullRequest, Review, ReviewState } from "../../model/change.js";
import { CustodyError } from "../../model/errors.js";

const userSchema = z.object({
  login: z.string(),
  id: z.number().int(),
  type: z.string().optional(),
  name: z.string().nullish(),
  email: z.string().nullish(),
});

const reviewSchema = z.object({
  user: userSchema.nullish(),
  // Webhooks send lower-case states, the REST API upper-case ones.
  state: z.string(),
  submitted_at: z.string().nullish(),
  commit_id: z.string().nullish(),
});

const refSchema = z.object({
  ref: z.string(),
  sha: z.string(),
  repo: z.object({ full_name: z.string() }).nullish(),
});

const pullRequestSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  html_url: z.string().optional(),
  user: userSchema.nullish(),
  labels: z.array(z.object({ name: z.string() })).optional(),
  head: refSchema,
  base: refSchema,
  assignees: z.array(userSchema).nullish(),
  draft: z.boolean().optional(),
  merged: z.boolean().nullish(),
  merged_by: userSchema.nullish(),
});

const eventSchema = z.object({
  pull_request: pullRequestSchema,
  repository: z.object({ full_name: z.string() }).optional(),
  review: reviewSchema.optional(),
  /** Some workflows attach the reviews they fetched; a plain event never carries this. */
  reviews: z.array(reviewSchema).optional(),
});

type UserPayload = z.infer<typeof userSchema>;
type ReviewPayload = z.infer<typeof reviewSchema>;

function identity(user: UserPayload): Identity {
  const out: Identity = { login: user.login, id: user.id };
  if (user.type !== undefined) {
    out.type = user.type;
  }
  if (user.name) {
    out.name = user.name;
  }
  if (user.email) {
    out.email = user.email;
  }
  return out;
}

const STATES: Record<string, ReviewState> = {
  approved: "approved",
  changes_requested: "changes_requested",
  commented: "commented",
  dismissed: "dismissed",
  pending: "pending",
};

function review(payload: ReviewPayload): Review {
  const state = STATES[payload.state.toLowerCase()] ?? "commented";
  const out: Review = { reviewer: payload.user ? identity(payload.user) : {}, state };
  if (payload.submitted_at) {
    out.submittedAt = payload.submitted_at;
  }
  if (payload.commit_id) {
    out.commitId = payload.commit_id;
  }
  return out;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const part of path) {
    if (typeof value !== "object" || value === null) {
      return undefined;
    }
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function describeIssue(json: unknown, issue: z.core.$ZodIssue): { key: string; text: string } {
  const key = issue.path.map(String).join(".");
  if (issue.code === "invalid_type" && valueAt(json, issue.path) === undefined) {
    return { key, text: `the field \`${key}\` is missing` };
  }
  return { key, text: `the field \`${key}\` is invalid (${issue.message})` };
}

export function readPullRequestEvent(text: string, file: string): PullRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CustodyError(
      "EVENT_INVALID",
      `${file} is not valid JSON (${error instanceof Error ? error.message : "parse error"}). Pass the event payload GitHub Actions writes to $GITHUB_EVENT_PATH.`,
      {
        position: { file },
      },
    );
  }
  if (typeof json !== "object" || json === null || !("pull_request" in json)) {
    throw new CustodyError(
      "EVENT_INVALID",
      `${file} is not a pull request event: it has no \`pull_request\` object. Run this on pull_request, pull_request_target or pull_request_review events.`,
      { position: { file, key: "pull_request" } },
    );
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const { key, text: detail } = first ? describeIssue(json, first) : { key: "", text: "the payload is invalid" };
    throw new CustodyError("EVENT_INVALID", `${file} is not a valid pull request event: ${detail}.`, { position: { file, key } });
  }
  const event = parsed.data;
  const pr = event.pull_request;
  const result: PullRequest = {
    number: pr.number,
    title: pr.title,
    body: pr.body ?? "",
    author: pr.user ? identity(pr.user) : {},
    labels: (pr.labels ?? []).map((label) => label.name),
    headBranch: pr.head.ref,
    baseBranch: pr.base.ref,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    assignees: (pr.assignees ?? []).map(identity),
  };
  if (pr.draft !== undefined) {
    result.draft = pr.draft;
  }
  if (pr.merged !== undefined && pr.merged !== null) {
    result.merged = pr.merged;
  }
  if (pr.merged_by) {
    result.mergedBy = identity(pr.merged_by);
  }
  if (pr.html_url !== undefined) {
    result.url = pr.html_url;
  }
  const repository = event.repository?.full_name ?? pr.base.repo?.full_name;
  if (repository !== undefined) {
    result.repository = repository;
  }
  if (event.reviews !== undefined) {
    result.reviews = event.reviews.map(review);
  } else if (event.review !== undefined) {
    result.reviews = [review(event.review)];
  }
  return result;
}
