import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGitScenario } from "../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../test/fixtures/git-scenario.js";
import { ALNUM, sampleSecret } from "../detect/secrets/sample-secret.js";
import { isCustodyError } from "../model/errors.js";
import { auditRepository } from "../engine/audit-repository.js";
import { auditCommand } from "./audit.js";
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

async function custody(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const io = capturedIO({ cwd });
  let code = -1;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) }, [auditCommand, secretsCommand]);
  await program.parseAsync(args, { from: "user" });
  return { code, out: io.out() };
}

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
    const report = await auditRepository({ dir: scenario.dir, secrets: true });
    expect(report.secrets?.examples.map((e) => [e.ruleId, e.path])).toEqual([["secret/npm-access-token", "deploy/.npmrc"]]);
    expect(report.secrets?.count).toBe(1);
    expect(report.secrets?.examples[0]?.path).toBe("deploy/.npmrc");
  });
});

describe("audit --secrets: every finding reachable", () => {
  function manySecrets(count: number): GitScenario {
    const s = createGitScenario();
    const lines = Array.from({ length: count }, (_, i) => `TOKEN_${String(i)}=npm_${sampleSecret(ALNUM, 36, `many-${String(i)}`)}`);
    s.write("tokens.env", `${lines.join("\n")}\n`);
    s.commit("many tokens");
    return s;
  }

  it("text lists the first 20 with their fingerprints and says how to see the rest; JSON lists all", async () => {
    scenario = manySecrets(25);
    const text = await custody(["audit", "--secrets"], scenario.dir);
    expect(text.out).toContain("Secrets added in history");
    expect(text.out.match(/\[fingerprint [0-9a-f]{32}\]/g)).toHaveLength(20);
    expect(text.out).toContain("… and 5 more: --max-findings all");
    const json = JSON.parse((await custody(["audit", "--secrets", "--format", "json"], scenario.dir)).out) as {
      secrets: { count: number; examples: unknown[] };
    };
    expect(json.secrets.count).toBe(25);
    expect(json.secrets.examples).toHaveLength(25);
    const all = await custody(["audit", "--secrets", "--max-findings", "all"], scenario.dir);
    expect(all.out.match(/\[fingerprint /g)).toHaveLength(25);
    expect(all.out).not.toContain("more:");
  });

  it("refuses a --max-findings that is not a positive number with a USAGE error", async () => {
    scenario = manySecrets(1);
    const error: unknown = await custody(["audit", "--secrets", "--max-findings", "0"], scenario.dir).catch((e: unknown) => e);
    expect(isCustodyError(error, "USAGE")).toBe(true);
    expect((error as Error).message).toContain("--max-findings");
  });

  it("reports baseline entries that no longer match anything", async () => {
    scenario = manySecrets(2);
    await custodySecrets(["baseline"], scenario.dir);
    scenario.write(".github/custody.yml", "version: 1\ndetectors:\n  secrets:\n    baseline: .custody/secrets-baseline.json\n");
    scenario.commit("use the baseline");
    const clean = await auditRepository({ dir: scenario.dir, secrets: true });
    expect(clean.secrets).toMatchObject({ count: 0, staleBaseline: { entries: 2, stale: 0 } });
    // A baseline entry for a finding the history never had (another value) is stale.
    const file = join(scenario.dir, ".custody", "secrets-baseline.json");
    const data = JSON.parse(readFileSync(file, "utf8")) as { fingerprints: string[] };
    data.fingerprints.push("0".repeat(32));
    writeFileSync(file, JSON.stringify(data));
    const text = await custody(["audit", "--secrets"], scenario.dir);
    expect(text.out).toContain("1 of 3 baseline entries matched nothing");
  });
});
