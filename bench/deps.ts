/**
 * Dependency detector benchmark: parses this repository's own package-lock.json N times with
 * readLockfile and diffs it against an edited copy, printing milliseconds per parse beside
 * JSON.parse of the same text (the floor: no lockfile parser can be faster than reading the JSON)
 * measured in the same run. Run: npx tsx bench/deps.ts [iterations]
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { diffPackages } from "../src/detect/deps/diff-packages.js";
import type { Package } from "../src/detect/deps/package.js";
import { readLockfile } from "../src/detect/deps/read-lockfile.js";

const iterations = Number(process.argv[2] ?? "200");
const path = new URL("../package-lock.json", import.meta.url);
const text = readFileSync(path, "utf8");

function time(label: string, run: () => unknown): number {
  // Warm up so the JIT has compiled both paths before measuring.
  for (let index = 0; index < 20; index++) {
    run();
  }
  const start = performance.now();
  let sink = 0;
  for (let index = 0; index < iterations; index++) {
    sink += run() === undefined ? 0 : 1;
  }
  const perRun = (performance.now() - start) / iterations;
  process.stdout.write(`${label.padEnd(34)} ${perRun.toFixed(3)} ms/op  (${String(iterations)} runs, ${String(sink)} results)\n`);
  return perRun;
}

const packages = readLockfile("package-lock.json", text).packages;
process.stdout.write(`package-lock.json: ${String(text.length)} bytes, ${String(packages.length)} packages\n`);

const floor = time("JSON.parse (floor)", () => JSON.parse(text) as unknown);
const parse = time("readLockfile (parse + validate)", () => readLockfile("package-lock.json", text));

// An edited head: every tenth package bumped, every 25th removed, 20 added.
const head: Package[] = packages
  .filter((_, index) => index % 25 !== 0)
  .map((item, index) => (index % 10 === 0 ? { ...item, version: `${item.version ?? "0.0.0"}-next` } : item));
for (let index = 0; index < 20; index++) {
  head.push({ ecosystem: "npm", name: `bench-added-${String(index)}`, version: "1.0.0", direct: false });
}
const diff = time("diffPackages (base vs edited head)", () => diffPackages(packages, head));
const once = diffPackages(packages, head);
process.stdout.write(
  `diff: ${String(once.added.length)} added, ${String(once.changed.length)} changed, ${String(once.removed.length)} removed\n` +
    `parse / JSON.parse floor: ${(parse / floor).toFixed(2)}x; parse + diff: ${(parse + diff).toFixed(3)} ms\n`,
);
