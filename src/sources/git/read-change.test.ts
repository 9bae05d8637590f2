import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGitScenario } from "../../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../../test/fixtures/git-scenario.js";
import { readChange } from "./read-change.js";
import { openRepository } from "./repository.js";

let scenario: GitScenario | undefined;
const cleanup: string[] = [];

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
  for (const dir of cleanup.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

const CLAUDE_TRAILER = "Co-authored-by: Claude <noreply@anthropic.com>";

function featureScenario(): GitScenario {
  const s = createGitScenario();
  s.write("src/app.ts", "export const a = 1;\nexport const b = 2;\n");
  s.write("README.md", "# app\n");
  s.commit("Initial");
  s.branch("feature");
  s.write("src/app.ts", "export const a = 1;\nexport const c = 3;\nexport const b = 2;\nexport const d = 4;\n");
  s.commit(`Add c\n\n${CLAUDE_TRAILER}\n`);
  s.write("src/new.ts", "new file\n");
  s.commit("Add new");
  // main moves on meanwhile: its change must not appear in the feature's net diff.
  s.checkout("main");
  s.write("README.md", "# app\n\nmain only\n");
  s.commit("Main moves");
  return s;
}

describe("readChange", () => {
  it("lists base..head commits oldest first and the net diff from the merge base", async () => {
    scenario = featureScenario();
    const repo = await openRepository(scenario.dir);
    const change = await readChange(repo, "main", "feature");
    expect(change.commits.map((c) => c.subject)).toEqual(["Add c", "Add new"]);
    expect(change.commits[0]?.trailers).toEqual([{ key: "Co-authored-by", value: "Claude <noreply@anthropic.com>" }]);
    expect(change.head).toBe(scenario.git("rev-parse", "feature"));
    expect(change.files.map((f) => f.path)).toEqual(["src/app.ts", "src/new.ts"]);
    expect(change.files[0]).toMatchObject({
      status: "modified",
      additions: 2,
      deletions: 0,
      addedLines: [
        { line: 2, text: "export const c = 3;" },
        { line: 4, text: "export const d = 4;" },
      ],
    });
    expect(change.files[1]).toMatchObject({ status: "added", addedLines: [{ line: 1, text: "new file" }] });
  });

  it("keeps a rename's old path and only the lines the rename added", async () => {
    scenario = createGitScenario();
    const body = Array.from({ length: 30 }, (_, i) => `row ${String(i)}`).join("\n") + "\n";
    scenario.write("lib/old.ts", body);
    scenario.commit("base");
    scenario.move("lib/old.ts", "lib/renamed.ts");
    scenario.write("lib/renamed.ts", body + "row added\n");
    scenario.commit("rename");
    const change = await readChange(await openRepository(scenario.dir), "HEAD~1", "HEAD");
    expect(change.files).toEqual([
      expect.objectContaining({
        path: "lib/renamed.ts",
        oldPath: "lib/old.ts",
        status: "renamed",
        additions: 1,
        addedLines: [{ line: 31, text: "row added" }],
      }),
    ]);
  });

  it("gives binary files no lines and marks them binary", async () => {
    scenario = createGitScenario();
    scenario.write("a.txt", "a\n");
    scenario.commit("base");
    scenario.write("logo.png", Buffer.from([0x89, 0x50, 0, 0, 0xff, 0x00, 0x10]));
    scenario.write("b.txt", "b\n");
    scenario.commit("add binary");
    const change = await readChange(await openRepository(scenario.dir), "HEAD~1", "HEAD");
    const logo = change.files.find((f) => f.path === "logo.png");
    expect(logo).toMatchObject({ binary: true, addedLines: [], additions: 0 });
    // The text file after the binary one still gets its own lines (sections stay aligned).
    expect(change.files.find((f) => f.path === "b.txt")?.addedLines).toEqual([{ line: 1, text: "b" }]);
  });

  it("truncates a huge file's lines but keeps its counts, and keeps later files intact", async () => {
    scenario = createGitScenario();
    scenario.write("keep.txt", "k\n");
    scenario.commit("base");
    scenario.write("a-huge.txt", Array.from({ length: 5000 }, (_, i) => `generated line ${String(i)}`).join("\n") + "\n");
    scenario.write("z-small.txt", "small\n");
    scenario.commit("huge");
    const change = await readChange(await openRepository(scenario.dir), "HEAD~1", "HEAD", { maxFileDiffBytes: 10_000 });
    const huge = change.files.find((f) => f.path === "a-huge.txt");
    expect(huge).toMatchObject({ truncated: true, additions: 5000, addedLines: [] });
    const small = change.files.find((f) => f.path === "z-small.txt");
    expect(small?.truncated).toBeUndefined();
    expect(small?.addedLines).toEqual([{ line: 1, text: "small" }]);
  });

  it("flags a non-UTF-8 path and still reads its lines", async () => {
    scenario = createGitScenario();
    scenario.write("a.txt", "a\n");
    scenario.commit("base");
    scenario.write(Buffer.from([0x6e, 0xff, 0x2e, 0x6a, 0x73]), "eval(x)\n");
    scenario.commit("odd name");
    const change = await readChange(await openRepository(scenario.dir), "HEAD~1", "HEAD");
    expect(change.files).toEqual([
      expect.objectContaining({ path: "n\ufffd.js", pathNotUtf8: true, addedLines: [{ line: 1, text: "eval(x)" }] }),
    ]);
  });

  it("keeps merge commits in the commit list", async () => {
    scenario = createGitScenario();
    scenario.write("a", "1\n");
    scenario.commit("base");
    scenario.branch("topic");
    scenario.write("b", "2\n");
    scenario.commit("topic work");
    scenario.checkout("main");
    scenario.branch("release");
    scenario.write("c", "3\n");
    scenario.commit("release work");
    scenario.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic");
    const change = await readChange(await openRepository(scenario.dir), "main", "release");
    expect(change.commits.map((c) => c.subject)).toEqual(["topic work", "release work", "Merge topic"]);
    expect(change.commits.at(-1)?.parents).toHaveLength(2);
    expect(change.files.map((f) => f.path).sort()).toEqual(["b", "c"]);
  });

  it("diffs base to head directly when the histories are unrelated", async () => {
    scenario = createGitScenario();
    scenario.write("a.txt", "a\n");
    scenario.commit("main root");
    scenario.git("checkout", "-q", "--orphan", "other");
    scenario.git("rm", "-q", "-r", "-f", ".");
    scenario.write("b.txt", "b\n");
    scenario.commit("other root");
    const change = await readChange(await openRepository(scenario.dir), "main", "other");
    expect(change.commits.map((c) => c.subject)).toEqual(["other root"]);
    expect(change.files.map((f) => [f.path, f.status])).toEqual([
      ["a.txt", "deleted"],
      ["b.txt", "added"],
    ]);
  });

  it("names an unknown base or head", async () => {
    scenario = featureScenario();
    const repo = await openRepository(scenario.dir);
    await expect(readChange(repo, "main", "no-such-head")).rejects.toMatchObject({
      code: "UNKNOWN_REF",
      message: expect.stringContaining("no-such-head"),
    });
    await expect(readChange(repo, "v9.9.9", "feature")).rejects.toMatchObject({
      code: "UNKNOWN_REF",
      message: expect.stringContaining("v9.9.9"),
    });
  });

  it("tells the user to unshallow when both tips are present but their common ancestor is cut off", async () => {
    scenario = featureScenario();
    const clone = mkdtempSync(path.join(tmpdir(), "custody-shallow-"));
    cleanup.push(clone);
    execFileSync("git", ["clone", "-q", "--depth", "1", "--no-single-branch", `file://${scenario.dir}`, clone], { stdio: "ignore" });
    const repo = await openRepository(clone);
    await expect(readChange(repo, "origin/main", "origin/feature")).rejects.toMatchObject({
      code: "SHALLOW_CLONE",
      message: expect.stringContaining("common ancestor"),
    });
  });

  it("tells the user to unshallow when a shallow clone lacks the base", async () => {
    scenario = featureScenario();
    const base = scenario.git("rev-parse", "main~1");
    const clone = mkdtempSync(path.join(tmpdir(), "custody-shallow-"));
    cleanup.push(clone);
    execFileSync("git", ["clone", "-q", "--depth", "1", "--branch", "feature", `file://${scenario.dir}`, clone], { stdio: "ignore" });
    const repo = await openRepository(clone);
    const error: unknown = await readChange(repo, base, "HEAD").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "SHALLOW_CLONE" });
    expect((error as Error).message).toContain("fetch --unshallow");
    expect((error as Error).message).toContain("fetch-depth: 0");
  });
});
