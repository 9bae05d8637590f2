/** Builds `Change` values around fixture commits, with an optional pull request. Test-only. */
import type { Change, PullRequest } from "../../model/change.js";
import type { Commit } from "../../model/commit.js";

export function makePullRequest(overrides: Partial<PullRequest> = {}): PullRequest {
  return {
    number: 42,
    title: "Fix the flaky test",
    body: "Fixes #41.",
    author: { login: "jane-doe", id: 1001, type: "User" },
    labels: [],
    headBranch: "fix-flaky-test",
    baseBranch: "main",
    assignees: [],
    ...overrides,
  };
}

export function makeChange(commits: Commit[], pullRequest?: PullRequest): Change {
  const change: Change = { base: "b".repeat(40), head: commits.at(-1)?.sha ?? "c".repeat(40), commits, files: [] };
  return pullRequest === undefined ? change : { ...change, pullRequest };
}
