import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { widePermissionWarnings } from "./data-files.js";
import { openLedger } from "./open-ledger.js";

let dir: string;
const mode = (path: string): number => statSync(path).mode & 0o777;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "custody-modes-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === "win32")("data file modes", () => {
  it("a new SQLite ledger: directory 0700, database, WAL and key 0600, whatever the umask", async () => {
    const old = process.umask(0o022);
    try {
      const ledger = await openLedger({ store: "sqlite", path: join(dir, "data", "ledger.db") });
      await ledger.append([{ kind: "note", source: "cli", payload: { a: 1 } }]);
      expect(mode(join(dir, "data"))).toBe(0o700);
      expect(mode(join(dir, "data", "ledger.db"))).toBe(0o600);
      expect(existsSync(join(dir, "data", "ledger.db-wal"))).toBe(true);
      expect(mode(join(dir, "data", "ledger.db-wal"))).toBe(0o600);
      expect(mode(join(dir, "data", "ledger.key"))).toBe(0o600);
      expect(widePermissionWarnings([join(dir, "data", "ledger.db"), join(dir, "data", "ledger.key")])).toEqual([]);
      await ledger.close();
    } finally {
      process.umask(old);
    }
  });

  it("warns about a file or directory others can read, naming the chmod", async () => {
    const ledger = await openLedger({ store: "sqlite", path: join(dir, "data", "ledger.db") });
    await ledger.close();
    chmodSync(join(dir, "data", "ledger.db"), 0o644);
    chmodSync(join(dir, "data"), 0o755);
    const warnings = widePermissionWarnings([join(dir, "data", "ledger.db")]);
    expect(warnings).toEqual([
      `${join(dir, "data")} is mode 0755: other users can read it; run chmod 700 ${join(dir, "data")}`,
      `${join(dir, "data", "ledger.db")} is mode 0644: other users can read it; run chmod 600 ${join(dir, "data", "ledger.db")}`,
    ]);
  });
});
