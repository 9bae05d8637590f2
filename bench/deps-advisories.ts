/**
 * Advisory matching against a full npm OSV export, cold: a child process (the built dist/, as
 * the CLI runs) opens the advisory cache as `custody advisories update` leaves it — an
 * export-shaped all.zip of 200,000 records (as many as OSV's npm export holds, mostly MAL-
 * malware records with a few thousand GHSA ranges; ZIP64, as the real one) and its package
 * index — and matches a 2,000-package lockfile against it. Beside it, in the same run, the floor: a child that only inflates and
 * JSON.parses the same archive (no reader can be faster than reading the data). CPU time beside
 * wall time, with the load average. Run: npm run build && npx tsx bench/deps-advisories.ts
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateRawSync } from "node:zlib";
import { buildExportIndex, EXPORT_INDEX_SUFFIX } from "../src/detect/deps/advisories/export-index.js";
import type { OsvRecord } from "../src/detect/deps/advisories/osv-schema.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const work = join(here, ".work", "deps-advisories");
mkdirSync(work, { recursive: true });
const RECORDS = 200_000;
const cache = join(work, "cache");
const zipPath = join(cache, "npm", "all.zip");
const lockNames = Array.from({ length: 2000 }, (_, index) => `bench-pkg-${String(index)}`);

function writeZip(path: string, entries: { name: string; data: Buffer }[]): void {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(packed.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    chunks.push(local, name, packed);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  // More than 65,535 entries: ZIP64 end record and locator, as OSV's exports have.
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(entries.length), 24);
  end64.writeBigUInt64LE(BigInt(entries.length), 32);
  end64.writeBigUInt64LE(BigInt(directory.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...chunks, directory, end64, locator, end]));
}

if (!existsSync(`${zipPath}${EXPORT_INDEX_SUFFIX}`)) {
  mkdirSync(dirname(zipPath), { recursive: true });
  const entries: { name: string; data: Buffer }[] = [];
  const indexed: { name: string; records: OsvRecord[] }[] = [];
  for (let index = 0; index < RECORDS; index++) {
    const malware = index % 25 !== 0;
    // One record in 100 is about a package of the lockfile.
    const name = index % 100 === 0 ? (lockNames[(index / 100) % lockNames.length] ?? "x") : `npm-name-${String(index)}`;
    const id = malware ? `MAL-2025-${String(index)}` : `GHSA-bench-${String(index)}`;
    const record = {
      schema_version: "1.7.0",
      id,
      modified: "2026-12-01T00:00:00Z",
      published: "2025-01-01T00:00:00Z",
      summary: malware ? `Malicious code in ${name} (npm)` : `Prototype pollution in ${name}`,
      details: "Generated for the benchmark. ".repeat(8),
      ...(malware ? {} : { severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }] }),
      affected: [
        {
          package: { ecosystem: "npm", name, purl: `pkg:npm/${name}` },
          ranges: [{ type: "SEMVER", events: malware ? [{ introduced: "0" }] : [{ introduced: "0" }, { fixed: "1.2.0" }] }],
          database_specific: { source: "bench" },
        },
      ],
      references: [{ type: "WEB", url: `https://example.invalid/${id}` }],
    };
    entries.push({ name: `${id}.json`, data: Buffer.from(JSON.stringify(record)) });
    indexed.push({ name: `${id}.json`, records: [record] });
  }
  writeZip(zipPath, entries);
  // What `custody advisories update` writes beside the archive it downloads.
  writeFileSync(`${zipPath}${EXPORT_INDEX_SUFFIX}`, JSON.stringify(buildExportIndex(indexed)));
}

const lockfile = join(work, "lock-packages.json");
writeFileSync(
  lockfile,
  JSON.stringify(
    lockNames.map((name, index) => ({ ecosystem: "npm", name, version: index % 2 === 0 ? "1.0.0" : "1.3.0", direct: index < 50 })),
  ),
);

const dist = join(here, "..", "dist", "detect", "deps", "index.js");
const custody = `
const { loadAdvisories, matchAdvisories } = await import(${JSON.stringify(dist)});
const fs = await import("node:fs");
const t0 = performance.now(); const c0 = process.cpuUsage();
const index = await loadAdvisories(${JSON.stringify(cache)});
const packages = JSON.parse(fs.readFileSync(${JSON.stringify(lockfile)}, "utf8"));
let matches = 0; for (const item of packages) matches += matchAdvisories(index, item).length;
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, records: index.size, matches }));`;
const floor = `
const { readZipEntries } = await import(${JSON.stringify(join(here, "..", "dist", "detect", "deps", "advisories", "read-zip.js"))});
const fs = await import("node:fs");
const t0 = performance.now(); const c0 = process.cpuUsage();
let n = 0; for (const entry of readZipEntries(fs.readFileSync(${JSON.stringify(zipPath)}), "zip", (name) => name.endsWith(".json"))) { JSON.parse(entry.data.toString("utf8")); n++; }
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, records: n }));`;

function child(script: string): { wall: number; cpu: number; records: number; matches?: number } {
  const started = performance.now();
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  const inner = JSON.parse(out) as { wall: number; cpu: number; records: number; matches?: number };
  return {
    ...inner,
    wall: inner.wall,
    cpu: inner.cpu,
    records: inner.records,
    ...(inner.matches === undefined ? {} : { matches: inner.matches }),
    ...{ process: performance.now() - started },
  };
}

const base = child(floor);
const run = child(custody);
process.stdout.write(
  `Advisory matching, cold process, ${String(RECORDS)}-record npm export-shaped all.zip, 2,000-package lockfile; load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(" ")}\n` +
    `  floor (inflate + JSON.parse only): ${base.wall.toFixed(0)} ms wall, ${base.cpu.toFixed(0)} ms CPU\n` +
    `  custody (load, index, match):      ${run.wall.toFixed(0)} ms wall, ${run.cpu.toFixed(0)} ms CPU; ${String(run.records)} records, ${String(run.matches ?? 0)} matches; ${(run.cpu / base.cpu).toFixed(2)}× the floor's CPU\n`,
);
