/**
 * Benchmark of `custody audit`: wall time on 20,000 commits against a baseline measured in the
 * same run — `git log --numstat` printing the fields the audit reads (the floor: the audit
 * cannot be faster than git producing its input) — and peak memory at 20,000 and 100,000
 * commits, which must not grow with history length (the history is streamed).
 *
 *   npm run build && npx tsx bench/audit.ts [runs=3]
 *
 * The audit runs as users run it: `node bin/custody.js audit --format json` from the built dist.
 * If the lead has not registered the command in src/cli/commands.ts yet, a two-line launcher
 * runs the same dist modules (said so in the output). Peak RSS is the Node process's own
 * (`process.resourceUsage().maxRSS`, excluding git), plus /usr/bin/time's figure, which also
 * counts the largest child (git) when it is bigger.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, seconds, timeProcess } from "./bench-util.js";
import { generateRepo } from "./generate-repo.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.argv[2] ?? "3");

if (!existsSync(path.join(ROOT, "dist/cli/audit.js"))) {
  console.log("dist/ has no audit command: building (npm run build)…");
  spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
}

// `--help` of an unregistered subcommand prints the program's help: look for audit's own option.
const registered = spawnSync("node", ["bin/custody.js", "audit", "--help"], { cwd: ROOT, encoding: "utf8" }).stdout.includes("--since");

// Runs the audit from dist/ and prints the Node process's own peak RSS (KiB) on stderr.
const LAUNCHER = `
const { buildProgram } = await import(${JSON.stringify(path.join(ROOT, "dist/cli/main.js"))});
const { auditCommand } = await import(${JSON.stringify(path.join(ROOT, "dist/cli/audit.js"))});
const { processIO } = await import(${JSON.stringify(path.join(ROOT, "dist/cli/cli-io.js"))});
const io = { ...processIO(), stderrIsTTY: false };
await buildProgram({ io, setExitCode: () => {} }, [auditCommand]).parseAsync(["audit", ...process.argv.slice(1)], { from: "user" });
process.stderr.write("maxrss-kib=" + process.resourceUsage().maxRSS + "\\n");
`;

function auditArgs(dir: string): { command: string; args: string[] } {
  if (registered) {
    return { command: "node", args: [path.join(ROOT, "bin/custody.js"), "audit", dir, "--format", "json"] };
  }
  return { command: "node", args: ["--input-type=module", "-e", LAUNCHER, dir, "--format", "json"] };
}

const BASELINE_FORMAT = "--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B%x00";

async function wallTime(dir: string): Promise<void> {
  const audits: number[] = [];
  const logs: number[] = [];
  const auditCpu: number[] = [];
  const logCpu: number[] = [];
  let auditBytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const log = await timeProcess("git", ["-C", dir, "log", "-z", "--numstat", BASELINE_FORMAT, "HEAD"]);
    if (log.code !== 0) {
      throw new Error(`git log failed: ${log.stderr}`);
    }
    logs.push(log.ms);
    logCpu.push(log.cpuMs);
    const { command, args } = auditArgs(dir);
    const audit = await timeProcess(command, args, { cwd: ROOT });
    if (audit.code !== 0) {
      throw new Error(`audit failed: ${audit.stderr}`);
    }
    audits.push(audit.ms);
    auditCpu.push(audit.cpuMs);
    auditBytes = audit.bytes;
  }
  const a = median(audits);
  const g = median(logs);
  console.log(`  baseline  git log -z --numstat (fields the audit reads): ${seconds(g)}  (runs: ${logs.map(seconds).join(", ")})`);
  console.log(
    `  custody audit --format json:                             ${seconds(a)}  (runs: ${audits.map(seconds).join(", ")}; ${String(auditBytes)} bytes of JSON)`,
  );
  console.log(`  ratio audit / git log, wall time: ${(a / g).toFixed(2)}x  (target <= 2x)`);
  const ac = median(auditCpu);
  const gc = median(logCpu);
  console.log(`  CPU (user+sys, incl. git children): git log ${seconds(gc)}, audit ${seconds(ac)}; ratio ${(ac / gc).toFixed(2)}x`);
  const load = (await import("node:os")).loadavg()[0] ?? 0;
  console.log(
    `  load average during the run: ${load.toFixed(1)} on ${String((await import("node:os")).availableParallelism())} CPUs (wall times inflate when it exceeds the CPU count)`,
  );
}

function peakRss(dir: string): { node: number; withChildren: number } {
  const result = spawnSync(
    "/usr/bin/time",
    ["-f", "time-maxrss-kib=%M", "node", "--input-type=module", "-e", LAUNCHER, dir, "--format", "json"],
    {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    throw new Error(`audit failed: ${result.stderr}`);
  }
  const node = Number(/maxrss-kib=(\d+)/u.exec(result.stderr)?.[1] ?? "NaN");
  const withChildren = Number(/time-maxrss-kib=(\d+)/u.exec(result.stderr)?.[1] ?? "NaN");
  return { node, withChildren };
}

const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;

console.log(
  `custody audit benchmark (node ${process.version}, ${registered ? "bin/custody.js" : "dist launcher: audit not yet registered in commands.ts"})`,
);
const repo20k = await generateRepo(20_000);
console.log(`\nWall time, 20,000 commits (median of ${String(RUNS)}):`);
await wallTime(repo20k);
const repo100k = await generateRepo(100_000);
console.log("\nPeak RSS of the audit:");
const small = peakRss(repo20k);
const large = peakRss(repo100k);
console.log(`   20,000 commits: node ${mib(small.node)}   (incl. git child: ${mib(small.withChildren)})`);
console.log(`  100,000 commits: node ${mib(large.node)}   (incl. git child: ${mib(large.withChildren)})`);
console.log(`  growth 20k -> 100k (node process): ${((large.node / small.node - 1) * 100).toFixed(1)}%`);
