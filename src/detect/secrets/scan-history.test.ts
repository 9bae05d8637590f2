import { afterEach, describe, expect, it } from "vitest";
import { createGitScenario } from "../../../test/fixtures/git-scenario.js";
import type { GitScenario } from "../../../test/fixtures/git-scenario.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCustodyError } from "../../model/errors.js";
import type { Finding } from "../../model/finding.js";
import { ALNUM, BASE64, sampleSecret } from "./sample-secret.js";
import { scanHistory } from "./scan-history.js";
import type { HistoryScanOptions } from "./scan-history.js";
import { historyPatches, type HistoryPatchOptions } from "../../sources/git/history-patches.js";

let scenario: GitScenario | undefined;
afterEach(() => {
  scenario?.dispose();
  scenario = undefined;
});

/** The engine's wiring, as in `audit --secrets`: git's patches in, findings out. */
async function collect(dir: string, options: HistoryScanOptions & HistoryPatchOptions = {}): Promise<Finding[]> {
  const out: Finding[] = [];
  const patchOptions: HistoryPatchOptions = options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes };
  for await (const finding of scanHistory(historyPatches(dir, patchOptions), options)) {
    out.push(finding);
  }
  return out;
}

const npmToken = `npm_${sampleSecret(ALNUM, 36, "history-npm")}`;
const pemBody = Array.from({ length: 30 }, (_, i) => sampleSecret(BASE64, 64, `history-pem-${String(i)}`));

describe("scanHistory", () => {
  it("finds a secret added in an old commit and removed later, tagged with that commit", async () => {
    scenario = createGitScenario();
    scenario.write("README.md", "# app\n");
    scenario.commit("init");
    scenario.write(".npmrc", `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${npmToken}\n`);
    const leaked = scenario.commit("add npmrc");
    scenario.write(".npmrc", "registry=https://registry.npmjs.org/\n");
    scenario.commit("remove token");
    const findings = await collect(scenario.dir);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "secret/npm-access-token", commit: leaked, location: { path: ".npmrc", startLine: 2 } });
    expect(JSON.stringify(findings)).not.toContain(npmToken);
  });

  it("sees a PEM block whole even when it straddles two chunks, and reports it once", async () => {
    scenario = createGitScenario();
    const filler = Array.from({ length: 40 }, (_, i) => `// filler line ${String(i)} ${"z".repeat(40)}`);
    const key = ["-----BEGIN RSA PRIVATE KEY-----", ...pemBody, "-----END RSA PRIVATE KEY-----"];
    scenario.write("deploy/key.pem", `${[...filler, ...key].join("\n")}\n`);
    scenario.commit("add key");
    const findings = await collect(scenario.dir, { chunkBytes: 3000 });
    expect(findings.map((f) => [f.ruleId, f.location?.startLine])).toEqual([["secret/rsa-private-key", 42]]);
  });

  it("applies the scan options (allowlisted paths)", async () => {
    scenario = createGitScenario();
    scenario.write("test/fixtures/.npmrc", `//r/:_authToken=${npmToken}\n`);
    scenario.commit("fixture");
    expect(await collect(scenario.dir, { allowlist: { paths: ["test/fixtures/**"] } })).toEqual([]);
    expect(await collect(scenario.dir)).toHaveLength(1);
  });

  it("refuses a directory that is not a git repository with NOT_A_REPOSITORY", async () => {
    const dir = mkdtempSync(join(tmpdir(), "custody-not-a-repo-"));
    try {
      const error: unknown = await collect(dir).catch((e: unknown) => e);
      expect(isCustodyError(error, "NOT_A_REPOSITORY")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
