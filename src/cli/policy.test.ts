import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { policyJsonSchemaText } from "../policy/schema/policy-json-schema.js";
import type { CliIO } from "./cli-io.js";
import { capturedIO } from "./cli-io.js";
import { buildProgram } from "./main.js";
import { policyCommand } from "./policy.js";

async function runPolicy(argv: string[], io: CliIO): Promise<number> {
  let exitCode = -1;
  const program = buildProgram({ io, setExitCode: (code) => (exitCode = code) }, [policyCommand]);
  await program.parseAsync(argv, { from: "user" });
  return exitCode;
}

describe("custody policy", () => {
  let cwd = "";
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), "custody-cli-policy-"));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("schema writes the JSON Schema to stdout", async () => {
    const io = capturedIO({ cwd });
    expect(await runPolicy(["policy", "schema"], io)).toBe(0);
    expect(io.out()).toBe(policyJsonSchemaText());
  });

  it("schema --output writes the file", async () => {
    const io = capturedIO({ cwd });
    expect(await runPolicy(["policy", "schema", "--output", "schema.json"], io)).toBe(0);
    expect(await readFile(join(cwd, "schema.json"), "utf8")).toBe(policyJsonSchemaText());
    expect(io.out()).toBe("");
  });

  it("explain describes the defaults when there is no policy file", async () => {
    const io = capturedIO({ cwd });
    expect(await runPolicy(["policy", "explain"], io)).toBe(0);
    expect(io.out()).toContain("# How this repository governs code written by AI agents");
    expect(io.out()).toContain("_Source: Custody's default policy (no .github/custody.yml found)._");
  });

  it("explain reads .github/custody.yml", async () => {
    await mkdir(join(cwd, ".github"));
    await writeFile(join(cwd, ".github/custody.yml"), "version: 1\nfail_on: critical\n");
    const io = capturedIO({ cwd });
    expect(await runPolicy(["policy", "explain"], io)).toBe(0);
    expect(io.out()).toContain("severity `critical` or higher");
    expect(io.out()).toContain("_Source: .github/custody.yml._");
  });

  it("explain --policy with an invalid file raises POLICY_INVALID with its position", async () => {
    await writeFile(join(cwd, "p.yml"), "version: 1\nfail_on: sometimes\n");
    await expect(runPolicy(["policy", "explain", "--policy", "p.yml"], capturedIO({ cwd }))).rejects.toMatchObject({
      code: "POLICY_INVALID",
      position: { file: "p.yml", line: 2, column: 10, key: "fail_on" },
    });
  });

  it("explain --policy with a missing file raises POLICY_NOT_FOUND", async () => {
    await expect(runPolicy(["policy", "explain", "--policy", "nope.yml"], capturedIO({ cwd }))).rejects.toMatchObject({
      code: "POLICY_NOT_FOUND",
    });
  });

  it("--help teaches with an example", async () => {
    const io = capturedIO({ cwd });
    await expect(runPolicy(["policy", "explain", "--help"], io)).rejects.toMatchObject({ exitCode: 0 });
    expect(io.out()).toContain("--policy <file>");
    expect(io.out()).toContain("$ custody policy explain");
  });
});
