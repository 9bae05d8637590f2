/**
 * What the Action needs from the GitHub API to really check approvals: every review of the pull
 * request (with the commit each was given on), its current labels, and the members of the
 * CODEOWNERS teams the change touches. A pull_request event carries none of the reviews, so
 * without this `required-approvals` and `codeowner-approval` could never be judged in CI.
 * Responses are parsed with zod at this edge; any failure is a GITHUB_API error (the check must
 * not pass because the API could not be read).
 */
import { Octokit } from "@octokit/rest";
import { z } from "zod";
import type { Identity } from "../../model/actor.js";
import type { Review, ReviewState } from "../../model/change.js";
import type { GitHubClient } from "./github-request.js";
import { requestParsed } from "./github-request.js";

const PER_PAGE = 100;
/** A pull request with more reviews than this is read up to here (GitHub itself pages at 100). */
const MAX_PAGES = 30;

const userSchema = z.object({ login: z.string(), id: z.number().int(), type: z.string().optional() }).nullable();
const reviewsSchema = z.array(
  z.object({ user: userSchema, state: z.string(), submitted_at: z.string().nullish(), commit_id: z.string().nullish() }),
);
const labelsSchema = z.array(z.object({ name: z.string() }));
const membersSchema = z.array(z.object({ login: z.string() }));

const STATES: Record<string, ReviewState> = {
  approved: "approved",
  changes_requested: "changes_requested",
  commented: "commented",
  dismissed: "dismissed",
  pending: "pending",
};

async function pages<T>(client: GitHubClient, route: string, params: Record<string, unknown>, schema: z.ZodType<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const items = await requestParsed(client, route, { ...params, per_page: PER_PAGE, page }, schema);
    all.push(...items);
    if (items.length < PER_PAGE) {
      break;
    }
  }
  return all;
}

export async function fetchReviews(client: GitHubClient, owner: string, repo: string, number: number): Promise<Review[]> {
  const reviews = await pages(
    client,
    "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    { owner, repo, pull_number: number },
    reviewsSchema,
  );
  return reviews.map((entry): Review => {
    const reviewer: Identity =
      entry.user === null
        ? {}
        : { login: entry.user.login, id: entry.user.id, ...(entry.user.type === undefined ? {} : { type: entry.user.type }) };
    return {
      reviewer,
      state: STATES[entry.state.toLowerCase()] ?? "commented",
      ...(entry.submitted_at ? { submittedAt: entry.submitted_at } : {}),
      ...(entry.commit_id ? { commitId: entry.commit_id } : {}),
    };
  });
}

export async function fetchLabels(client: GitHubClient, owner: string, repo: string, number: number): Promise<string[]> {
  return (
    await pages(client, "GET /repos/{owner}/{repo}/issues/{issue_number}/labels", { owner, repo, issue_number: number }, labelsSchema)
  ).map((label) => label.name);
}

/** Members of `@org/team` (the token needs `read:org`, or the App `members: read`). */
export async function fetchTeamMembers(client: GitHubClient, team: string): Promise<string[]> {
  const [org = "", slug = ""] = team.replace(/^@/, "").split("/");
  return (await pages(client, "GET /orgs/{org}/teams/{team_slug}/members", { org, team_slug: slug }, membersSchema)).map(
    (member) => member.login,
  );
}

/** A REST client authenticated with a token (the Action's `github-token`), against `baseUrl` (GHES, or a test's stand-in). */
export function tokenClient(token: string, baseUrl: string): GitHubClient {
  const octokit = new Octokit({
    auth: token,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  return { request: (route, params) => octokit.request(route, params) };
}
