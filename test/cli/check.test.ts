/**
 * `custody check` end to end: real git repositories built by the scenario helper, the real
 * command through the CLI's boundary, output captured. These are the behaviours a user sees:
 * exit codes, what the report says, and the errors for bad input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capturedIO } from "../../src/cli/cli-io.js";
import { run } from "../../src/cli/main.js";
import { sampleSecret } from "../../src/detect/secrets/sample-secret.js";
import type { GitScenario } from "../fixtures/git-scenario.js";
import { createGitScenario } from "../fixtures/git-scenario.js";
import { validateSarif } from "../support/sarif-multitool.js";

const COPILOT = { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com" };
const HUMAN = { name: "Ada Lovelace", email: "ada@example.com" };
const TRAILERS = "\n\nAgent-Task: https://github.com/acme/billing/issues/12\nAuthorized-by: Ada Lovelace <ada@example.com>\n";

let repo: GitScenario;
let base: string;

beforeEach(() => {
  repo = createGitScenario();
  repo.write("src/app.ts", "export const app = 1;\n");
  repo.write(".github/workflows/ci.yml", "on: push\n");
  base = repo.commit("Start", { author: HUMAN });
});

afterEach(() => {
  repo.dispose();
});

async function check(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capturedIO({ cwd: repo.dir });
  const code = await run(["check", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("custody check", () => {
  it("passes a human change and says who wrote it", async () => {
    repo.write("src/app.ts", "export const app = 2;\n");
    const head = repo.commit("Bump app", { author: HUMAN });
    const { code, out } = await check("--base", base, "--head", head);
    expect(out).toMatch(/^PASS .*human-authored/);
    expect(code).toBe(0);
  });

  it("fails an agent change that edits a workflow without provenance trailers", async () => {
    repo.write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
    const head = repo.commit("Tidy CI", { author: COPILOT });
    const { code, out } = await check("--base", base, "--head", head, "--format", "json");
    const report = JSON.parse(out);
    expect(code).toBe(1);
    expect(report.outcome).toBe("fail");
    expect(report.provenance).toMatchObject({ kind: "agent", agents: ["github-copilot"] });
    const ids = report.findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).toContain("protected-paths");
    expect(ids).toContain("required-trailers");
  });

  it("fails an agent change it cannot fully judge without a pull request, saying what is missing and how to supply it", async () => {
    repo.write("src/app.ts", "export const app = 3;\n");
    const head = repo.commit(`Raise app${TRAILERS}`, { author: COPILOT });
    const { code, out } = await check("--base", base, "--head", head);
    expect(out).toMatch(/^FAIL .*agent-authored by github-copilot/);
    expect(out).toMatch(/FAIL required-approvals +failed, cannot judge: no pull request.*to run it: .*--event/);
    expect(code).toBe(1);
  });

  it("passes the same agent change when the base's policy says on_missing_data: skip, listing the skipped rules", async () => {
    repo.write(".github/custody.yml", "version: 1\non_missing_data: skip\n");
    const policyBase = repo.commit("Adopt a policy", { author: HUMAN });
    repo.write("src/app.ts", "export const app = 3;\n");
    const head = repo.commit(`Raise app${TRAILERS}`, { author: COPILOT });
    const { code, out } = await check("--base", policyBase, "--head", head);
    expect(out).toMatch(/^PASS .*agent-authored by github-copilot/);
    expect(out).toMatch(/skip required-approvals +skipped: no pull request/);
    expect(out).toContain(
      `policy: .github/custody.yml at base ${policyBase.slice(0, 12)} (blob ${repo.git("rev-parse", `${policyBase}:.github/custody.yml`).slice(0, 12)})`,
    );
    expect(code).toBe(0);
  });

  it("reports an added secret redacted, never in clear, and fails", async () => {
    const token = `ghp_${sampleSecret("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36, "check-e2e")}`;
    repo.write("src/config.ts", `export const token = "${token}";\n`);
    const head = repo.commit(`Add config${TRAILERS}`, { author: HUMAN });
    for (const format of ["text", "json", "sarif", "markdown"]) {
      const { code, out } = await check("--base", base, "--head", head, "--format", format);
      expect(code, format).toBe(1);
      expect(out, format).toContain("secret/github");
      expect(out, format).not.toContain(token.slice(4, 14));
    }
  });

  it.each([
    ["disabled", "detectors:\n  secrets:\n    enabled: false\n", 0, 0],
    ["re-rated below fail_on", "detectors:\n  secrets:\n    rules:\n      secret/github-pat:\n        severity: low\n", 0, 1],
    [
      "filtered by min_severity",
      "detectors:\n  secrets:\n    min_severity: critical\n    rules:\n      secret/github-pat:\n        severity: high\n",
      0,
      0,
    ],
    [
      "failing above a lowered threshold",
      "fail_on: low\ndetectors:\n  secrets:\n    rules:\n      secret/github-pat:\n        severity: low\n",
      1,
      1,
    ],
  ])("lets the policy tune a detector: %s", async (_name, policy, expectedCode, expectedSecrets) => {
    const token = `ghp_${sampleSecret("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36, "policy-tuning")}`;
    repo.write("src/config.ts", `export const token = "${token}";\n`);
    const head = repo.commit(`Add config${TRAILERS}`, { author: HUMAN });
    writeFileSync(join(repo.dir, "policy.yml"), `version: 1\n${policy}`);
    const { code, out } = await check("--base", base, "--head", head, "--policy", "policy.yml", "--format", "json");
    const report = JSON.parse(out);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith("secret/"))).toHaveLength(expectedSecrets);
    expect(code).toBe(expectedCode);
  });

  it("writes SARIF that the SARIF Multitool accepts under GitHub's rules", async () => {
    repo.write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
    const head = repo.commit("Tidy CI", { author: COPILOT });
    const { code } = await check("--base", base, "--head", head, "--format", "sarif", "--output", "out.sarif");
    expect(code).toBe(1);
    const { errors, output } = validateSarif(readFileSync(join(repo.dir, "out.sarif"), "utf8"));
    expect(errors, output).toEqual([]);
  });

  it("merges another scanner's SARIF, keeping its rule id and tool", async () => {
    repo.write("src/app.ts", "export const app = 4;\n");
    const head = repo.commit("Bump", { author: HUMAN });
    const sarif = new URL("../../src/sources/sarif/__fixtures__/codeql-js.sarif", import.meta.url);
    const { code, out } = await check("--base", base, "--head", head, "--sarif", sarif.pathname, "--format", "json");
    const report = JSON.parse(out);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === "js/request-forgery")).toMatchObject({
      tool: "CodeQL",
      severity: "critical",
    });
    expect(code).toBe(1);
  });

  it("reads the pull request from a GitHub event payload: an agent PR author makes the change agent-authored", async () => {
    repo.write("src/app.ts", "export const app = 5;\n");
    const head = repo.commit("Bump", { author: HUMAN });
    const require = createRequire(import.meta.url);
    const examples = require("@octokit/webhooks-examples") as { name: string; examples: Record<string, unknown>[] }[];
    const example = structuredClone(examples.find((e) => e.name === "pull_request")?.examples.find((e) => e.action === "opened"));
    const pr = (example as { pull_request: Record<string, Record<string, unknown>> }).pull_request;
    pr.user = { ...pr.user, login: "Copilot", id: 198982749, type: "Bot" };
    pr.base = { ...pr.base, sha: base, ref: "main" };
    pr.head = { ...pr.head, sha: head, ref: "copilot/bump-app" };
    const eventPath = join(repo.dir, "event.json");
    writeFileSync(eventPath, JSON.stringify(example));
    const { out } = await check("--event", eventPath, "--format", "json");
    const report = JSON.parse(out);
    expect(report.base).toBe(base);
    expect(report.head).toBe(head);
    expect(report.provenance.kind).toBe("agent");
  });

  it("appends a Markdown summary to $GITHUB_STEP_SUMMARY", async () => {
    repo.write("src/app.ts", "export const app = 6;\n");
    const head = repo.commit("Bump", { author: HUMAN });
    const summary = join(repo.dir, "summary.md");
    writeFileSync(summary, "");
    const io = capturedIO({ cwd: repo.dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(await run(["check", "--base", base, "--head", head], io)).toBe(0);
    expect(readFileSync(summary, "utf8")).toContain("## Custody check: ✅ pass");
  });
});

describe("custody check on awkward but valid input: it completes and reports", () => {
  it("binary files, a huge file and a name that is not UTF-8", async () => {
    repo.write("assets/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x00, 0xff]));
    repo.write("data/huge.txt", "x".repeat(200) + "\n".repeat(1) + "line\n".repeat(400_000));
    repo.write(Buffer.from([0x64, 0x61, 0x74, 0x61, 0x2f, 0x6e, 0x61, 0x6d, 0xff, 0x2e, 0x74, 0x78, 0x74]), "hello\n");
    const head = repo.commit("Add assets", { author: HUMAN });
    const { code, out, err } = await check("--base", base, "--head", head, "--format", "json");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(out).outcome).toBe("pass");
  });
});

describe("custody check on bad input: exit 2 and a one-paragraph error, never a stack trace", () => {
  it.each([
    ["an unknown ref", () => ["--base", "no-such-branch"], /ref "no-such-branch"/],
    ["no base at all", () => [], /needs --base/],
    ["a missing SARIF file", () => ["--base", base, "--sarif", "missing.sarif"], /SARIF file .*missing\.sarif does not exist/],
    ["a missing event file", () => ["--event", "missing.json"], /event payload .*missing\.json does not exist/],
    ["an unknown format", () => ["--base", base, "--format", "xml"], /invalid/],
  ])("%s", async (_name, args, message) => {
    const { code, err } = await check(...args());
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("a directory that is not a git repository", async () => {
    const { code, err } = await check("--base", "HEAD", "--repo", "/");
    expect(code).toBe(2);
    expect(err).toMatch(/is not a git repository/);
  });

  it("a shallow clone that lacks the base says how to fetch it", async () => {
    repo.write("src/app.ts", "export const app = 7;\n");
    repo.commit("One", { author: HUMAN });
    repo.write("src/app.ts", "export const app = 8;\n");
    repo.commit("Two", { author: HUMAN });
    const shallow = join(mkdtempSync(join(tmpdir(), "custody-shallow-")), "clone");
    repo.git("clone", "-q", "--depth", "1", `file://${repo.dir}`, shallow);
    const io = capturedIO({ cwd: shallow });
    try {
      const code = await run(["check", "--base", base, "--head", "HEAD"], io);
      expect(code).toBe(2);
      expect(io.err()).toMatch(/shallow/i);
      expect(io.err()).toMatch(/fetch-depth: 0|--unshallow/);
    } finally {
      rmSync(dirname(shallow), { recursive: true, force: true });
    }
  });

  it("a malformed event payload names the file", async () => {
    writeFileSync(join(repo.dir, "event.json"), '{"action": "opened", "pull_request": ');
    const { code, err } = await check("--event", "event.json");
    expect(code).toBe(2);
    expect(err).toContain("event.json");
  });

  it("an invalid policy names file, line, column and key", async () => {
    writeFileSync(join(repo.dir, "policy.yml"), "version: 1\nfail_on: high\nrules:\n  protected_paths:\n    enabeld: true\n");
    const { code, err } = await check("--base", base, "--policy", "policy.yml");
    expect(code).toBe(2);
    expect(err).toMatch(/policy\.yml:5:\d+/);
    expect(err).toContain("enabeld");
  });
});
