/**
 * Data files are private: ledgers hold webhook payloads and keys sign the log, so files are
 * created 0600 and their directories 0700 (whatever the umask), and `serve` warns at start about
 * any that another user can read. SQLite creates its -wal and -shm files with the database
 * file's mode, so creating the database file first, 0600, covers them too.
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates `path`'s directory (0700 for what it creates) and the file itself, empty and 0600, when absent. */
export function ensurePrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!existsSync(path)) {
    closeSync(openSync(path, "a", PRIVATE_FILE_MODE));
  }
}

/** One line per existing file or directory that group or others can read, write or enter. */
export function widePermissionWarnings(paths: readonly string[]): string[] {
  if (process.platform === "win32") {
    return [];
  }
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const path of paths.flatMap((p) => [dirname(p), p, `${p}-wal`])) {
    if (seen.has(path) || !existsSync(path)) {
      continue;
    }
    seen.add(path);
    const stat = statSync(path);
    const mode = stat.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      const want = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
      warnings.push(`${path} is mode ${mode.toString(8).padStart(4, "0")}: other users can read it; run chmod ${want.toString(8)} ${path}`);
    }
  }
  return warnings;
}
