/**
 * Benchmark of `custody blame FILE --format json` on a 5,000-line file written over 250 commits
 * (people, Claude Code co-authored commits, a Copilot agent, each appending and rewriting lines),
 * beside `git blame --porcelain FILE` measured in the same run: CPU time (user+sys, including git
 * children) and wall time, with the load average. Built with `git fast-import` under
 * bench/.work/blame-repo.
 *
 *   npm run build && npx tsx bench/attribution/blame.ts [runs=3]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, seconds, timeProcess } from "../bench-util.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIR = path.join(ROOT, "bench", ".work", "blame-repo");
const RUNS = Number(process.argv[2] ?? "3");
const LINES = 5000;
const COMMITS = 250;

async function build(): Promise<void> {
  const done = path.join(DIR, ".git", "custody-bench-complete");
  if (existsSync(done)) {
    return;
  }
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
  await new Promise<void>((resolve, reject) => {
    const init = spawn("git", ["init", "-q", "-b", "main"], { cwd: DIR, env, stdio: "inherit" });
    init.on("close", (code) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error("git init failed"));
      }
    });
  });
  const importer = spawn("git", ["fast-import", "--quiet", "--done"], { cwd: DIR, env, stdio: ["pipe", "inherit", "inherit"] });
  const lines: string[] = [];
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const people = ["Ada Lovelace <ada@example.com>", "Grace Hopper <grace@example.org>"];
  let stream = "";
  for (let c = 0; c < COMMITS; c += 1) {
    const grow = Math.ceil(LINES / COMMITS);
    for (let k = 0; k < grow && lines.length < LINES; k += 1) {
      lines.push(`export const value${String(lines.length)} = ${String(next() % 1000)}; // commit ${String(c)}`);
    }
    for (let k = 0; k < 10 && lines.length > 0; k += 1) {
      const at = next() % lines.length;
      lines[at] = `export const value${String(at)} = ${String(next() % 1000)}; // rewritten in commit ${String(c)}`;
    }
    const content = `${lines.join("\n")}\n`;
    const agent = c % 3;
    const author = agent === 2 ? "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>" : (people[c % 2] ?? "");
    const message = agent === 1 ? `change ${String(c)}\n\nCo-authored-by: Claude <noreply@anthropic.com>\n` : `change ${String(c)}\n`;
    const when = 1735689600 + c * 3600;
    stream += `commit refs/heads/main\nauthor ${author} ${String(when)} +0000\ncommitter ${author} ${String(when)} +0000\ndata ${String(Buffer.byteLength(message))}\n${message}`;
    stream += `M 100644 inline src/values.ts\ndata ${String(Buffer.byteLength(content))}\n${content}\n`;
  }
  stream += "done\n";
  await new Promise<void>((resolve, reject) => {
    importer.on("close", (code) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error("fast-import failed"));
      }
    });
    importer.stdin.end(stream);
  });
  await new Promise<void>((resolve) => {
    spawn("git", ["reset", "-q", "--hard", "main"], { cwd: DIR, env, stdio: "inherit" }).on("close", () => {
      resolve();
    });
  });
  writeFileSync(done, new Date().toISOString());
}

await build();
const git: { ms: number; cpu: number }[] = [];
const custody: { ms: number; cpu: number }[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const g = await timeProcess("git", ["-C", DIR, "blame", "--porcelain", "HEAD", "--", "src/values.ts"]);
  git.push({ ms: g.ms, cpu: g.cpuMs });
  const c = await timeProcess("node", [path.join(ROOT, "bin/custody.js"), "blame", "src/values.ts", "--repo", DIR, "--format", "json"], {
    cwd: DIR,
  });
  if (c.code !== 0) {
    throw new Error(`custody blame failed: ${c.stderr}`);
  }
  custody.push({ ms: c.ms, cpu: c.cpuMs });
}
const g = { ms: median(git.map((r) => r.ms)), cpu: median(git.map((r) => r.cpu)) };
const c = { ms: median(custody.map((r) => r.ms)), cpu: median(custody.map((r) => r.cpu)) };
console.log(
  `blame of a ${String(LINES)}-line file over ${String(COMMITS)} commits (median of ${String(RUNS)}; load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${String(availableParallelism())} CPUs):`,
);
console.log(`  baseline git blame --porcelain: CPU ${seconds(g.cpu)}   wall ${seconds(g.ms)}`);
console.log(`  custody blame --format json:    CPU ${seconds(c.cpu)}   wall ${seconds(c.ms)}`);
console.log(`  ratio: CPU ${(c.cpu / g.cpu).toFixed(2)}x   wall ${(c.ms / g.ms).toFixed(2)}x   (target <= 2x)`);
