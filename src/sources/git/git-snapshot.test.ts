import { afterEach, describe, expect, it } from "vitest";
import { createGitScenario } from "../../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../../test/fixtures/git-scenario.js";
import { gitSnapshot } from "./git-snapshot.js";
import { openRepository } from "./repository.js";

let scenario: GitScenario | undefined;

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

describe("gitSnapshot", () => {
  it("reads files as they were at the revision, through one process, in order", async () => {
    scenario = createGitScenario();
    scenario.write("a.txt", "old\n");
    scenario.write("dir/b.bin", Buffer.from([0, 1, 2, 10, 255]));
    const first = scenario.commit("one");
    scenario.write("a.txt", "new\n");
    scenario.write("path with\nnewline.txt", "tricky\n");
    scenario.commit("two");
    const repo = await openRepository(scenario.dir);
    const old = gitSnapshot(repo, first);
    const now = gitSnapshot(repo, "HEAD");
    try {
      const [a, b, missing, tree] = await Promise.all([old.read("a.txt"), old.read("dir/b.bin"), old.read("nope.txt"), old.read("dir")]);
      expect(a?.toString()).toBe("old\n");
      expect(b).toEqual(Buffer.from([0, 1, 2, 10, 255]));
      expect(missing).toBeUndefined();
      expect(tree).toBeUndefined();
      expect((await now.read("a.txt"))?.toString()).toBe("new\n");
      expect((await now.read("path with\nnewline.txt"))?.toString()).toBe("tricky\n");
      expect(old.rev).toBe(first);
    } finally {
      await old.close();
      await now.close();
    }
    await expect(old.read("a.txt")).rejects.toThrow(/after close/);
  });

  it("reads a large blob that spans many output chunks", async () => {
    scenario = createGitScenario();
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    scenario.write("big.txt", big);
    scenario.write("after.txt", "after\n");
    scenario.commit("big");
    const snapshot = gitSnapshot(await openRepository(scenario.dir), "HEAD");
    try {
      const [read, after] = await Promise.all([snapshot.read("big.txt"), snapshot.read("after.txt")]);
      expect(read?.length).toBe(big.length);
      expect(read?.equals(big)).toBe(true);
      expect(after?.toString()).toBe("after\n");
    } finally {
      await snapshot.close();
    }
  });
});
