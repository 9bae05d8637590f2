import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { isCustodyError } from "../../../model/errors.js";
import { loadAdvisories, parseAdvisoryFile } from "./load-advisories.js";

const fixtures = fileURLToPath(new URL("../__fixtures__/", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "custody-osv-"));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isCustodyError(error) ? error.code : "not a CustodyError";
  }
}

describe("loadAdvisories", () => {
  it("reads a directory of OSV files recursively and indexes them by package", async () => {
    const index = await loadAdvisories(join(fixtures, "osv"));
    expect(index.size).toBe(8);
    expect(
      index
        .forPackage("npm", "lodash")
        .map((record) => record.id)
        .sort(),
    ).toEqual(["GHSA-35jh-r3h4-6jhm", "GHSA-p6mc-m468-83gw"]);
    expect(index.forPackage("PyPI", "Requests").map((record) => record.id)).toEqual(["GHSA-j8r2-6x86-q33q"]);
    expect(index.forPackage("Go", "golang.org/x/net").map((record) => record.id)).toEqual(["GO-2023-2102"]);
    expect(index.forPackage("npm", "left-pad")).toEqual([]);
  });

  it("reads a deflated .zip export the same as the directory", async () => {
    const index = await loadAdvisories(join(fixtures, "osv-zip", "osv-all.zip"));
    expect(index.size).toBe(8);
    expect(index.forPackage("Maven", "org.apache.commons:commons-text").map((record) => record.id)).toEqual(["GHSA-599f-7c49-w659"]);
  });

  it("reads a .zip with stored (uncompressed) entries", async () => {
    const index = await loadAdvisories(join(fixtures, "osv-zip", "osv-stored.zip"));
    expect(index.forPackage("npm", "minimist").map((record) => record.id)).toEqual(["GHSA-xvch-5gv4-984h"]);
  });

  it("reads a single file holding an OSV API answer", async () => {
    const path = join(scratch, "answer.json");
    writeFileSync(
      path,
      JSON.stringify({ vulns: [{ id: "OSV-1", affected: [{ package: { ecosystem: "npm", name: "a" }, versions: ["1.0.0"] }] }] }),
    );
    expect((await loadAdvisories(path)).forPackage("npm", "a")).toHaveLength(1);
  });

  it("leaves out withdrawn records and ecosystems it does not parse", async () => {
    const path = join(scratch, "mixed.json");
    writeFileSync(
      path,
      JSON.stringify([
        { id: "W-1", withdrawn: "2024-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "a" }, versions: ["1.0.0"] }] },
        { id: "DEBIAN-1", affected: [{ package: { ecosystem: "Debian:12", name: "openssl" }, versions: ["3.0.0"] }] },
      ]),
    );
    const index = await loadAdvisories(path);
    expect(index.size).toBe(0);
    expect(index.forPackage("npm", "a")).toEqual([]);
  });

  it("refuses a missing source with FILE_NOT_FOUND", async () => {
    expect(await codeOf(loadAdvisories(join(scratch, "nope")))).toBe("FILE_NOT_FOUND");
  });

  it("refuses a file that is not a zip archive", async () => {
    const path = join(scratch, "broken.zip");
    writeFileSync(path, "PK not really");
    expect(await codeOf(loadAdvisories(path))).toBe("ADVISORY_INVALID");
  });

  it("refuses a truncated zip archive", async () => {
    const { readFileSync } = await import("node:fs");
    const whole = readFileSync(join(fixtures, "osv-zip", "osv-all.zip"));
    const path = join(scratch, "truncated.zip");
    // Keep the end record but lose the start of the file: offsets then point outside it.
    writeFileSync(path, whole.subarray(2000));
    expect(await codeOf(loadAdvisories(path))).toBe("ADVISORY_INVALID");
  });
});

describe("parseAdvisoryFile", () => {
  it.each([
    ["invalid JSON", "{ id: ", /bad\.json: advisory file is not valid JSON/],
    ["a record without an id", '{"affected":[]}', /bad\.json: not an OSV record \(at id\)/],
    ["ranges that are not a list", '{"id":"X","affected":[{"ranges":{}}]}', /bad\.json: not an OSV record \(at affected\.0\.ranges\)/],
  ])("refuses %s with ADVISORY_INVALID naming the file", (_name, text, message) => {
    expect(() => parseAdvisoryFile(text, "osv/bad.json")).toThrow(message);
    expect(() => parseAdvisoryFile(text, "osv/bad.json")).toThrow(expect.objectContaining({ code: "ADVISORY_INVALID" }));
  });
});
