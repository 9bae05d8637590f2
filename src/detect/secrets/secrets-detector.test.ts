import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Change, ChangedFile } from "../../model/change.js";
import { runDetector } from "../../engine/apply-detector-options.js";
import { isCustodyError } from "../../model/errors.js";
import { writeBaseline } from "./baseline.js";
import { ALNUM, sampleSecret } from "./sample-secret.js";
import { secretsDetector } from "./secrets-detector.js";

const snapshot = { rev: "0", read: () => Promise.resolve(undefined) };
const token = `glpat-${sampleSecret(ALNUM, 20, "detector-glpat")}`;

function file(path: string, lines: [number, string][], extra: Partial<ChangedFile> = {}): ChangedFile {
  return { path, status: "modified", additions: lines.length, deletions: 0, binary: false, addedLines: lines.map(([line, text]) => ({ line, text })), ...extra };
}
const run = (files: ChangedFile[], options: unknown = {}, repoDir?: string) => {
  const change: Change = { base: "a", head: "b", commits: [], files };
  // Through the engine's entry point, as a check runs it: options parsed, overrides and thresholds applied.
  return runDetector(secretsDetector, options, repoDir === undefined ? { change, base: snapshot, head: snapshot } : { change, base: snapshot, head: snapshot, repoDir }).then((found) => found ?? []);
};

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "custody-secrets-detector-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("secretsDetector", () => {
  it("reports a secret in an added line at its real line number, redacted", async () => {
    const findings = await run([file("deploy/.env", [[3, "A=1"], [41, `GITLAB_TOKEN=${token}`]])]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: "secret/gitlab-pat",
      category: "secret",
      severity: "critical",
      location: { path: "deploy/.env", startLine: 41, startColumn: 14 },
      properties: { redacted: "glpa…(26 chars)" },
    });
    expect(findings[0]?.message).toContain("glpa…(26 chars)");
  });

  it("skips binary files and clean files", async () => {
    expect(await run([file("logo.png", [[1, `x ${token}`]], { binary: true }), file("a.ts", [[1, "const a = 1;"]])])).toEqual([]);
  });

  it("does nothing when disabled", async () => {
    expect(await run([file("a", [[1, token]])], { enabled: false })).toEqual([]);
  });

  it("accepts findings listed in the baseline named by the policy, relative to the repository", async () => {
    const [finding] = await run([file("a", [[1, token]])]);
    await writeBaseline([finding!], join(dir, ".custody-secrets-baseline.json"));
    expect(await run([file("a", [[1, token]])], { baseline: ".custody-secrets-baseline.json" }, dir)).toEqual([]);
    expect(await run([file("b", [[1, token]])], { baseline: ".custody-secrets-baseline.json" }, dir)).toHaveLength(1);
  });

  it("rejects invalid options with POLICY_INVALID naming the key", async () => {
    const error: unknown = await run([], { allowlist: { paths: "not-a-list" } }).catch((e: unknown) => e);
    expect(isCustodyError(error, "POLICY_INVALID")).toBe(true);
    expect((error as Error).message).toContain("detectors.secrets.allowlist.paths");
  });

  it("fails with FILE_NOT_FOUND when the policy names a baseline that does not exist", async () => {
    const error: unknown = await run([file("a", [[1, token]])], { baseline: "missing-baseline.json" }, dir).catch((e: unknown) => e);
    expect(isCustodyError(error, "FILE_NOT_FOUND")).toBe(true);
    expect((error as Error).message).toContain("missing-baseline.json");
  });
});
