import { afterEach, describe, expect, it } from "vitest";
import type { Commit } from "../model/commit.js";
import type { CommitProvenance } from "../model/provenance.js";
import { openRepository } from "../sources/git/repository.js";
import { createGitScenario } from "../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../test/fixtures/git-scenario.js";
import { runAudit } from "./audit.js";

let scenario: GitScenario | undefined;

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

// A stand-in classifier keyed on the author email: the engine must not care how classification
// is done, only use what it is given.
function classify(commit: Commit): CommitProvenance {
  const agent = commit.author.email.endsWith("+Copilot@users.noreply.github.com") ? "github-copilot" : undefined;
  const trailers: Record<string, string> = {};
  for (const t of commit.trailers) {
    trailers[t.key.toLowerCase()] = t.value;
  }
  return {
    sha: commit.sha,
    kind: agent ? "agent" : "human",
    ...(agent ? { agent } : {}),
    confidence: 1,
    evidence: [],
    provenanceTrailers: trailers,
  };
}

const COPILOT = { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com" };

describe("runAudit", () => {
  it("walks real history once and reports agent activity, protected paths and missing trailers", async () => {
    scenario = createGitScenario();
    scenario.write("src/a.ts", "a\n");
    scenario.commit("human start", { date: "2025-01-06T10:00:00Z" });
    scenario.write(".github/workflows/ci.yml", "on: push\n");
    scenario.commit("agent edits CI", { author: COPILOT, date: "2025-01-07T10:00:00Z" });
    scenario.write("src/b.ts", "b\n");
    scenario.commit("agent with trailers\n\nAgent-Task: T-1\nAuthorized-by: ada@example.com\n", {
      author: COPILOT,
      date: "2025-01-14T10:00:00Z",
    });
    const repo = await openRepository(scenario.dir);
    const progress: [number, number][] = [];
    const report = await runAudit({
      repo,
      classify,
      requiredTrailers: ["Agent-Task", "Authorized-by"],
      isProtected: (p) => p.startsWith(".github/"),
      scopeViolations: () => [],
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(report.totals.commits).toBe(3);
    expect(report.totals.byKind.agent).toBe(2);
    expect(report.agents).toEqual([
      expect.objectContaining({ agent: "github-copilot", commits: 2, missingProvenance: 1, protectedPathCommits: 1 }),
    ]);
    expect(report.protectedPaths.examples[0]).toMatchObject({ subject: "agent edits CI", items: [".github/workflows/ci.yml"] });
    expect(report.missingProvenance.examples[0]).toMatchObject({ subject: "agent edits CI", items: ["Agent-Task", "Authorized-by"] });
    expect(report.weeks.map((w) => w.week)).toEqual(["2025-W02", "2025-W03"]);
    expect(progress.at(-1)).toEqual([3, 3]);
  });

  it("limits the window with since/until", async () => {
    scenario = createGitScenario();
    for (const date of ["2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"]) {
      scenario.write("f", `${date}\n`);
      scenario.commit(date, { author: COPILOT, date });
    }
    const report = await runAudit({
      repo: await openRepository(scenario.dir),
      since: "2025-01-15",
      classify,
      requiredTrailers: [],
      isProtected: () => false,
      scopeViolations: () => [],
    });
    expect(report.totals.commits).toBe(2);
    expect(report.since).toBe("2025-01-15");
  });
});
