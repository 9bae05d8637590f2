import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGitScenario } from "../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../test/fixtures/git-scenario.js";
import { capturedIO } from "./cli-io.js";
import { auditCommand, parseAuditDate } from "./audit.js";
import { buildProgram } from "./main.js";
import { EXIT_PASS, EXIT_USAGE } from "./exit-codes.js";
import { CommanderError } from "commander";
import { isCustodyError } from "../model/errors.js";

let scenario: GitScenario | undefined;
const cleanup: string[] = [];

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
  for (const dir of cleanup.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

const COPILOT = { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com" };

/** Runs `custody audit …` through commander with only this module, as main.ts would. */
async function audit(args: string[], io = capturedIO()): Promise<{ code: number; out: string; err: string; error?: unknown }> {
  let code = EXIT_PASS;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) }, [auditCommand]);
  try {
    await program.parseAsync(["audit", ...args], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return { code: error.exitCode === 0 ? EXIT_PASS : EXIT_USAGE, out: io.out(), err: io.err() };
    }
    return { code: isCustodyError(error) ? EXIT_USAGE : 3, out: io.out(), err: io.err(), error };
  }
  return { code, out: io.out(), err: io.err() };
}

function agentRepo(): GitScenario {
  const s = createGitScenario();
  s.write("src/a.ts", "a\n");
  s.commit("human start", { date: "2025-01-06T10:00:00Z" });
  s.write(".github/workflows/ci.yml", "on: push\n");
  s.commit("Copilot edits CI", { author: COPILOT, date: "2025-01-07T10:00:00Z" });
  s.write("src/b.ts", "b\n");
  s.commit(
    "Claude-assisted change\n\nAgent-Task: T-1\nAuthorized-by: Ada <ada@example.com>\nCo-authored-by: Claude <noreply@anthropic.com>\n",
    { date: "2025-01-14T10:00:00Z" },
  );
  return s;
}

describe("custody audit", () => {
  it("prints the text summary with agents recognised by the real classifier", async () => {
    scenario = agentRepo();
    const result = await audit([scenario.dir]);
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(EXIT_PASS);
    expect(result.out).toContain("3 commits from 2025-01-06 to 2025-01-14: 2 by agents");
    expect(result.out).toMatch(/github-copilot\s+1/);
    expect(result.out).toMatch(/claude-code\s+1/);
    expect(result.out).toContain("Agent commits touching protected paths: 1");
    expect(result.out).toContain("Agent commits missing provenance trailers (Agent-Task, Authorized-by): 1");
    expect(result.err).toBe("");
  });

  it("writes JSON that parses, with the policy's required trailers", async () => {
    scenario = agentRepo();
    scenario.write(".github/custody.yml", "version: 1\nprovenance:\n  required_trailers: [Agent-Task]\n");
    scenario.commit("add policy", { date: "2025-01-15T10:00:00Z" });
    const result = await audit([scenario.dir, "--format", "json"]);
    const report = JSON.parse(result.out);
    expect(report.requiredTrailers).toEqual(["Agent-Task"]);
    expect(report.totals.commits).toBe(4);
    expect(report.missingProvenance.examples[0].items).toEqual(["Agent-Task"]);
  });

  it("reads a policy given with --policy and applies its scopes", async () => {
    scenario = agentRepo();
    const dir = mkdtempSync(path.join(tmpdir(), "custody-policy-"));
    cleanup.push(dir);
    const policy = path.join(dir, "p.yml");
    writeFileSync(
      policy,
      "version: 1\nrules:\n  path_scope:\n    scopes:\n      - agents: [github-copilot]\n        only_changed_files: ['src/**']\n",
    );
    const result = await audit([scenario.dir, "--policy", policy, "--format", "json"]);
    const report = JSON.parse(result.out);
    expect(report.scopeViolations.count).toBe(1);
    expect(report.scopeViolations.examples[0].items).toEqual([".github/workflows/ci.yml"]);
  });

  it("writes Markdown", async () => {
    scenario = agentRepo();
    const result = await audit([scenario.dir, "--format", "markdown", "--since", "2025-01-07"]);
    expect(result.out).toContain("## Custody audit");
    expect(result.out).toContain("2 commits from 2025-01-07");
  });

  it("draws no progress bar when stderr is piped, and one when it is a terminal", async () => {
    scenario = agentRepo();
    const piped = await audit([scenario.dir, "--format", "json"]);
    expect(piped.err).toBe("");
    const tty = await audit([scenario.dir, "--format", "json"], capturedIO({ stderrIsTTY: true }));
    expect(tty.err).toContain("Auditing history");
    expect(JSON.parse(tty.out).totals.commits).toBe(3);
  });

  it("refuses a bad date, naming it", async () => {
    scenario = agentRepo();
    const result = await audit([scenario.dir, "--since", "last tuesday"]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.error).toMatchObject({ code: "USAGE", message: expect.stringContaining('--since "last tuesday" is not a date') });
  });

  it("refuses a directory that is not a repository", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "custody-norepo-"));
    cleanup.push(dir);
    const result = await audit([dir]);
    expect(result.error).toMatchObject({ code: "NOT_A_REPOSITORY" });
  });

  it("teaches options and examples in --help", async () => {
    const result = await audit(["--help"]);
    expect(result.out).toContain("--since <date>");
    expect(result.out).toContain("Examples:");
  });
});

describe("custody audit --commits", () => {
  function history(): GitScenario {
    const s = createGitScenario();
    s.write("a.ts", "a\n");
    s.commit("human start");
    s.write("b.ts", "b\n");
    s.commit("agent work", { author: COPILOT });
    s.write("c.ts", "c\n");
    s.commit("squash of an agent PR (#3)\n\n* one\n\n---------\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\nnotes");
    return s;
  }

  it("writes one JSON object a line with basis and evidence", async () => {
    scenario = history();
    const result = await audit([scenario.dir, "--commits", "--format", "json"]);
    expect(result.code).toBe(EXIT_PASS);
    const lines = result.out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ kind: "agent", agent: "claude-code", basis: "commit", subject: "squash of an agent PR (#3)" });
    expect(lines[1]).toMatchObject({
      kind: "agent",
      agent: "github-copilot",
      evidence: expect.arrayContaining([expect.objectContaining({ signal: "author" })]),
    });
    expect(lines[2]).toMatchObject({ kind: "human", agent: null, basis: "commit" });
  });

  it("writes CSV with a header row and quoted fields", async () => {
    scenario = history();
    const result = await audit([scenario.dir, "--commits", "--format", "csv"]);
    const rows = result.out.trim().split("\n");
    expect(rows[0]).toBe("sha,date,author,committer,kind,agent,confidence,basis,subject,evidence");
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain(",agent,claude-code,");
  });

  it("writes a table with totals split by basis", async () => {
    scenario = history();
    const result = await audit([scenario.dir, "--commits"]);
    expect(result.out).toContain("basis");
    expect(result.out).toContain("3 commits, 2 by agents (by basis: commit 2)");
  });

  it("splits the summary's agent totals by basis", async () => {
    scenario = history();
    const result = await audit([scenario.dir, "--format", "json"]);
    const report = JSON.parse(result.out) as { totals: { agentByBasis: Record<string, number> } };
    expect(report.totals.agentByBasis).toMatchObject({ commit: 2, merge: 0 });
  });

  it.each([
    [["--format", "csv"], "--format csv needs --commits"],
    [["--commits", "--format", "markdown"], "--format markdown is for the summary"],
    [["--commits", "--secrets"], "run audit --secrets separately"],
  ])("refuses %j with a usage error", async (args, message) => {
    scenario = history();
    const result = await audit([scenario.dir, ...args]);
    expect(result.code).toBe(EXIT_USAGE);
    expect((result.error as Error).message).toContain(message);
  });
});

describe("custody audit --fetch-notes", () => {
  it("fetches git-ai notes from origin and reads them as evidence (basis notes)", async () => {
    const origin = createGitScenario();
    origin.write("a.ts", "one\ntwo\n");
    const sha = origin.commit("written with Cursor");
    const note = `a.ts\n  abcd1234abcd1234 1-2\n---\n${JSON.stringify({ schema_version: "authorship/3.0.0", base_commit_sha: sha, prompts: { abcd1234abcd1234: { agent_id: { tool: "cursor", id: "s", model: "gpt-5" }, messages: [] } } })}\n`;
    origin.git("notes", "--ref=ai", "add", "-m", note, sha);
    const clone = mkdtempSync(path.join(tmpdir(), "custody-clone-"));
    cleanup.push(clone, origin.dir);
    origin.git("clone", "-q", origin.dir, clone);
    const before = await audit([clone, "--commits", "--format", "json"]);
    expect(JSON.parse(before.out.trim())).toMatchObject({ kind: "human" });
    const after = await audit([clone, "--commits", "--format", "json", "--fetch-notes"]);
    expect(JSON.parse(after.out.trim())).toMatchObject({ kind: "agent", agent: "cursor", basis: "notes" });
  });
});

describe("parseAuditDate", () => {
  it.each([
    ["2025-01-31", "2025-01-31T00:00:00Z"],
    ["2025-01-31T12:00:00Z", "2025-01-31T12:00:00Z"],
    ["2025-01-31T12:00:00+02:00", "2025-01-31T12:00:00+02:00"],
  ])("accepts %s", (value, expected) => {
    expect(parseAuditDate(value, "--since")).toBe(expected);
  });

  it.each(["2025-02-30", "2025-13-01", "yesterday", "", "2025-01-01; rm -rf /", "--all"])("rejects %j", (value) => {
    expect(() => parseAuditDate(value, "--until")).toThrow(
      expect.objectContaining({ code: "USAGE", message: expect.stringContaining("--until") }),
    );
  });
});
