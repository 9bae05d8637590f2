/**
 * The data a rule may lack, each with what would make the rule run. One table so every rule
 * and every format gives the same advice.
 */
import type { MissingData } from "./rule-context.js";

export const NO_PULL_REQUEST_REMEDY =
  "run it on a pull request: pass --event with a pull_request payload (the default in GitHub Actions), or let the GitHub App check it";

export const NO_REVIEWS_REMEDY = "pass --event with the reviews, or give the Action a github-token so it fetches them";

export function noPullRequest(what: string): MissingData {
  return { reason: `no pull request, so ${what}`, remedy: NO_PULL_REQUEST_REMEDY };
}

export function noReviews(what: string): MissingData {
  return { reason: `the pull request's reviews are unknown, so ${what}`, remedy: NO_REVIEWS_REMEDY };
}
