/**
 * `custody check --staged`: the index against HEAD, as the pre-commit hook runs it (like
 * `gitleaks protect --staged`). A secret staged but not committed is found; the working tree's
 * unstaged edits are not judged; a first commit (no HEAD yet) works.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createGitScenario } from "../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../test/fixtures/git-scenario.js";
import { ALNUM, sampleSecret } from "../detect/secrets/sample-secret.js";
import { isCustodyError } from "../model/errors.js";
import { checkCommand } from "./check.js";
import { capturedIO } from "./cli-io.js";
import { EXIT_FAIL, EXIT_PASS } from "./exit-codes.js";
import { buildProgram } from "./main.js";

let scenario: GitScenario | undefined;
afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

const token = `npm_${sampleSecret(ALNUM, 36, "staged-npm")}`;

async function check(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const io = capturedIO({ cwd, env: {} });
  let code = -1;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) }, [checkCommand]);
  await program.parseAsync(["check", ...args], { from: "user" });
  return { code, out: io.out() };
}

describe("custody check --staged", () => {
  it("finds a secret that is staged but not committed, with its line in the staged file", async () => {
    scenario = createGitScenario();
    scenario.write("README.md", "# app\n");
    scenario.commit("init");
    scenario.write("deploy/.npmrc", `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${token}\n`);
    scenario.git("add", "deploy/.npmrc");
    const { code, out } = await check(["--staged", "--format", "json", "--no-summary"], scenario.dir);
    const findings = (JSON.parse(out) as { findings: { ruleId: string; location?: { path: string; startLine: number } }[] }).findings;
    expect(findings.filter((f) => f.ruleId.startsWith("secret/")).map((f) => [f.ruleId, f.location?.path, f.location?.startLine])).toEqual([
      ["secret/npm-access-token", "deploy/.npmrc", 2],
    ]);
    expect(code).toBe(EXIT_FAIL);
    expect(out).not.toContain(token.slice(4, 14));
  });

  it("judges the index only: an unstaged secret in the working tree is not this commit's", async () => {
    scenario = createGitScenario();
    scenario.write("a.txt", "a\n");
    scenario.commit("init");
    scenario.write("a.txt", "a\nb\n");
    scenario.git("add", "a.txt");
    scenario.write("a.txt", `a\nb\nTOKEN=${token}\n`); // edited again, not staged
    const { code } = await check(["--staged", "--no-summary"], scenario.dir);
    expect(code).toBe(EXIT_PASS);
  });

  it("works before the first commit (no HEAD yet)", async () => {
    scenario = createGitScenario();
    scenario.write(".env", `NPM_TOKEN=${token}\n`);
    scenario.git("add", ".env");
    const { code, out } = await check(["--staged", "--format", "json", "--no-summary"], scenario.dir);
    expect(code).toBe(EXIT_FAIL);
    expect(out).toContain("secret/npm-access-token");
  });

  it("refuses --staged with --base (one change at a time) as a usage error", async () => {
    scenario = createGitScenario();
    const error: unknown = await check(["--staged", "--base", "main"], scenario.dir).catch((e: unknown) => e);
    expect(isCustodyError(error, "USAGE")).toBe(true);
  });
});
