/**
 * Secrets scanner throughput on a real corpus: the project's own node_modules (.js/.ts/.json,
 * up to 200 MB, files in a fixed sorted order), scanned file by file with `scanText` as `check`
 * and `audit --secrets` do. Baseline in the same run: `grep -E -i -c` with the alternation of
 * all the rules' keywords over the same bytes (one concatenated file) — the cost of merely
 * finding keyword lines, which the scanner's Aho–Corasick pass also does before any regex runs.
 * Also prints how many findings the corpus produced, by rule: third-party code is full of test
 * keys and examples, so this is a rough false-positive census.
 *
 *   npx tsx bench/secrets.ts [--mb 200] [--runs 3]
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scanText, secretKeywords } from "../src/detect/secrets/scan-text.js";
import { median, timeProcess } from "./bench-util.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const limitBytes = flag("--mb", 200) * 1024 * 1024;
const runs = flag("--runs", 3);

function collectFiles(root: string, out: string[], budget: { left: number }): void {
  let entries: string[];
  try {
    entries = readdirSync(root).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    if (budget.left <= 0) {
      return;
    }
    const path = join(root, name);
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined) {
      continue;
    }
    if (info.isDirectory()) {
      collectFiles(path, out, budget);
    } else if (info.isFile() && /\.(?:[cm]?js|ts|json)$/.test(name) && info.size > 0) {
      out.push(path);
      budget.left -= info.size;
    }
  }
}

const root = join(import.meta.dirname, "..");
const paths: string[] = [];
collectFiles(join(root, "node_modules"), paths, { left: limitBytes });
const files = paths.map((path) => ({ path: path.slice(root.length + 1), text: readFileSync(path, "utf8") }));
const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
const mb = bytes / (1024 * 1024);

const workDir = join(root, "bench", ".work");
mkdirSync(workDir, { recursive: true });
const corpusFile = join(workDir, "secrets-corpus.txt");
writeFileSync(corpusFile, files.map((file) => file.text).join("\n"));

console.log(`corpus: ${String(files.length)} files, ${mb.toFixed(1)} MB from node_modules`);
console.log(`rules' keywords: ${String(secretKeywords().length)}`);

// Warm-up (JIT, regex compilation) on a slice, then timed runs.
for (const file of files.slice(0, 200)) {
  scanText(file.text, file.path);
}
const scanMs: number[] = [];
let byRule = new Map<string, number>();
for (let run = 0; run < runs; run++) {
  const counts = new Map<string, number>();
  const started = performance.now();
  for (const file of files) {
    for (const match of scanText(file.text, file.path)) {
      counts.set(match.ruleId, (counts.get(match.ruleId) ?? 0) + 1);
    }
  }
  scanMs.push(performance.now() - started);
  byRule = counts;
}

const escapeEre = (keyword: string): string => keyword.replace(/[.[\]()*+?{}|^$\\]/g, "\\$&");
const pattern = secretKeywords().map(escapeEre).join("|");
const grepMs: number[] = [];
let grepCode = 0;
for (let run = 0; run < runs; run++) {
  const timed = await timeProcess("grep", ["-E", "-i", "-c", "-e", pattern, corpusFile], { env: { ...process.env, LC_ALL: "C" } });
  grepMs.push(timed.ms);
  grepCode = timed.code;
}

const scanRate = mb / (median(scanMs) / 1000);
const grepRate = mb / (median(grepMs) / 1000);
console.log(
  `custody scanText:            ${scanRate.toFixed(1)} MB/s (median of ${String(runs)}: ${(median(scanMs) / 1000).toFixed(2)} s)`,
);
console.log(
  `grep -E -i keywords (LC_ALL=C): ${grepRate.toFixed(1)} MB/s (median of ${String(runs)}: ${(median(grepMs) / 1000).toFixed(2)} s, exit ${String(grepCode)})`,
);
console.log(`ratio custody / grep: ${(scanRate / grepRate).toFixed(3)}`);
const total = [...byRule.values()].reduce((a, b) => a + b, 0);
console.log(`findings in the corpus: ${String(total)}`);
for (const [rule, count] of [...byRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`  ${String(count).padStart(6)}  ${rule}`);
}
