/**
 * Small helpers the benchmarks share: run a process to completion while discarding its output
 * (so a pipe, not a terminal or a file, is what is measured), medians, and formatting.
 */
import { spawn } from "node:child_process";

export interface Timed {
  ms: number;
  /** User + system CPU of the process and the children it waited for (git), in ms: robust to
   * a loaded machine where wall time is not. */
  cpuMs: number;
  code: number;
  stderr: string;
  bytes: number;
}

export function timeProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "bench-cpu=%U+%S", command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let bytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr += text;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const cpu = /bench-cpu=([\d.]+)\+([\d.]+)/u.exec(stderr);
      const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN;
      resolve({ ms: performance.now() - started, cpuMs, code: code ?? 1, stderr, bytes });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
