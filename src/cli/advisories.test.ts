import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadAdvisories } from "../detect/deps/advisories/load-advisories.js";
import { advisoriesCommand } from "./advisories.js";
import { capturedIO, type CliIO } from "./cli-io.js";
import { buildProgram, run } from "./main.js";

const archive = readFileSync(new URL("../detect/deps/__fixtures__/osv-zip/osv-all.zip", import.meta.url));
const requested: string[] = [];
let server: Server;
let base = "";

// A local server stands in for OSV's export bucket: tests never reach the network.
beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? "");
    if (request.url === "/npm/all.zip" || request.url === "/PyPI/all.zip") {
      response.writeHead(200, { "content-type": "application/zip" }).end(archive);
    } else if (request.url === "/Go/all.zip") {
      response.writeHead(200).end(archive.subarray(0, 100)); // truncated download
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function runAdvisories(argv: string[], io: CliIO): Promise<number> {
  let exitCode = -1;
  const program = buildProgram({ io, setExitCode: (code) => (exitCode = code) }, [advisoriesCommand]);
  await program.parseAsync(argv, { from: "user" });
  return exitCode;
}

describe("custody advisories update", () => {
  let cwd = "";
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), "custody-cli-advisories-"));
    requested.length = 0;
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("downloads each ecosystem's export into the cache, where the deps detector loads it, with a manifest", async () => {
    const io = capturedIO({ cwd });
    expect(await runAdvisories(["advisories", "update", "--ecosystem", "npm,PyPI", "--url", base], io)).toBe(0);
    expect(requested).toEqual(["/npm/all.zip", "/PyPI/all.zip"]);
    expect(io.out()).toMatch(/^npm: \d+ advisories .* → \.custody\/advisories\/npm\/all\.zip$/m);
    const manifest = JSON.parse(await readFile(join(cwd, ".custody/advisories/custody-advisories.json"), "utf8")) as {
      source: string;
      exports: unknown[];
    };
    expect(manifest.source).toBe(base);
    expect(manifest.exports).toHaveLength(2);
    const index = await loadAdvisories(join(cwd, ".custody/advisories"));
    expect(index.size).toBeGreaterThan(0);
    // Read through the package index the update wrote: only the records asked about are parsed.
    expect(index.forPackage("npm", "minimist").map((record) => record.id)).toContain("GHSA-xvch-5gv4-984h");
  });

  it("reports a damaged package index rather than reading past it", async () => {
    const io = capturedIO({ cwd });
    expect(await runAdvisories(["advisories", "update", "--ecosystem", "npm", "--url", base], io)).toBe(0);
    await writeFile(join(cwd, ".custody/advisories/npm/all.zip.packages.json"), "{not json");
    await expect(loadAdvisories(join(cwd, ".custody/advisories"))).rejects.toMatchObject({
      code: "ADVISORY_INVALID",
      message: expect.stringMatching(/not a package index of an OSV export/) as unknown,
    });
  });

  it("keeps the cached copy and exits 2 when a download is truncated or missing", async () => {
    await mkdir(join(cwd, "cache/Go"), { recursive: true });
    await writeFile(join(cwd, "cache/Go/all.zip"), archive);
    const io = capturedIO({ cwd });
    expect(await run(["advisories", "update", "--dir", "cache", "--ecosystem", "Go", "--url", base], io)).toBe(2);
    expect(io.err()).toMatch(/Go\/all\.zip: cannot read this advisory archive/);
    expect(await readFile(join(cwd, "cache/Go/all.zip"))).toEqual(archive);
    const missing = capturedIO({ cwd });
    expect(await run(["advisories", "update", "--ecosystem", "Maven", "--url", base], missing)).toBe(2);
    expect(missing.err()).toMatch(/HTTP 404/);
  });

  it("refuses an unknown ecosystem with a usage error", async () => {
    const io = capturedIO({ cwd });
    expect(await run(["advisories", "update", "--ecosystem", "rubygems"], io)).toBe(2);
    expect(io.err()).toMatch(/--ecosystem rubygems: expected a comma-separated list of npm, PyPI, Go, crates\.io, Maven/);
    expect(requested).toEqual([]);
  });
});
