import { afterEach, describe, expect, it } from "vitest";
import { buildRegistry } from "../provenance/index.js";
import { openRepository } from "../sources/git/repository.js";
import { createGitScenario } from "../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../test/fixtures/git-scenario.js";
import { blameRepository } from "./blame.js";

let scenario: GitScenario | undefined;

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

const registry = buildRegistry();

async function blame(paths: string[]): Promise<Awaited<ReturnType<typeof blameRepository>>> {
  if (scenario === undefined) {
    throw new Error("no scenario");
  }
  return blameRepository({ repo: await openRepository(scenario.dir), paths, rev: "HEAD", registry, branchEvidence: "decide" });
}

describe("blameRepository", () => {
  it("gives each line its commit's attribution, and the share per file and directory", async () => {
    scenario = createGitScenario();
    scenario.write("src/app.ts", "one\ntwo\n");
    scenario.commit("human start");
    scenario.write("src/app.ts", "one\ntwo\nthree\nfour\n");
    scenario.commit("add lines\n\nCo-authored-by: Claude <noreply@anthropic.com>\n");
    scenario.write("docs/a.md", "doc\n");
    scenario.commit("docs");
    const report = await blame(["."]);
    const app = report.files.find((file) => file.path === "src/app.ts");
    expect(app?.lines.map((line) => line.agent)).toEqual([null, null, "claude-code", "claude-code"]);
    expect(app).toMatchObject({ totalLines: 4, agentLines: 2, byAgent: { "claude-code": 2 } });
    expect(report.directories).toContainEqual({ path: "src", totalLines: 4, agentLines: 2, share: 0.5 });
    expect(report.directories).toContainEqual({ path: ".", totalLines: 5, agentLines: 2, share: 0.4 });
  });

  it("refines a commit's lines with its git-ai note: inside a session's range the agent's, outside the person's", async () => {
    scenario = createGitScenario();
    scenario.write("src/app.ts", "a\nb\nc\nd\n");
    const sha = scenario.commit("feature written with Cursor's help");
    const note = `src/app.ts\n  abcd1234abcd1234 2-3\n---\n${JSON.stringify({
      schema_version: "authorship/3.0.0",
      base_commit_sha: sha,
      prompts: {
        abcd1234abcd1234: { agent_id: { tool: "cursor", id: "s-1", model: "gpt-5" }, human_author: "Ada <ada@example.com>", messages: [] },
      },
    })}\n`;
    scenario.git("notes", "--ref=ai", "add", "-m", note, sha);
    const [file] = (await blame(["src/app.ts"])).files;
    expect(file?.lines.map((line) => [line.kind, line.agent, line.basis])).toEqual([
      ["human", null, "notes"],
      ["agent", "cursor", "notes"],
      ["agent", "cursor", "notes"],
      ["human", null, "notes"],
    ]);
    expect(file?.lines[1]?.model).toBe("gpt-5");
  });

  it("attributes the lines of an agent branch merged by the platform (basis merge)", async () => {
    scenario = createGitScenario();
    scenario.write("a.ts", "base\n");
    scenario.commit("base");
    scenario.branch("codex/feature");
    scenario.write("a.ts", "base\nfrom codex\n");
    scenario.commit("add a line");
    scenario.checkout("main");
    scenario.git("merge", "--no-ff", "-q", "-m", "Merge pull request #3 from acme/codex/feature", "codex/feature");
    const [file] = (await blame(["a.ts"])).files;
    expect(file?.lines.map((line) => [line.agent, line.basis])).toEqual([
      [null, "commit"],
      ["openai-codex", "merge"],
    ]);
  });

  it("finds no file for a path git does not track (the CLI turns that into a usage error)", async () => {
    scenario = createGitScenario();
    scenario.write("a.ts", "x\n");
    scenario.commit("x");
    const repo = await openRepository(scenario.dir);
    await expect(blameRepository({ repo, paths: ["missing.ts"], rev: "HEAD", registry, branchEvidence: "decide" })).resolves.toMatchObject({
      files: [],
    });
  });
});
