/**
 * What a command may touch of the outside world: its output streams, whether stdout is a
 * terminal (colour and progress bars only then), the working directory and the environment.
 * Tests pass a captured CliIO; bin/custody.js passes the process's.
 */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdout is a terminal: colour and progress allowed. */
  isTTY: boolean;
  /** stderr is a terminal: progress bars go there. */
  stderrIsTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

export function processIO(): CliIO {
  // `custody audit | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") {
      process.exit(process.exitCode ?? 0);
    }
    throw error;
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY,
    stderrIsTTY: process.stderr.isTTY,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** A CliIO that records everything, for tests. */
export function capturedIO(options: Partial<Omit<CliIO, "stdout" | "stderr">> = {}): CliIO & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    isTTY: false,
    stderrIsTTY: false,
    cwd: process.cwd(),
    env: {},
    ...options,
    out: () => out,
    err: () => err,
  };
}
