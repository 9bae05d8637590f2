/**
 * Throughput of the code detector's taint analysis over real JavaScript/TypeScript: a fixed,
 * sorted sample of files from node_modules, analysed with `analyzeFiles` in batches (imports
 * between files of a batch are resolved and followed), beside oxc-parser parsing the same
 * files with the same options and no analysis — the floor — in the same run.
 *
 *   npx tsx bench/taint.ts [fileCount=3000]
 */
import { cpus, loadavg } from "node:os";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseSync } from "oxc-parser";
import { analyzeFiles } from "../src/detect/code/analyze-files.js";
import { codeOptionsSchema } from "../src/detect/code/options.js";
import { isAnalysableScript } from "../src/detect/code/parse-module.js";

const root = join(import.meta.dirname, "..");
const wanted = Number(process.argv[2] ?? 3000);
const BATCH = 100;

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(full, out);
    } else if (entry.isFile() && isAnalysableScript(entry.name) && !entry.name.includes(".min.")) {
      out.push(full);
    }
  }
}

const all: string[] = [];
walk(join(root, "node_modules"), all);
all.sort();
const candidates = all.filter((path) => {
  const size = statSync(path).size;
  return size > 200 && size < 300_000;
});
// Evenly spaced over the sorted list: many packages, not the first few.
const step = Math.max(1, Math.floor(candidates.length / wanted));
const files = candidates
  .filter((_, index) => index % step === 0)
  .slice(0, wanted)
  .map((path) => ({ path: relative(root, path), text: readFileSync(path, "utf8") }));
const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
const mb = bytes / 1024 / 1024;

function langOf(path: string): "js" | "jsx" | "ts" | "tsx" {
  return path.endsWith(".tsx") ? "tsx" : /\.[cm]?ts$/.test(path) ? "ts" : "jsx";
}

/** CPU milliseconds (user + system) of this process since `start`: wall time lies on a loaded machine. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

let parseCpu = Number.POSITIVE_INFINITY;

function parseOnly(): number {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const file of files) {
    parseSync(file.path, file.text, { lang: langOf(file.path), sourceType: "unambiguous", range: true, preserveParens: false });
  }
  parseCpu = Math.min(parseCpu, cpuSince(cpu));
  return performance.now() - started;
}

function analyse(): { ms: number; cpu: number; findings: number; info: Map<string, number>; slowest: [number, number] } {
  const options = codeOptionsSchema.parse({});
  const cpu = process.cpuUsage();
  const started = performance.now();
  let findings = 0;
  const info = new Map<string, number>();
  let slowest: [number, number] = [0, 0];
  for (let i = 0; i < files.length; i += BATCH) {
    const batchStart = performance.now();
    for (const finding of analyzeFiles(files.slice(i, i + BATCH), options)) {
      if (finding.severity === "info") {
        info.set(finding.ruleId, (info.get(finding.ruleId) ?? 0) + 1);
      } else {
        findings++;
      }
    }
    const took = performance.now() - batchStart;
    if (took > slowest[1]) {
      slowest = [i / BATCH, took];
    }
  }
  return { ms: performance.now() - started, cpu: cpuSince(cpu), findings, info, slowest };
}

// Warm-up (JIT, native module load), then the measured runs: parse best of three, analysis
// once more (it is the slow side; a second full pass doubles the bench for little).
parseOnly();
analyzeFiles(files.slice(0, BATCH), codeOptionsSchema.parse({}));
const floor = Math.min(parseOnly(), parseOnly(), parseOnly());
const best = analyse();
// A pull request of 200 changed files, analysed as the detector does: one analyzeFiles call.
const prCpu = process.cpuUsage();
const prStarted = performance.now();
analyzeFiles(files.slice(0, 200), codeOptionsSchema.parse({ max_files: 500 }));
const prMs = performance.now() - prStarted;
const prCpuMs = cpuSince(prCpu);

const rate = (ms: number): string => `${(files.length / (ms / 1000)).toFixed(0)} files/s, ${(mb / (ms / 1000)).toFixed(2)} MB/s`;
console.log(`corpus: ${String(files.length)} files from node_modules, ${mb.toFixed(2)} MB`);
console.log(`oxc-parser parse only (floor): ${floor.toFixed(0)} ms  ${rate(floor)}`);
console.log(`taint analysis (analyzeFiles): ${best.ms.toFixed(0)} ms  ${rate(best.ms)}`);
console.log(
  `ratio analysis/parse: ${(best.ms / floor).toFixed(2)}x wall, ${(best.cpu / parseCpu).toFixed(2)}x CPU (analysis ${best.cpu.toFixed(0)} ms CPU, parse ${parseCpu.toFixed(0)} ms CPU)`,
);
console.log(`200-file pull request: ${prMs.toFixed(0)} ms wall, ${prCpuMs.toFixed(0)} ms CPU`);
console.log(
  `load average: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")} on ${String(cpus().length)} cores`,
);
console.log(
  `findings: ${String(best.findings)} taint; info: ${[...best.info].map(([id, n]) => `${id} ${String(n)}`).join(", ") || "none"}`,
);
console.log(
  `slowest batch of ${String(BATCH)}: #${String(best.slowest[0])} ${best.slowest[1].toFixed(0)} ms (per-file time budget ${String(codeOptionsSchema.parse({}).time_budget_ms)} ms)`,
);
