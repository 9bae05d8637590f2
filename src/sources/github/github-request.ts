/**
 * The one thing the GitHub API readers need from Octokit: `octokit.request(route, params)`.
 * Typed as a small interface so readers take an installation client (`@octokit/app`), and every
 * response body is parsed with zod at this edge rather than trusted.
 */
import type { z } from "zod";
import { CustodyError } from "../../model/errors.js";

type GitHubRequest = (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: unknown }>;

export interface GitHubClient {
  request: GitHubRequest;
}

/** Calls `route` and parses the body with `schema`; a body GitHub would never send is a GITHUB_API error. */
export async function requestParsed<T>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  schema: z.ZodType<T>,
): Promise<T> {
  let response;
  try {
    response = await client.request(route, params);
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    throw new CustodyError(
      "GITHUB_API",
      `GitHub API ${route} failed${typeof status === "number" ? ` with HTTP ${String(status)}` : ""}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const parsed = schema.safeParse(response.data);
  if (!parsed.success) {
    throw new CustodyError(
      "GITHUB_API",
      `GitHub API ${route} answered a body Custody cannot read: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}.`,
    );
  }
  return parsed.data;
}
