/**
 * Reads a pull request through GitHub's REST API into the model's `Change`: the PR itself,
 * its commits (oldest first, as GitHub lists them; at most 250, GitHub's cap) and its files with
 * their patches (at most 3,000), plus its reviews. GitHub omits a file's `patch` for binary files
 * and for diffs too large to show; such a file is `binary` when it counts no lines, otherwise
 * `truncated`. Commit trailers come from the messages; per-commit file lists are not fetched
 * (one request per commit), so `Commit.files` is empty here.
 */
import { z } from "zod";
import type { Change, ChangedFile, PullRequest, Review, ReviewState } from "../../model/change.js";
import type { Commit, FileStatus } from "../../model/commit.js";
import { requestParsed, type GitHubClient } from "./github-request.js";
import { parseMessageTrailers } from "../../model/commit-trailers.js";
import { patchAddedLines } from "./patch-added-lines.js";
import { identityOf, pullRequestFromApi } from "../../model/github-pull-request.js";

const user = z.object({ login: z.string(), id: z.number().optional(), type: z.string().optional() });

const pullSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  user: user.nullish(),
  labels: z.array(z.object({ name: z.string() })).default([]),
  assignees: z.array(user).nullish(),
  head: z.object({ ref: z.string(), sha: z.string() }),
  base: z.object({ ref: z.string(), sha: z.string() }),
  draft: z.boolean().optional(),
  merged: z.boolean().nullish(),
  merged_by: user.nullish(),
  html_url: z.string().optional(),
});

const signature = z.object({ name: z.string().default(""), email: z.string().default(""), date: z.string().default("") }).nullish();

const commitsSchema = z.array(
  z.object({
    sha: z.string(),
    parents: z.array(z.object({ sha: z.string() })).default([]),
    commit: z.object({ message: z.string(), author: signature, committer: signature }),
  }),
);

const filesSchema = z.array(
  z.object({
    filename: z.string(),
    previous_filename: z.string().optional(),
    status: z.string(),
    additions: z.number().int(),
    deletions: z.number().int(),
    changes: z.number().int().optional(),
    patch: z.string().optional(),
  }),
);

const reviewsSchema = z.array(
  z.object({ user: user.nullish(), state: z.string(), submitted_at: z.string().nullish(), commit_id: z.string().nullish() }),
);

const STATUS: Record<string, FileStatus> = {
  added: "added",
  removed: "deleted",
  modified: "modified",
  renamed: "renamed",
  copied: "copied",
  changed: "type-changed",
  unchanged: "modified",
};

const REVIEW_STATE: Record<string, ReviewState> = {
  APPROVED: "approved",
  CHANGES_REQUESTED: "changes_requested",
  COMMENTED: "commented",
  DISMISSED: "dismissed",
  PENDING: "pending",
};

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

const PER_PAGE = 100;

async function paged<T>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  schema: z.ZodType<T[]>,
  maxItems: number,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; all.length < maxItems; page += 1) {
    const items = await requestParsed(client, route, { ...params, per_page: PER_PAGE, page }, schema);
    all.push(...items);
    if (items.length < PER_PAGE) {
      break;
    }
  }
  return all.slice(0, maxItems);
}

export async function readPullRequestChange(client: GitHubClient, ref: PullRequestRef): Promise<Change> {
  const params = { owner: ref.owner, repo: ref.repo, pull_number: ref.number };
  const pull = await requestParsed(client, "GET /repos/{owner}/{repo}/pulls/{pull_number}", params, pullSchema);
  const commits = await paged(client, "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", params, commitsSchema, 250);
  const files = await paged(client, "GET /repos/{owner}/{repo}/pulls/{pull_number}/files", params, filesSchema, 3000);
  const reviews = await paged(client, "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", params, reviewsSchema, 1000);
  const pullRequest: PullRequest = {
    ...pullRequestFromApi(pull, `${ref.owner}/${ref.repo}`),
    reviews: reviews.map((r): Review => ({
      reviewer: r.user ? identityOf(r.user) : {},
      state: REVIEW_STATE[r.state] ?? "commented",
      ...(r.submitted_at ? { submittedAt: r.submitted_at } : {}),
      ...(r.commit_id ? { commitId: r.commit_id } : {}),
    })),
  };
  return {
    base: pull.base.sha,
    head: pull.head.sha,
    commits: commits.map((c): Commit => ({
      sha: c.sha,
      parents: c.parents.map((p) => p.sha),
      author: { name: c.commit.author?.name ?? "", email: c.commit.author?.email ?? "", date: c.commit.author?.date ?? "" },
      committer: { name: c.commit.committer?.name ?? "", email: c.commit.committer?.email ?? "", date: c.commit.committer?.date ?? "" },
      subject: c.commit.message.split("\n", 1)[0] ?? "",
      message: c.commit.message,
      trailers: parseMessageTrailers(c.commit.message),
      files: [],
    })),
    files: files.map((f): ChangedFile => {
      const hasPatch = f.patch !== undefined;
      const counted = f.additions + f.deletions > 0;
      return {
        path: f.filename,
        ...(f.previous_filename === undefined ? {} : { oldPath: f.previous_filename }),
        status: STATUS[f.status] ?? "modified",
        additions: f.additions,
        deletions: f.deletions,
        binary: !hasPatch && !counted && f.status !== "removed",
        addedLines: f.patch === undefined ? [] : patchAddedLines(f.patch),
        ...(!hasPatch && counted ? { truncated: true } : {}),
      };
    }),
    pullRequest,
  };
}
