/**
 * GitHub's pull request object (as a webhook payload or the REST API returns it) → the model's
 * `PullRequest`. Both carry the same shape, so the server's projection and the API reader in
 * sources/github share this one conversion; it lives with the value types so neither has to
 * reach into the other's internals.
 */
import type { Identity } from "./actor.js";
import type { PullRequest } from "./change.js";

export interface GitHubUser {
  login: string;
  id?: number | undefined;
  type?: string | undefined;
}

export interface GitHubPullRequest {
  number: number;
  title: string;
  body?: string | null | undefined;
  user?: GitHubUser | null | undefined;
  labels: { name: string }[];
  assignees?: GitHubUser[] | null | undefined;
  head: { ref: string; sha: string };
  base: { ref: string; sha?: string | undefined };
  draft?: boolean | undefined;
  merged?: boolean | null | undefined;
  merged_by?: GitHubUser | null | undefined;
  html_url?: string | undefined;
}

export function identityOf(user: GitHubUser): Identity {
  return {
    login: user.login,
    ...(user.id === undefined ? {} : { id: user.id }),
    ...(user.type === undefined ? {} : { type: user.type }),
  };
}

export function pullRequestFromApi(pr: GitHubPullRequest, repository: string): PullRequest {
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body ?? "",
    author: pr.user ? identityOf(pr.user) : {},
    labels: pr.labels.map((l) => l.name),
    headBranch: pr.head.ref,
    baseBranch: pr.base.ref,
    headSha: pr.head.sha,
    ...(pr.base.sha === undefined ? {} : { baseSha: pr.base.sha }),
    assignees: (pr.assignees ?? []).map(identityOf),
    ...(pr.draft === undefined ? {} : { draft: pr.draft }),
    ...(pr.merged === undefined || pr.merged === null ? {} : { merged: pr.merged }),
    ...(pr.merged_by ? { mergedBy: identityOf(pr.merged_by) } : {}),
    ...(pr.html_url === undefined ? {} : { url: pr.html_url }),
    repository,
  };
}
