import { afterEach, describe, expect, it } from "vitest";
import { CommanderError } from "commander";
import { createGitScenario } from "../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../test/fixtures/git-scenario.js";
import { isCustodyError } from "../model/errors.js";
import { blameCommand } from "./blame.js";
import { capturedIO } from "./cli-io.js";
import { EXIT_PASS, EXIT_USAGE } from "./exit-codes.js";
import { buildProgram } from "./main.js";

let scenario: GitScenario | undefined;

afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

async function blame(args: string[], cwd: string): Promise<{ code: number; out: string; error?: unknown }> {
  const io = capturedIO({ cwd });
  let code = EXIT_PASS;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) }, [blameCommand]);
  try {
    await program.parseAsync(["blame", ...args], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return { code: error.exitCode === 0 ? EXIT_PASS : EXIT_USAGE, out: io.out() };
    }
    return { code: isCustodyError(error) ? EXIT_USAGE : 3, out: io.out(), error };
  }
  return { code, out: io.out() };
}

function repo(): GitScenario {
  const s = createGitScenario();
  s.write("src/a.ts", "human line\n");
  s.commit("start");
  s.write("src/a.ts", "human line\nagent line\n");
  s.commit("more\n\nCo-authored-by: Claude <noreply@anthropic.com>\n");
  return s;
}

describe("custody blame", () => {
  it("lists every line of one file with who wrote it, then the share", async () => {
    scenario = repo();
    const result = await blame(["src/a.ts"], scenario.dir);
    expect(result.code).toBe(EXIT_PASS);
    expect(result.out).toMatch(/human\s+commit\s+1\) human line/u);
    expect(result.out).toMatch(/claude-code\s+commit\s+2\) agent line/u);
    expect(result.out).toContain("src/a.ts: 1 of 2 lines by agents (50.0%): claude-code 1");
  });

  it("writes JSON with per-directory shares", async () => {
    scenario = repo();
    const result = await blame(["src", "--format", "json"], scenario.dir);
    const report = JSON.parse(result.out) as { directories: { path: string; share: number }[] };
    expect(report.directories).toContainEqual(expect.objectContaining({ path: "src", share: 0.5 }));
  });

  it.each([
    [["missing.ts"], "No tracked file matches missing.ts"],
    [["../outside.ts"], "is outside the repository"],
    [["src/a.ts", "--rev", "no-such-ref"], "no-such-ref"],
  ])("refuses %j with a usage error", async (args, message) => {
    scenario = repo();
    const result = await blame(args, scenario.dir);
    expect(result.code).toBe(EXIT_USAGE);
    expect((result.error as Error).message).toContain(message);
  });
});
