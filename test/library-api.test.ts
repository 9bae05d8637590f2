/**
 * The package's library entry point runs the same check as the CLI: a user embedding Custody
 * gets the verdict the command line would print.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gitSnapshot, loadPolicy, openRepository, readChange, renderJson, runCheck } from "../src/index.js";
import type { GitScenario } from "./fixtures/git-scenario.js";
import { createGitScenario } from "./fixtures/git-scenario.js";

let scenario: GitScenario;

beforeEach(() => {
  scenario = createGitScenario();
});

afterEach(() => {
  scenario.dispose();
});

describe("the library API", () => {
  it("checks a change end to end", async () => {
    scenario.write(".github/workflows/ci.yml", "on: push\n");
    const base = scenario.commit("Start");
    scenario.write(".github/workflows/ci.yml", "on: [push, pull_request]\n");
    const head = scenario.commit("Run CI on PRs", { author: { name: "Claude", email: "noreply@anthropic.com" } });

    const repo = await openRepository(scenario.dir);
    const change = await readChange(repo, base, head);
    const { policy } = await loadPolicy({ repoDir: repo.dir });
    const baseSnapshot = gitSnapshot(repo, change.base);
    const headSnapshot = gitSnapshot(repo, change.head);
    const { verdict } = await runCheck({ change, policy, base: baseSnapshot, head: headSnapshot });
    await Promise.all([baseSnapshot.close(), headSnapshot.close()]);

    expect(verdict.outcome).toBe("fail");
    expect(verdict.provenance.agents).toEqual(["claude-code"]);
    expect(JSON.parse(renderJson(verdict)).findings.map((f: { ruleId: string }) => f.ruleId)).toContain("protected-paths");
  });
});
