import { afterEach, describe, expect, it } from "vitest";
import type { Commit } from "../../model/commit.js";
import { createGitScenario } from "../../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../../test/fixtures/git-scenario.js";
import { openRepository } from "./repository.js";
import { countCommits, streamHistory } from "./stream-history.js";
import type { HistoryOptions } from "./stream-history.js";

let scenario: GitScenario | undefined;

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

async function collect(dir: string, options: HistoryOptions = {}): Promise<Commit[]> {
  const repo = await openRepository(dir);
  const commits: Commit[] = [];
  for await (const commit of streamHistory(repo, options)) {
    commits.push(commit);
  }
  return commits;
}

const COPILOT = { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com" };

describe("streamHistory", () => {
  it("reads identities, dates, message, subject and files, newest first", async () => {
    scenario = createGitScenario();
    scenario.write("src/a.ts", "one\ntwo\n");
    scenario.commit("Add a\n\nWith a body.\n", { date: "2025-03-01T10:00:00+01:00" });
    scenario.write("src/a.ts", "one\nthree\nfour\n");
    scenario.commit("Change a", {
      author: COPILOT,
      committer: { name: "GitHub", email: "noreply@github.com" },
      date: "2025-03-02T10:00:00Z",
    });
    const [second, first] = await collect(scenario.dir);
    expect(first).toMatchObject({
      subject: "Add a",
      message: "Add a\n\nWith a body.\n",
      author: { name: "Ada Human", email: "ada@example.com", date: "2025-03-01T10:00:00+01:00" },
      parents: [],
      files: [{ path: "src/a.ts", status: "added", additions: 2, deletions: 0, binary: false }],
    });
    expect(second).toMatchObject({
      author: COPILOT,
      committer: { name: "GitHub", email: "noreply@github.com", date: "2025-03-02T10:00:00+00:00" },
      parents: [first?.sha],
      files: [{ path: "src/a.ts", status: "modified", additions: 2, deletions: 1 }],
    });
  });

  it("unfolds folded trailers and keeps every co-author", async () => {
    scenario = createGitScenario();
    scenario.write("a", "1\n");
    scenario.commit(
      "Fix parser\n\nExplain why.\n\nAgent-Task: https://example.com/tasks/42\n  continued here\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: Bea <bea@example.com>\nAuthorized-by: ada@example.com\n",
    );
    const [commit] = await collect(scenario.dir);
    expect(commit?.trailers).toEqual([
      { key: "Agent-Task", value: "https://example.com/tasks/42 continued here" },
      { key: "Co-authored-by", value: "Claude <noreply@anthropic.com>" },
      { key: "Co-authored-by", value: "Bea <bea@example.com>" },
      { key: "Authorized-by", value: "ada@example.com" },
    ]);
  });

  it("does not read a colon line in the body as a trailer", async () => {
    scenario = createGitScenario();
    scenario.write("a", "1\n");
    scenario.commit("Subject\n\nNote: this is prose, not a trailer block\nbecause it is followed by more prose.\n\nThe end.\n");
    const [commit] = await collect(scenario.dir);
    expect(commit?.trailers).toEqual([]);
  });

  it("reports renames with their old path, binary files and deletions", async () => {
    scenario = createGitScenario();
    const body = Array.from({ length: 40 }, (_, i) => `line ${String(i)}\n`).join("");
    scenario.write("old/name.txt", body);
    scenario.write("gone.txt", "bye\n");
    scenario.commit("start");
    scenario.move("old/name.txt", "new/name.txt");
    scenario.git("rm", "-q", "gone.txt");
    scenario.write("image.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0]));
    scenario.commit("move");
    const [commit] = await collect(scenario.dir);
    const byPath = new Map(commit?.files.map((f) => [f.path, f]));
    expect(byPath.get("new/name.txt")).toMatchObject({ status: "renamed", oldPath: "old/name.txt", additions: 0, deletions: 0 });
    expect(byPath.get("gone.txt")).toMatchObject({ status: "deleted", deletions: 1 });
    expect(byPath.get("image.png")).toMatchObject({ status: "added", binary: true, additions: 0 });
  });

  it("reads a non-UTF-8 file name losslessly where it can and flags it", async () => {
    scenario = createGitScenario();
    scenario.write(Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x74, 0x78, 0x74]), "x\n");
    scenario.write("caf\u00e9.txt", "y\n");
    scenario.commit("names");
    const [commit] = await collect(scenario.dir);
    const bad = commit?.files.find((f) => f.path.startsWith("bad"));
    expect(bad).toMatchObject({ path: "bad\ufffd.txt", pathNotUtf8: true });
    const good = commit?.files.find((f) => f.path.startsWith("caf"));
    expect(good?.path).toBe("caf\u00e9.txt");
    expect(good?.pathNotUtf8).toBeUndefined();
  });

  it("gives merge commits both parents and no files", async () => {
    scenario = createGitScenario();
    scenario.write("a", "1\n");
    scenario.commit("base");
    scenario.branch("feature");
    scenario.write("b", "2\n");
    scenario.commit("feature work");
    scenario.checkout("main");
    scenario.write("c", "3\n");
    scenario.commit("main work");
    scenario.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature");
    const commits = await collect(scenario.dir);
    const merge = commits[0];
    expect(merge?.subject).toBe("Merge feature");
    expect(merge?.parents).toHaveLength(2);
    expect(merge?.files).toEqual([]);
    expect(commits).toHaveLength(4);
  });

  it("filters by date and counts what it will stream", async () => {
    scenario = createGitScenario();
    for (const [i, date] of ["2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"].entries()) {
      scenario.write("a", `${String(i)}\n`);
      scenario.commit(`c${String(i)}`, { date });
    }
    const options = { since: "2025-01-15", until: "2025-02-15" };
    const commits = await collect(scenario.dir, options);
    expect(commits.map((c) => c.subject)).toEqual(["c1"]);
    expect(await countCommits(await openRepository(scenario.dir), options)).toBe(1);
    expect(await countCommits(await openRepository(scenario.dir))).toBe(3);
  });

  it("yields nothing for a repository without commits", async () => {
    scenario = createGitScenario();
    expect(await collect(scenario.dir)).toEqual([]);
    expect(await countCommits(await openRepository(scenario.dir))).toBe(0);
  });

  it("names an unknown revision", async () => {
    scenario = createGitScenario();
    scenario.write("a", "1\n");
    scenario.commit("one");
    await expect(collect(scenario.dir, { rev: "nope" })).rejects.toMatchObject({
      code: "UNKNOWN_REF",
      message: expect.stringContaining("nope"),
    });
  });

  it("stops git when the consumer stops early", async () => {
    scenario = createGitScenario();
    for (let i = 0; i < 5; i += 1) {
      scenario.write("a", `${String(i)}\n`);
      scenario.commit(`c${String(i)}`);
    }
    const repo = await openRepository(scenario.dir);
    const seen: string[] = [];
    for await (const commit of streamHistory(repo)) {
      seen.push(commit.subject);
      break;
    }
    expect(seen).toEqual(["c4"]);
  });
});
