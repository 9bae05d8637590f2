/**
 * Runs the `git` executable: always with an argument array (never a shell, so no ref or path can
 * inject a command), with `LC_ALL=C` so messages are stable, and with `core.quotepath=off` so
 * paths come out as raw bytes rather than octal-escaped. Output is kept as Buffers: paths in git
 * are bytes, not necessarily UTF-8, and the caller decides how to decode them.
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { CustodyError } from "../../model/errors.js";

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** Options every git call gets first: stable, machine-readable output. */
const BASE_ARGS = ["-c", "core.quotepath=off", "-c", "color.ui=false", "-c", "log.showSignature=false"];

function gitEnv(): NodeJS.ProcessEnv {
  // GIT_* variables a caller's hook environment may carry would point git at another repository
  // or index; we address the repository only through `-C dir`.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("GIT_") || key === "GIT_EXEC_PATH") {
      env[key] = value;
    }
  }
  env.LC_ALL = "C";
  env.GIT_TERMINAL_PROMPT = "0";
  return env;
}

export function spawnGit(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn("git", [...BASE_ARGS, ...args], { cwd, env: gitEnv(), stdio: ["pipe", "pipe", "pipe"] });
}

export function gitMissingError(cause: unknown): CustodyError {
  return new CustodyError(
    "GIT_FAILED",
    "Could not run the `git` executable. Custody reads repositories through git: install git and make sure it is on PATH.",
    { cause },
  );
}

/** Most of git's stderr a streaming call keeps: enough for any message, bounded for any history. */
const MAX_STDERR = 65_536;

/** A git process whose stdout the caller consumes as it arrives (history walks). */
export interface GitStream {
  stdout: AsyncIterable<Buffer>;
  /** Waits for git to exit: its code and (bounded) stderr; GIT_FAILED if git could not start. */
  finish(): Promise<{ code: number; stderr: string }>;
  /** Stops git when it is still running: the consumer stopped early, or failed. */
  stop(): void;
}

export function streamGit(cwd: string, args: readonly string[]): GitStream {
  const child = spawnGit(cwd, args);
  let spawnError: unknown;
  child.on("error", (error) => {
    spawnError = error;
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    stderr += stderr.length + text.length > MAX_STDERR ? "" : text;
  });
  const exited = new Promise<number>((resolve) => {
    child.on("close", (code) => {
      resolve(code ?? 1);
    });
  });
  child.stdin.end();
  return {
    stdout: child.stdout as AsyncIterable<Buffer>,
    async finish() {
      const code = await exited;
      if (spawnError !== undefined) {
        throw gitMissingError(spawnError);
      }
      return { code, stderr };
    },
    stop() {
      if (child.exitCode === null) {
        child.kill();
      }
    },
  };
}

/** Runs git to completion and collects its output. Never throws for a non-zero exit: callers map
 * git's failures to the error that fits (unknown ref, not a repository…). */
export function runGit(cwd: string, args: readonly string[], input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawnGit(cwd, args);
    } catch (error) {
      reject(gitMissingError(error));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "ENOENT" ? gitMissingError(error) : error);
    });
    child.on("close", (code) => {
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8"), code: code ?? 1 });
    });
    child.stdin.on("error", () => {
      // git may exit before reading stdin; the exit code tells the story.
    });
    child.stdin.end(input);
  });
}

/** Runs git and fails with GIT_FAILED on a non-zero exit. */
export async function runGitOk(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  const result = await runGit(cwd, args, input);
  if (result.code !== 0) {
    throw gitFailed(args, result.stderr);
  }
  return result.stdout;
}

export function gitFailed(args: readonly string[], stderr: string): CustodyError {
  const shown = args.filter((a) => !a.startsWith("--format=")).join(" ");
  return new CustodyError("GIT_FAILED", `git ${shown} failed: ${stderr.trim() || "no message"}`);
}
