/**
 * The detector with its online sources: OSV's batch API (advisories: auto, no export) and a
 * package registry, both played by a local server. Tests never reach the network.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Change, Snapshot } from "../../model/change.js";
import type { Finding } from "../../model/finding.js";
import { depsDetector } from "./deps-detector.js";

let server: Server;
let base = "";
const asked: string[] = [];
const DAY = 24 * 60 * 60 * 1000;
const MAL = {
  id: "MAL-2025-0001",
  modified: "2025-06-01T00:00:00Z",
  summary: "Malicious code in lodahs (npm)",
  affected: [{ package: { ecosystem: "npm", name: "lodahs" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }] }] }],
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const url = request.url ?? "";
      asked.push(url);
      const json = (value: unknown): void =>
        void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (url === "/osv/v1/querybatch") {
        const { queries } = JSON.parse(body) as { queries: { package: { name: string } }[] };
        json({ results: queries.map((query) => ({ vulns: query.package.name === "lodahs" ? [{ id: MAL.id }] : [] })) });
      } else if (url === `/osv/v1/vulns/${MAL.id}`) {
        json(MAL);
      } else if (url === "/npm/lodahs") {
        json({ time: { created: new Date(Date.now() - 3 * DAY).toISOString() } });
      } else if (url === "/npm/left-pad") {
        json({ time: { created: "2014-03-01T00:00:00Z" } });
      } else if (url === "/downloads/downloads/point/last-month/left-pad") {
        json({ downloads: 2_000_000 });
      } else {
        response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const manifest = (dependencies: Record<string, string>): string => `${JSON.stringify({ name: "app", dependencies }, null, 2)}\n`;
const snapshot = (files: Record<string, string>): Snapshot => ({
  rev: "r",
  read: (path) => Promise.resolve(path in files ? Buffer.from(files[path] ?? "") : undefined),
});
const change: Change = {
  base: "b".repeat(40),
  head: "h".repeat(40),
  commits: [],
  files: [{ path: "package-lock.json", status: "modified", additions: 1, deletions: 0, binary: false, addedLines: [] }],
};
const lock = (names: string[]): string =>
  JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": { name: "app", dependencies: Object.fromEntries(names.map((name) => [name, "1.0.0"])) },
      ...Object.fromEntries(names.map((name) => [`node_modules/${name}`, { version: "1.0.0" }])),
    },
  });

async function run(options: Record<string, unknown>, repoDir?: string): Promise<Finding[]> {
  return depsDetector.run({
    change,
    base: snapshot({ "package-lock.json": lock([]) }),
    head: snapshot({ "package-lock.json": lock(["lodahs", "left-pad", "zq-nowhere-kit"]), "package.json": manifest({}) }),
    options: depsDetector.optionsSchema.parse(options),
    ...(repoDir === undefined ? {} : { repoDir }),
  });
}

describe("depsDetector online", () => {
  it("auto: with no export, asks OSV's batch API, reports MAL- records as malware, and names the source", async () => {
    asked.length = 0;
    const findings = await run({ advisories: { url: `${base}/osv`, cache_dir: "no-cache-here" } });
    expect(asked.filter((url) => url.startsWith("/osv"))).toEqual(["/osv/v1/querybatch", `/osv/v1/vulns/${MAL.id}`]);
    const malware = findings.find((finding) => finding.ruleId === "deps/malware");
    expect(malware?.severity).toBe("critical");
    expect(malware?.message).toMatch(/lodahs@1\.0\.0 is known malware \(MAL-2025-0001/);
    expect(findings.find((finding) => finding.ruleId === "deps/advisory-source")?.message).toMatch(
      new RegExp(`OSV API ${base}/osv, asked on \\d{4}-`),
    );
    expect(findings.some((finding) => finding.ruleId === "deps/vulnerable")).toBe(false);
  });

  it("auto: prefers the exports `custody advisories update` left in the cache directory", async () => {
    const repo = mkdtempSync(join(tmpdir(), "custody-deps-cache-"));
    try {
      cpSync(new URL("__fixtures__/osv-zip/osv-all.zip", import.meta.url), join(repo, ".custody/advisories/npm/all.zip"), {
        recursive: true,
      });
      asked.length = 0;
      const findings = await run({ advisories: { url: `${base}/osv` } }, repo);
      expect(asked.filter((url) => url.startsWith("/osv"))).toEqual([]);
      expect(findings.find((finding) => finding.ruleId === "deps/advisory-source")?.message).toMatch(
        /OSV export \.custody\/advisories, records up to/,
      );
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("with a registry: reports a name born days ago and a name nobody published, not an established one", async () => {
    const findings = await run({ advisories: "off", registry: { url: `${base}/npm`, downloads_url: `${base}/downloads` } });
    const unknown = findings
      .filter((finding) => finding.ruleId === "deps/unknown-package")
      .map((finding) => [finding.properties?.["package"], finding.severity]);
    expect(unknown).toEqual([
      ["lodahs", "high"],
      ["zq-nowhere-kit", "high"],
    ]);
    expect(findings.find((finding) => finding.ruleId === "deps/typosquat")?.message).toMatch(
      /"lodahs" \(0 downloads a month\) swaps two letters of "lodash" \([\d,]+ downloads a month\)/,
    );
  });
});
