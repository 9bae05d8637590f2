// End to end with real git: commits written by git (folded trailers, several co-authors, bot and
// aider identities), read back by the git source, classified here. Nothing is hand-built.
import { afterEach, describe, expect, it } from "vitest";
import { createGitScenario } from "../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../test/fixtures/git-scenario.js";
import { readChange } from "../sources/git/read-change.js";
import { openRepository } from "../sources/git/repository.js";
import { classifyChange } from "./classify-change.js";
import { buildRegistry } from "./signature-registry.js";

let scenario: GitScenario | undefined;

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

describe("provenance of a real git history", () => {
  it("classifies each commit as git wrote it", async () => {
    const s = createGitScenario();
    scenario = s;
    s.write("README.md", "# app\n");
    const base = s.commit("Initial");
    s.write("a.ts", "export const a = 1;\n");
    // A folded co-author line and a second co-author: git unfolds and keeps both.
    s.commit(
      "Add a\n\nBody.\n\nCo-authored-by: Grace Hopper <grace.hopper@example.org>\nCo-authored-by: Claude\n  <noreply@anthropic.com>\nAgent-Task: PROJ-1\n",
    );
    s.write("b.ts", "export const b = 2;\n");
    s.commit("Add b", {
      author: { name: "copilot-swe-agent[bot]", email: "198982749+Copilot@users.noreply.github.com" },
      committer: { name: "GitHub", email: "noreply@github.com" },
    });
    s.write("c.ts", "export const c = 3;\n");
    s.commit("Add c", { author: { name: "Ada Human (aider)", email: "ada@example.com" } });
    s.write("d.ts", "export const d = 4;\n");
    s.commit("Bump d", { author: { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" } });
    s.write("e.ts", "export const e = 5;\n");
    s.commit("Add e\n\nDevin Smith reviewed this on branch copilot/fix.\n", {
      author: { name: "Devin Smith", email: "devin.smith@example.com" },
    });

    const repo = await openRepository(s.dir);
    const change = await readChange(repo, base, "HEAD");
    const result = classifyChange(change, buildRegistry());

    expect(result.commits.map((commit) => [commit.kind, commit.agent])).toEqual([
      ["agent", "claude-code"],
      ["agent", "github-copilot"],
      ["agent", "aider"],
      ["maintenance-bot", "dependabot"],
      ["human", undefined],
    ]);
    expect(result.commits[0]?.provenanceTrailers).toEqual({ "agent-task": "PROJ-1" });
    expect(result).toMatchObject({ kind: "agent", agents: ["claude-code", "github-copilot", "aider"] });
  });
});
