import { afterEach, describe, expect, it } from "vitest";
import { createGitScenario } from "../../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../../test/fixtures/git-scenario.js";
import { isCustodyError } from "../../model/errors.js";
import { historyPatches, unquoteGitPath } from "./history-patches.js";
import type { FilePatch, HistoryPatchOptions } from "./history-patches.js";

let scenario: GitScenario | undefined;
afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

async function collect(dir: string, options: HistoryPatchOptions = {}): Promise<FilePatch[]> {
  const out: FilePatch[] = [];
  for await (const patch of historyPatches(dir, options)) {
    out.push(patch);
  }
  return out;
}

describe("historyPatches", () => {
  it("yields each commit's added lines per file with their line numbers, newest first", async () => {
    scenario = createGitScenario();
    scenario.write("a.txt", "one\ntwo\nthree\n");
    const first = scenario.commit("add");
    scenario.write("a.txt", "one\nTWO\nthree\nfour\n");
    const second = scenario.commit("change");
    const patches = await collect(scenario.dir);
    expect(patches).toEqual([
      {
        commit: second,
        path: "a.txt",
        addedLines: [
          { line: 2, text: "TWO" },
          { line: 4, text: "four" },
        ],
        continues: false,
        cutLines: false,
      },
      {
        commit: first,
        path: "a.txt",
        addedLines: [
          { line: 1, text: "one" },
          { line: 2, text: "two" },
          { line: 3, text: "three" },
        ],
        continues: false,
        cutLines: false,
      },
    ]);
  });

  it("reads added lines that look like diff headers as content", async () => {
    scenario = createGitScenario();
    scenario.write("tricky.txt", "++ b/evil\ndiff --git a/x b/x\n@@ -1 +1 @@\n");
    scenario.commit("tricky");
    const [patch] = await collect(scenario.dir);
    expect(patch?.addedLines.map((l) => l.text)).toEqual(["++ b/evil", "diff --git a/x b/x", "@@ -1 +1 @@"]);
  });

  it("skips deletions and binary files, and decodes quoted paths", async () => {
    scenario = createGitScenario();
    scenario.write("gone.txt", "x\n");
    scenario.write("bin.dat", Buffer.from([0, 1, 2, 0, 3]));
    scenario.write('we"ird\tname.txt', "hello\n");
    scenario.commit("add");
    scenario.git("rm", "-q", "gone.txt");
    scenario.commit("remove");
    const patches = await collect(scenario.dir);
    expect(patches.map((p) => p.path).sort()).toEqual(["gone.txt", 'we"ird\tname.txt']);
  });

  it("hands a large file out in chunks and cuts over-long lines", async () => {
    scenario = createGitScenario();
    const lines = Array.from({ length: 200 }, (_, i) => `line ${String(i)} ${"x".repeat(50)}`);
    scenario.write("big.txt", `${lines.join("\n")}\n${"y".repeat(5000)}\n`);
    scenario.commit("big");
    const patches = await collect(scenario.dir, { chunkBytes: 2000, maxLineBytes: 1000 });
    expect(patches.length).toBeGreaterThan(5);
    expect(patches.slice(0, -1).every((p) => p.continues)).toBe(true);
    expect(patches.at(-1)?.continues).toBe(false);
    const all = patches.flatMap((p) => p.addedLines);
    expect(all.map((l) => l.line)).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));
    expect(all.at(-1)?.text.length).toBe(999); // 1000 bytes kept, the leading "+" dropped
    expect(patches.at(-1)?.cutLines).toBe(true);
  });

  it("yields nothing for a repository without commits", async () => {
    scenario = createGitScenario();
    expect(await collect(scenario.dir)).toEqual([]);
  });

  it("refuses an unknown ref and a ref that looks like an option", async () => {
    scenario = createGitScenario();
    scenario.write("a", "a\n");
    scenario.commit("a");
    for (const rev of ["no-such-branch", "--output=/tmp/x"]) {
      const error: unknown = await collect(scenario.dir, { rev }).catch((e: unknown) => e);
      expect(isCustodyError(error, "UNKNOWN_REF")).toBe(true);
    }
  });

  it("stops git when the consumer stops early", async () => {
    scenario = createGitScenario();
    for (let i = 0; i < 5; i++) {
      scenario.write(`f${String(i)}.txt`, `${String(i)}\n`);
      scenario.commit(`c${String(i)}`);
    }
    const seen: string[] = [];
    for await (const patch of historyPatches(scenario.dir)) {
      seen.push(patch.path);
      break;
    }
    expect(seen).toEqual(["f4.txt"]);
  });
});

describe("unquoteGitPath", () => {
  it("decodes C escapes and octal bytes, and leaves unquoted names alone", () => {
    expect(unquoteGitPath('"a\\tb\\"c\\\\d"').toString()).toBe('a\tb"c\\d');
    expect(unquoteGitPath('"caf\\303\\251"').toString()).toBe("café");
    expect(unquoteGitPath("plain name").toString()).toBe("plain name");
  });
});
