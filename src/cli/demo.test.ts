import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CommanderError } from "commander";
import { capturedIO } from "./cli-io.js";
import { demoCommand } from "./demo.js";
import { buildProgram } from "./main.js";
import { EXIT_PASS } from "./exit-codes.js";

const cleanup: string[] = [];

afterEach(() => {
  for (const dir of cleanup.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "custody-demo-"));
  cleanup.push(dir);
  return dir;
}

async function demo(args: string[], cwd: string): Promise<{ code: number; out: string; error?: unknown }> {
  const io = capturedIO({ cwd });
  let code = EXIT_PASS;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) }, [demoCommand]);
  try {
    await program.parseAsync(["demo", ...args], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return { code: error.exitCode, out: io.out() };
    }
    return { code: 2, out: io.out(), error };
  }
  return { code, out: io.out() };
}

describe("custody demo", () => {
  it("builds the demo repository and prints its audit", async () => {
    const cwd = tempDir();
    const result = await demo([], cwd);
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(EXIT_PASS);
    expect(result.out).toContain("Created a demo repository in demo-repo.");
    for (const agent of ["github-copilot", "claude-code", "openai-codex", "devin"]) {
      expect(result.out).toContain(agent);
    }
    expect(result.out).toContain("Maintenance bots: dependabot 1");
    expect(result.out).toContain("Deploy from CI after tests pass — touched .github/workflows/ci.yml");
    expect(result.out).toContain("outside scope: scripts/deploy.sh");
    expect(result.out).toMatch(/Agent commits missing provenance trailers \(Agent-Task, Authorized-by\): [1-9]/);
  });

  it("builds the same commits every time (fixed identities and dates)", async () => {
    const a = path.join(tempDir(), "a");
    const b = path.join(tempDir(), "b");
    const first = await demo([a], path.dirname(b));
    await demo([b], "/");
    expect(first.out).toContain(`Created a demo repository in ${a}.`);
    const head = (dir: string): string => execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" }).trim();
    expect(head(a)).toBe(head(b));
  });

  it("refuses a non-empty directory", async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, "taken"));
    writeFileSync(path.join(cwd, "taken", "file.txt"), "mine\n");
    const result = await demo(["taken"], cwd);
    expect(result.error).toMatchObject({ code: "USAGE", message: expect.stringContaining("not empty") });
  });
});
