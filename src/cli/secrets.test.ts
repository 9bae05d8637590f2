import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGitScenario } from "../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../test/fixtures/git-scenario.js";
import { ALNUM, sampleSecret } from "../detect/secrets/sample-secret.js";
import { auditRepository } from "./audit.js";
import { capturedIO } from "./cli-io.js";
import { EXIT_PASS } from "./exit-codes.js";
import { buildProgram } from "./main.js";
import { secretsCommand } from "./secrets.js";

let scenario: GitScenario | undefined;
afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

const oldToken = `npm_${sampleSecret(ALNUM, 36, "cli-baseline-old")}`;
const newToken = `npm_${sampleSecret(ALNUM, 36, "cli-baseline-new")}`;

async function custodySecrets(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const io = capturedIO({ cwd });
  let code = -1;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) }, [secretsCommand]);
  await program.parseAsync(["secrets", ...args], { from: "user" });
  return { code, out: io.out() };
}

describe("custody secrets baseline", () => {
  it("writes keyed fingerprints of the history's findings, and audit --secrets then reports only new secrets", async () => {
    scenario = createGitScenario();
    scenario.write(".npmrc", `//registry.npmjs.org/:_authToken=${oldToken}\n`);
    scenario.commit("old token (rotated)");
    const { code, out } = await custodySecrets(["baseline"], scenario.dir);
    expect(code).toBe(EXIT_PASS);
    expect(out).toContain("Wrote 1 fingerprint(s) from 1 finding(s)");
    expect(out).toContain("baseline: .custody/secrets-baseline.json"); // tells how to wire it up
    const text = readFileSync(join(scenario.dir, ".custody", "secrets-baseline.json"), "utf8");
    expect(text).not.toContain(oldToken.slice(4, 12));
    expect(JSON.parse(text)).toMatchObject({ tool: "custody", kind: "secrets-baseline", version: 2 });

    scenario.write(".github/custody.yml", "version: 1\ndetectors:\n  secrets:\n    baseline: .custody/secrets-baseline.json\n");
    scenario.write("deploy/.npmrc", `//registry.npmjs.org/:_authToken=${newToken}\n`);
    scenario.commit("new token");
    const report = await auditRepository(capturedIO({ cwd: scenario.dir }), { dir: ".", secrets: true });
    expect(report.secrets?.examples.map((e) => [e.ruleId, e.path])).toEqual([["secret/npm-access-token", "deploy/.npmrc"]]);
    expect(report.secrets?.count).toBe(1);
    expect(report.secrets?.examples[0]?.path).toBe("deploy/.npmrc");
  });
});
