/**
 * `custody audit --secrets`: every secret ever added in the history, counted and redacted,
 * within the audit's date window; without the flag the audit does not scan.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capturedIO } from "../../src/cli/cli-io.js";
import { run } from "../../src/cli/main.js";
import { sampleSecret } from "../../src/detect/secrets/sample-secret.js";
import type { GitScenario } from "../fixtures/git-scenario.js";
import { createGitScenario } from "../fixtures/git-scenario.js";

const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const token = `ghp_${sampleSecret(ALPHANUMERIC, 36, "audit-secrets")}`;

let repo: GitScenario;

beforeEach(() => {
  repo = createGitScenario();
  repo.write("README.md", "# service\n");
  repo.commit("Start", { date: "2025-02-01T10:00:00Z" });
  repo.write("src/config.ts", `export const token = "${token}";\n`);
  repo.commit("Add config", { date: "2025-02-03T10:00:00Z" });
  repo.write("src/config.ts", "export const token = process.env.TOKEN;\n");
  repo.commit("Read the token from the environment", { date: "2025-02-05T10:00:00Z" });
});

afterEach(() => {
  repo.dispose();
});

async function audit(...args: string[]): Promise<{ code: number; out: string }> {
  const io = capturedIO({ cwd: repo.dir });
  const code = await run(["audit", ...args], io);
  return { code, out: io.out() };
}

describe("custody audit --secrets", () => {
  it("finds a secret that was added and later removed, redacted in every format", async () => {
    const { code, out } = await audit("--secrets", "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.secrets.count).toBe(1);
    expect(Object.keys(report.secrets.byRule)[0]).toMatch(/^secret\/github/);
    expect(report.secrets.examples[0]).toMatchObject({ path: "src/config.ts", line: 1 });
    for (const format of ["json", "text", "markdown"]) {
      const { out: rendered } = await audit("--secrets", "--format", format);
      expect(rendered, format).not.toContain(token.slice(4, 14));
      expect(rendered, format).toMatch(/secret\/github/);
    }
  });

  it("keeps to the audit's date window", async () => {
    const { out } = await audit("--secrets", "--since", "2025-02-04", "--format", "json");
    expect(JSON.parse(out).secrets.count).toBe(0);
  });

  it("does not scan without the flag", async () => {
    const { out } = await audit("--format", "json");
    expect(JSON.parse(out).secrets).toBeUndefined();
  });
});
