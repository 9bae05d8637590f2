import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createGitScenario } from "../../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../../test/fixtures/git-scenario.js";
import { openRepository, resolveRef } from "./repository.js";

let scenario: GitScenario | undefined;
let plain: string | undefined;

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
  if (plain !== undefined) {
    rmSync(plain, { recursive: true, force: true });
    plain = undefined;
  }
});

describe("openRepository", () => {
  it("opens a checkout and finds its git directory", async () => {
    scenario = createGitScenario();
    const repo = await openRepository(scenario.dir);
    expect(repo.dir).toBe(path.resolve(scenario.dir));
    expect(repo.gitDir).toBe(path.join(repo.dir, ".git"));
  });

  it("refuses a directory that is not a repository, naming it", async () => {
    plain = mkdtempSync(path.join(tmpdir(), "custody-plain-"));
    await expect(openRepository(plain)).rejects.toMatchObject({ code: "NOT_A_REPOSITORY", message: expect.stringContaining(plain) });
  });

  it("says git is missing when the executable cannot be found", async () => {
    plain = mkdtempSync(path.join(tmpdir(), "custody-nogit-"));
    vi.stubEnv("PATH", plain);
    try {
      await expect(openRepository(plain)).rejects.toMatchObject({ code: "GIT_FAILED", message: expect.stringContaining("install git") });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses a path that does not exist", async () => {
    await expect(openRepository("/nonexistent/custody-nowhere")).rejects.toMatchObject({ code: "NOT_A_REPOSITORY" });
  });
});

describe("resolveRef", () => {
  it("resolves branches and relative refs to full shas", async () => {
    scenario = createGitScenario();
    scenario.write("a", "1\n");
    const first = scenario.commit("one");
    scenario.write("a", "2\n");
    const second = scenario.commit("two");
    const repo = await openRepository(scenario.dir);
    expect(await resolveRef(repo, "main")).toBe(second);
    expect(await resolveRef(repo, "HEAD~1")).toBe(first);
  });

  it("names an unknown ref", async () => {
    scenario = createGitScenario();
    scenario.write("a", "1\n");
    scenario.commit("one");
    const repo = await openRepository(scenario.dir);
    await expect(resolveRef(repo, "no-such-branch")).rejects.toMatchObject({
      code: "UNKNOWN_REF",
      message: expect.stringContaining('"no-such-branch"'),
    });
  });

  it("never lets a ref be read as an option", async () => {
    scenario = createGitScenario();
    scenario.write("a", "1\n");
    scenario.commit("one");
    const repo = await openRepository(scenario.dir);
    await expect(resolveRef(repo, "--output=/tmp/x")).rejects.toMatchObject({ code: "UNKNOWN_REF" });
  });
});
