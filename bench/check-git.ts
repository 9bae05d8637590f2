/**
 * Benchmark of the git source's `readChange` on a pull-request-sized change — 200 files,
 * 20,000 added lines (half new files, half edits) — against `git diff` of the same change
 * printing its patch, measured in the same run. `readChange` runs three git processes (log,
 * --raw/--numstat listing, -U0 patch) and parses them; the baseline is the single patch.
 *
 *   npx tsx bench/check-git.ts [runs=5]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openRepository } from "../src/sources/git/repository.js";
import { readChange } from "../src/sources/git/read-change.js";
import { median, seconds, timeProcess } from "./bench-util.js";

const RUNS = Number(process.argv[2] ?? "5");
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), ".work", "change-200x100");
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
  GIT_AUTHOR_DATE: "2025-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2025-01-01T00:00:00Z",
};
const git = (...args: string[]): string => execFileSync("git", args, { cwd: dir, env, encoding: "utf8" }).trim();

function build(): void {
  if (existsSync(path.join(dir, ".git", "bench-complete"))) {
    return;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "src"), { recursive: true });
  git("init", "-q", "-b", "main");
  for (let f = 0; f < 100; f += 1) {
    writeFileSync(
      path.join(dir, "src", `existing-${String(f)}.ts`),
      Array.from({ length: 50 }, (_, i) => `export const existing${String(i)} = ${String(i)};`).join("\n") + "\n",
    );
  }
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  git("checkout", "-q", "-b", "feature");
  // 100 edited files (100 lines added each, interleaved) + 100 new files (100 lines each).
  for (let f = 0; f < 100; f += 1) {
    const lines: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      lines.push(
        `export const existing${String(i)} = ${String(i)};`,
        `export const added${String(i)}a = "${String(f)}-${String(i)}";`,
        `export const added${String(i)}b = fetch(url${String(i)});`,
      );
    }
    writeFileSync(path.join(dir, "src", `existing-${String(f)}.ts`), lines.join("\n") + "\n");
    writeFileSync(
      path.join(dir, "src", `new-${String(f)}.ts`),
      Array.from(
        { length: 100 },
        (_, i) => `export function f${String(i)}(x: string): string { return x + "${String(f * 100 + i)}"; }`,
      ).join("\n") + "\n",
    );
  }
  git("add", "-A");
  git("commit", "-q", "-m", "feature");
  writeFileSync(path.join(dir, ".git", "bench-complete"), "");
}

build();
const repo = await openRepository(dir);
const reads: number[] = [];
const diffs: number[] = [];
let summary = "";
for (let run = 0; run < RUNS; run += 1) {
  const diff = await timeProcess("git", ["-C", dir, "diff", "main...feature"]);
  diffs.push(diff.ms);
  const started = performance.now();
  const change = await readChange(repo, "main", "feature");
  reads.push(performance.now() - started);
  const lines = change.files.reduce((n, f) => n + f.addedLines.length, 0);
  summary = `${String(change.files.length)} files, ${String(lines)} added lines, ${String(change.commits.length)} commit(s)`;
}
console.log(`readChange benchmark (node ${process.version}): ${summary}, median of ${String(RUNS)}`);
console.log(`  baseline  git diff main...feature (patch to a pipe): ${seconds(median(diffs))}  (runs: ${diffs.map(seconds).join(", ")})`);
console.log(`  readChange(repo, "main", "feature"):                ${seconds(median(reads))}  (runs: ${reads.map(seconds).join(", ")})`);
console.log(`  ratio: ${(median(reads) / median(diffs)).toFixed(2)}x`);
