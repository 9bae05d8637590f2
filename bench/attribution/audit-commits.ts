/**
 * Benchmark of `custody audit --commits --format json` (one JSON line per commit, with merges of
 * agent branches read) on the generated 20,000- and 100,000-commit repositories, beside
 * `git log -z --raw --numstat` with the audit's own record format (the floor: git producing the
 * audit's input) measured in the same run. CPU time (user+sys, including git children, from
 * /usr/bin/time) is the figure that matters on a shared machine; wall time and the load average
 * are printed beside it. Peak RSS of the Node process must not grow with history length.
 *
 *   npm run build && npx tsx bench/attribution/audit-commits.ts [runs=3]
 */
import { spawnSync } from "node:child_process";
import { loadavg, availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, seconds, timeProcess } from "../bench-util.js";
import { generateRepo } from "../generate-repo.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNS = Number(process.argv[2] ?? "3");
const { LOG_FORMAT } = (await import(path.join(ROOT, "dist/sources/git/parse-log.js"))) as { LOG_FORMAT: string };

const LAUNCHER = `
const { run } = await import(${JSON.stringify(path.join(ROOT, "dist/cli/main.js"))});
const code = await run(["audit", ...process.argv.slice(1)]);
process.stderr.write("maxrss-kib=" + process.resourceUsage().maxRSS + "\\n");
process.exitCode = code;
`;

async function compare(dir: string, label: string): Promise<void> {
  const log: { ms: number; cpu: number }[] = [];
  const audit: { ms: number; cpu: number }[] = [];
  let lines = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const git = await timeProcess("git", ["-C", dir, "log", "-z", "--raw", "--numstat", "-M", "--no-abbrev", LOG_FORMAT, "HEAD", "--"]);
    if (git.code !== 0) {
      throw new Error(`git log failed: ${git.stderr}`);
    }
    log.push({ ms: git.ms, cpu: git.cpuMs });
    const custody = await timeProcess("node", [path.join(ROOT, "bin/custody.js"), "audit", dir, "--commits", "--format", "json"], {
      cwd: ROOT,
    });
    if (custody.code !== 0) {
      throw new Error(`audit --commits failed: ${custody.stderr}`);
    }
    audit.push({ ms: custody.ms, cpu: custody.cpuMs });
    lines = custody.bytes;
  }
  const g = { ms: median(log.map((r) => r.ms)), cpu: median(log.map((r) => r.cpu)) };
  const a = { ms: median(audit.map((r) => r.ms)), cpu: median(audit.map((r) => r.cpu)) };
  console.log(
    `${label} (median of ${String(RUNS)}; load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${String(availableParallelism())} CPUs):`,
  );
  console.log(`  baseline git log -z --raw --numstat:  CPU ${seconds(g.cpu)}   wall ${seconds(g.ms)}`);
  console.log(
    `  custody audit --commits --format json: CPU ${seconds(a.cpu)}   wall ${seconds(a.ms)}   (${(lines / 1024 / 1024).toFixed(1)} MiB of JSON Lines)`,
  );
  console.log(`  ratio: CPU ${(a.cpu / g.cpu).toFixed(2)}x   wall ${(a.ms / g.ms).toFixed(2)}x   (target CPU <= 1.3x)`);
}

function peakRss(dir: string): number {
  const result = spawnSync("node", ["--input-type=module", "-e", LAUNCHER, dir, "--commits", "--format", "json"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`audit --commits failed: ${result.stderr}`);
  }
  return Number(/maxrss-kib=(\d+)/u.exec(result.stderr)?.[1] ?? "NaN");
}

const repo20k = await generateRepo(20_000);
const repo100k = await generateRepo(100_000);
await compare(repo20k, "20,000 commits");
await compare(repo100k, "100,000 commits");
const small = peakRss(repo20k);
const large = peakRss(repo100k);
console.log(
  `peak RSS of the node process: ${(small / 1024).toFixed(1)} MiB at 20,000 commits, ${(large / 1024).toFixed(1)} MiB at 100,000 (${((large / small - 1) * 100).toFixed(1)}% growth)`,
);
