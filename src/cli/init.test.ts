import { chmod, mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPolicy, defaultPolicy } from "../policy/load/load-policy.js";
import { starterPolicy } from "../policy/explain/starter-policy.js";
import type { CliIO } from "./cli-io.js";
import { capturedIO } from "./cli-io.js";
import { initCommand } from "./init.js";
import { buildProgram } from "./main.js";

async function runInit(argv: string[], io: CliIO): Promise<number> {
  let exitCode = -1;
  const program = buildProgram({ io, setExitCode: (code) => (exitCode = code) }, [initCommand]);
  await program.parseAsync(argv, { from: "user" });
  return exitCode;
}

describe("custody init", () => {
  let cwd = "";
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), "custody-cli-init-"));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("writes a starter policy that loads as the defaults", async () => {
    const io = capturedIO({ cwd });
    expect(await runInit(["init"], io)).toBe(0);
    expect(io.out()).toContain("Wrote .github/custody.yml");
    const loaded = await loadPolicy({ repoDir: cwd });
    expect(loaded.source).toBe(".github/custody.yml");
    expect(loaded.policy).toEqual(defaultPolicy());
  });

  it("refuses to overwrite an existing policy", async () => {
    await mkdir(join(cwd, ".github"));
    await writeFile(join(cwd, ".github/custody.yml"), "version: 1\nfail_on: high\n");
    await expect(runInit(["init"], capturedIO({ cwd }))).rejects.toMatchObject({
      code: "USAGE",
      message: expect.stringContaining("--force"),
    });
    expect(await readFile(join(cwd, ".github/custody.yml"), "utf8")).toBe("version: 1\nfail_on: high\n");
  });

  it("refuses when the policy exists as .github/custody.yaml", async () => {
    await mkdir(join(cwd, ".github"));
    await writeFile(join(cwd, ".github/custody.yaml"), "version: 1\n");
    await expect(runInit(["init"], capturedIO({ cwd }))).rejects.toMatchObject({
      code: "USAGE",
      position: { file: ".github/custody.yaml" },
    });
  });

  it("overwrites with --force", async () => {
    await mkdir(join(cwd, ".github"));
    await writeFile(join(cwd, ".github/custody.yml"), "version: 1\nfail_on: high\n");
    expect(await runInit(["init", "--force"], capturedIO({ cwd }))).toBe(0);
    expect(await readFile(join(cwd, ".github/custody.yml"), "utf8")).toBe(starterPolicy());
  });

  it("a .github that is a file is a one-line USAGE error (exit 2 at the boundary), not a crash", async () => {
    await writeFile(join(cwd, ".github"), "not a directory\n");
    await expect(runInit(["init"], capturedIO({ cwd }))).rejects.toMatchObject({
      code: "USAGE",
      message: expect.stringContaining(".github exists and is not a directory"),
    });
  });

  // Root writes anywhere, so a read-only directory can only be shown to another user.
  it.skipIf(process.getuid?.() === 0)("a read-only directory is a one-line USAGE error", async () => {
    await chmod(cwd, 0o500);
    try {
      await expect(runInit(["init"], capturedIO({ cwd }))).rejects.toMatchObject({
        code: "USAGE",
        message: expect.stringContaining("not writable"),
      });
    } finally {
      await chmod(cwd, 0o700);
    }
  });
});
