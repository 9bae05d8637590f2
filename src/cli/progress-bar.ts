/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal: piped or captured
 * output (CI logs, `--format json > file`) never receives carriage returns or partial lines.
 * Redraws are throttled to whole-percent changes so a fast loop does not flood the terminal.
 */
import type { CliIO } from "./cli-io.js";

export interface ProgressBar {
  update(done: number, total: number): void;
  /** Clears the line; call once when the work ends (also on failure). */
  finish(): void;
}

const WIDTH = 30;

export function createProgressBar(io: CliIO, label: string): ProgressBar {
  if (!io.stderrIsTTY) {
    return { update: () => undefined, finish: () => undefined };
  }
  let lastPercent = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (total <= 0) {
        // Total not known yet: show the running count.
        io.stderr(`\r${label} ${String(done)} commits`);
        drawn = true;
        return;
      }
      const percent = Math.min(100, Math.floor((done / total) * 100));
      if (percent === lastPercent) {
        return;
      }
      lastPercent = percent;
      const filled = Math.round((percent / 100) * WIDTH);
      io.stderr(
        `\r${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${String(done)}/${String(total)}`,
      );
      drawn = true;
    },
    finish() {
      if (drawn) {
        io.stderr("\r\u001b[2K");
        drawn = false;
      }
    },
  };
}
