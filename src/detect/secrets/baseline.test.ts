import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCustodyError } from "../../model/errors.js";
import type { Finding } from "../../model/finding.js";
import { loadBaseline, writeBaseline } from "./baseline.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "custody-baseline-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const finding = (fingerprint: string): Finding => ({ ruleId: "secret/x", category: "secret", severity: "high", message: "m", fingerprint });

describe("baseline", () => {
  it("round-trips fingerprints, sorted and deduplicated, and stores nothing else", async () => {
    const file = join(dir, "ok.json");
    const a = "a".repeat(32);
    const b = "b".repeat(32);
    await writeBaseline([finding(b), finding(a), finding(b)], file);
    expect([...(await loadBaseline(file))]).toEqual([a, b]);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({
      tool: "custody",
      kind: "secrets-baseline",
      version: 2,
      fingerprints: [a, b],
    });
  });

  it("rejects a file that is not JSON with BASELINE_INVALID naming the file", async () => {
    const file = join(dir, "broken.json");
    await writeFile(file, "{ fingerprints: [");
    const error: unknown = await loadBaseline(file).catch((e: unknown) => e);
    expect(isCustodyError(error, "BASELINE_INVALID")).toBe(true);
    expect((error as Error).message).toContain(file);
  });

  it("rejects a malformed fingerprint with the key that is wrong", async () => {
    const file = join(dir, "shape.json");
    await writeFile(file, JSON.stringify({ tool: "custody", kind: "secrets-baseline", version: 2, fingerprints: ["nothex"] }));
    const error: unknown = await loadBaseline(file).catch((e: unknown) => e);
    expect(isCustodyError(error, "BASELINE_INVALID")).toBe(true);
    expect((error as Error).message).toContain("fingerprints.0");
  });

  it("reports a missing file as FILE_NOT_FOUND", async () => {
    const error: unknown = await loadBaseline(join(dir, "absent.json")).catch((e: unknown) => e);
    expect(isCustodyError(error, "FILE_NOT_FOUND")).toBe(true);
  });
});

describe("loadBaseline of an older file", () => {
  it("refuses a version-1 (unkeyed) baseline with BASELINE_INVALID telling how to regenerate it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "custody-baseline-v1-"));
    const file = join(dir, "old.json");
    await writeFile(file, JSON.stringify({ tool: "custody", kind: "secrets-baseline", version: 1, fingerprints: [] }));
    const error: unknown = await loadBaseline(file).catch((e: unknown) => e);
    expect(isCustodyError(error, "BASELINE_INVALID")).toBe(true);
    expect((error as Error).message).toContain("custody secrets baseline");
    await rm(dir, { recursive: true, force: true });
  });
});
