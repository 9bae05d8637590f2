import { describe, expect, it } from "vitest";
import { isCustodyError } from "../../model/errors.js";
import type { GitHubClient } from "./github-request.js";
import { readPullRequestChange } from "./read-pull-request-change.js";

const pull = {
  number: 5,
  title: "t",
  body: null,
  user: { login: "Copilot", id: 198982749, type: "Bot" },
  labels: [{ name: "agent" }],
  assignees: [{ login: "alice", id: 1 }],
  head: { ref: "copilot/x", sha: "h".repeat(40) },
  base: { ref: "main", sha: "b".repeat(40) },
};

function client(files: unknown[], commitCount = 1): GitHubClient & { routes: string[] } {
  const routes: string[] = [];
  return {
    routes,
    request: (route, params = {}) => {
      routes.push(`${route} page=${JSON.stringify(params.page ?? null)}`);
      const page = Number(params.page ?? 1);
      const perPage = Number(params.per_page ?? 30);
      const pageOf = <T>(items: T[]): T[] => items.slice((page - 1) * perPage, page * perPage);
      if (route.endsWith("/commits")) {
        const commits = Array.from({ length: commitCount }, (_, i) => ({
          sha: `c${String(i)}`,
          parents: [{ sha: "p" }],
          commit: {
            message: `m${String(i)}\n\nAuthorized-by: alice`,
            author: { name: "Copilot", email: "c@x", date: "2026-01-01T00:00:00Z" },
            committer: null,
          },
        }));
        return Promise.resolve({ status: 200, data: pageOf(commits) });
      }
      if (route.endsWith("/files")) {
        return Promise.resolve({ status: 200, data: pageOf(files) });
      }
      if (route.endsWith("/reviews")) {
        return Promise.resolve({
          status: 200,
          data: [{ user: { login: "bob" }, state: "APPROVED", submitted_at: "2026-01-02T00:00:00Z", commit_id: "h".repeat(40) }],
        });
      }
      return Promise.resolve({ status: 200, data: pull });
    },
  };
}

describe("readPullRequestChange", () => {
  it("maps GitHub's file statuses, marks binary and truncated files, and keeps patches' added lines", async () => {
    const change = await readPullRequestChange(
      client([
        { filename: "a.ts", status: "added", additions: 1, deletions: 0, patch: "@@ -0,0 +1 @@\n+x" },
        { filename: "img.png", status: "modified", additions: 0, deletions: 0 },
        { filename: "huge.json", status: "modified", additions: 9000, deletions: 10 },
        { filename: "b.ts", previous_filename: "old.ts", status: "renamed", additions: 0, deletions: 0 },
        { filename: "gone.ts", status: "removed", additions: 0, deletions: 3 },
        { filename: "mode.sh", status: "changed", additions: 0, deletions: 0, patch: "" },
      ]),
      { owner: "o", repo: "r", number: 5 },
    );
    expect(change.files.map((f) => [f.path, f.status, f.binary, f.truncated ?? false])).toEqual([
      ["a.ts", "added", false, false],
      ["img.png", "modified", true, false],
      ["huge.json", "modified", false, true],
      ["b.ts", "renamed", true, false],
      ["gone.ts", "deleted", false, true],
      ["mode.sh", "type-changed", false, false],
    ]);
    expect(change.files[0]?.addedLines).toEqual([{ line: 1, text: "x" }]);
    expect(change.files[3]?.oldPath).toBe("old.ts");
    expect(change.commits[0]).toMatchObject({
      sha: "c0",
      subject: "m0",
      trailers: [{ key: "Authorized-by", value: "alice" }],
      committer: { name: "" },
    });
    expect(change.pullRequest).toMatchObject({
      body: "",
      labels: ["agent"],
      headBranch: "copilot/x",
      reviews: [{ reviewer: { login: "bob" }, state: "approved" }],
    });
    expect(change).toMatchObject({ base: "b".repeat(40), head: "h".repeat(40) });
  });

  it("pages through more than 100 files and commits", async () => {
    const files = Array.from({ length: 230 }, (_, i) => ({
      filename: `f${String(i)}.ts`,
      status: "added",
      additions: 1,
      deletions: 0,
      patch: "@@ -0,0 +1 @@\n+x",
    }));
    const c = client(files, 120);
    const change = await readPullRequestChange(c, { owner: "o", repo: "r", number: 5 });
    expect(change.files).toHaveLength(230);
    expect(change.commits).toHaveLength(120);
    expect(c.routes.filter((r) => r.includes("/files"))).toHaveLength(3);
  });

  it("turns a body GitHub would not send into a GITHUB_API error", async () => {
    const broken: GitHubClient = { request: () => Promise.resolve({ status: 200, data: { number: "five" } }) };
    const error = await readPullRequestChange(broken, { owner: "o", repo: "r", number: 5 }).catch((e: unknown) => e);
    expect(isCustodyError(error, "GITHUB_API")).toBe(true);
  });

  it("turns a failed request into a GITHUB_API error naming the route and status", async () => {
    const failing: GitHubClient = { request: () => Promise.reject(Object.assign(new Error("Not Found"), { status: 404 })) };
    const error = await readPullRequestChange(failing, { owner: "o", repo: "r", number: 5 }).catch((e: unknown) => e);
    expect((error as Error).message).toContain("HTTP 404");
  });
});
