/**
 * Throughput of the history pass of `audit --secrets` (historyPatches → scanHistory, exactly
 * what the command runs after its commit walk) beside `git log -p | rg -i -F -c -f KEYWORDS`
 * (the same git output, searched by ripgrep for the rules' own keywords) on the same repository,
 * in the same run: a repository built once under bench/.work/ from installed packages (--mb of
 * .js/.ts/.json/.md files from node_modules, committed in 10 commits). MB/s are of `git log -p`
 * output bytes; wall and CPU time print for both (CPU of git + rg, and of this process + git).
 *
 *   apt-get install -y ripgrep
 *   npx tsx bench/secrets-audit.ts [--mb 40] [--runs 3]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { scanHistory } from "../src/detect/secrets/scan-history.js";
import { secretKeywords } from "../src/detect/secrets/scan-text.js";
import { historyPatches } from "../src/sources/git/history-patches.js";
import { median, timeProcess } from "./bench-util.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : (args[index + 1] ?? fallback);
};
const mbWanted = Number(option("--mb", "40"));
const runs = Number(option("--runs", "3"));
const root = join(import.meta.dirname, "..");
const repo = join(root, "bench", ".work", `secrets-audit-repo-${String(mbWanted)}mb`);

function collectFiles(dir: string, out: string[], budget: { left: number }): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    if (budget.left <= 0) {
      return;
    }
    const path = join(dir, name);
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

const git = (...gitArgs: string[]): string => execFileSync("git", gitArgs, { cwd: repo, encoding: "utf8", maxBuffer: 1 << 26 });
if (!existsSync(join(repo, ".git"))) {
  mkdirSync(repo, { recursive: true });
  git("init", "-q", "-b", "main");
  const files: string[] = [];
  collectFiles(join(root, "node_modules"), files, { left: mbWanted * 1024 * 1024 });
  const perCommit = Math.ceil(files.length / 10);
  for (let commit = 0; commit < 10; commit++) {
    for (const file of files.slice(commit * perCommit, (commit + 1) * perCommit)) {
      const target = join(repo, "pkgs", file.slice(join(root, "node_modules").length + 1));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
    git("add", "-A");
    git(
      "-c",
      "user.name=bench",
      "-c",
      "user.email=bench@example.org",
      "commit",
      "-q",
      "--no-verify",
      "-m",
      `packages part ${String(commit)}`,
    );
  }
}
const keywordsFile = join(root, "bench", ".work", "secrets-keywords.txt");
writeFileSync(keywordsFile, `${secretKeywords().join("\n")}\n`);

// The exact `git log` custody runs is not public API; measure the bytes of `git log -p --unified=0`.
const logBytes = spawnSync("sh", ["-c", "git log -p --unified=0 --no-color | wc -c"], { cwd: repo, encoding: "utf8" }).stdout.trim();
const mb = Number(logBytes) / (1024 * 1024);
console.log(
  `repository: 10 commits, git log -p --unified=0 = ${mb.toFixed(1)} MB; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

const custodyWall: number[] = [];
const custodyCpu: number[] = [];
let findings = 0;
for (let run = 0; run < runs; run++) {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let count = 0;
  for await (const finding of scanHistory(historyPatches(repo, {}))) {
    count += finding.ruleId === "" ? 0 : 1;
  }
  custodyWall.push(performance.now() - started);
  const used = process.cpuUsage(cpuStart);
  custodyCpu.push((used.user + used.system) / 1000);
  findings = count;
}
const pipeWall: number[] = [];
const pipeCpu: number[] = [];
for (let run = 0; run < runs; run++) {
  const timed = await timeProcess("sh", ["-c", `git log -p --unified=0 --no-color | rg -i -F -c -f "${keywordsFile}"`], { cwd: repo });
  pipeWall.push(timed.ms);
  pipeCpu.push(timed.cpuMs);
}
const rate = (ms: number): string => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
console.log(
  `custody audit --secrets (history pass): ${rate(median(custodyWall))} wall (${(median(custodyWall) / 1000).toFixed(2)} s; this process's CPU ${(median(custodyCpu) / 1000).toFixed(2)} s, git's not counted), ${String(findings)} findings`,
);
console.log(
  `git log -p | rg -i -F -f KEYWORDS:       ${rate(median(pipeWall))} wall (${(median(pipeWall) / 1000).toFixed(2)} s; CPU of git + rg ${(median(pipeCpu) / 1000).toFixed(2)} s)`,
);
console.log(`ratio custody / (git log -p | rg): ${(median(pipeWall) / median(custodyWall)).toFixed(2)}x wall`);
