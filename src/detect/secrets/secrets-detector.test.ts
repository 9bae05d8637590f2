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
  return {
    path,
    status: "modified",
    additions: lines.length,
    deletions: 0,
    binary: false,
    addedLines: lines.map(([line, text]) => ({ line, text })),
    ...extra,
  };
}
const run = (files: ChangedFile[], options: unknown = {}, repoDir?: string) => {
  const change: Change = { base: "a", head: "b", commits: [], files };
  // Through the engine's entry point, as a check runs it: options parsed, overrides and thresholds applied.
  return runDetector(
    secretsDetector,
    options,
    repoDir === undefined ? { change, base: snapshot, head: snapshot } : { change, base: snapshot, head: snapshot, repoDir },
  ).then((found) => found ?? []);
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
    const findings = await run([
      file("deploy/.env", [
        [3, "A=1"],
        [41, `GITLAB_TOKEN=${token}`],
      ]),
    ]);
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

  it("reports a binary file as not scanned (info, naming file and reason) and finds nothing in clean files", async () => {
    const findings = await run([file("logo.png", [[1, `x ${token}`]], { binary: true }), file("a.ts", [[1, "const a = 1;"]])]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: "secret/not-scanned",
      severity: "info",
      location: { path: "logo.png" },
      properties: { reason: "binary" },
    });
    expect(findings[0]?.message).toContain("logo.png was not scanned for secrets");
  });

  it("reports a committed keystore by its name even though its content is binary", async () => {
    const ids = (await run([file("certs/client.p12", [], { binary: true })])).map((finding) => finding.ruleId);
    expect(ids).toEqual(["secret/pkcs12-file", "secret/not-scanned"]);
  });

  it("scans a file whose diff was too large to keep, whole at head (25 MB), reporting only what the base lacked", async () => {
    const filler = "export const x = 1; // generated\n".repeat(760_000); // ~25 MB
    const old = `OLD_TOKEN=glpat-${sampleSecret(ALNUM, 20, "detector-old")}\n`;
    const head = {
      rev: "b",
      read: (path: string) => Promise.resolve(path === "gen.js" ? Buffer.from(`${old}${filler}GITLAB_TOKEN=${token}\n`) : undefined),
    };
    const base = { rev: "a", read: (path: string) => Promise.resolve(path === "gen.js" ? Buffer.from(`${old}${filler}`) : undefined) };
    const change: Change = { base: "a", head: "b", commits: [], files: [file("gen.js", [], { truncated: true, additions: 1 })] };
    const findings = (await runDetector(secretsDetector, {}, { change, base, head })) ?? [];
    expect(findings.map((finding) => [finding.ruleId, finding.location?.startLine])).toEqual([["secret/gitlab-pat", 760_002]]);
  });

  it("reports a file over max_file_bytes as not scanned instead of skipping it", async () => {
    const head = { rev: "b", read: () => Promise.resolve(Buffer.alloc(4096, 97)) };
    const change: Change = { base: "a", head: "b", commits: [], files: [file("big.txt", [], { truncated: true })] };
    const findings = (await runDetector(secretsDetector, { max_file_bytes: 2048 }, { change, base: snapshot, head })) ?? [];
    expect(findings).toMatchObject([{ ruleId: "secret/not-scanned", location: { path: "big.txt" }, properties: { reason: "too-large" } }]);
    const added = await run([file("big.txt", [[1, "a".repeat(3000)]])], { max_file_bytes: 2048 });
    expect(added).toMatchObject([{ ruleId: "secret/not-scanned", properties: { reason: "too-large" } }]);
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
