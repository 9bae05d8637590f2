import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isCustodyError } from "../../model/errors.js";
import { openLedger } from "../open-ledger.js";
import { parseSignerKey } from "../notes/note-keys.js";
import { readFileSync } from "node:fs";

describe("SQLite store", () => {
  const dirs: string[] = [];
  const tmp = (): string => {
    const dir = mkdtempSync(join(tmpdir(), "custody-sqlite-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it("creates the signing key beside the database on first start, mode 0600, and keeps it", async () => {
    const dir = tmp();
    const ledger = await openLedger({ store: "sqlite", path: join(dir, "ledger.db") });
    const vkey = ledger.verifierKey;
    await ledger.close();
    const keyFile = join(dir, "ledger.key");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(parseSignerKey(readFileSync(keyFile, "utf8")).vkey).toBe(vkey);
    const again = await openLedger({ store: "sqlite", path: join(dir, "ledger.db") });
    expect(again.verifierKey).toBe(vkey);
    await again.close();
  });

  it("survives reopening: seqs continue and the tree stays verifiable", async () => {
    const path = join(tmp(), "ledger.db");
    const first = await openLedger({ store: "sqlite", path });
    await first.append([{ kind: "a", source: "cli", payload: 1 }]);
    await first.close();
    const second = await openLedger({ store: "sqlite", path });
    const [r] = await second.append([{ kind: "b", source: "cli", payload: 2 }]);
    expect(r?.event.seq).toBe(1);
    await second.close();
  });

  it("a database path that cannot be created is LEDGER_UNAVAILABLE", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "file"), "not a directory");
    let code: string | undefined;
    try {
      await openLedger({ store: "sqlite", path: join(dir, "file", "ledger.db") });
    } catch (error) {
      code = isCustodyError(error) ? error.code : String(error);
    }
    expect(code).toBe("LEDGER_UNAVAILABLE");
  });

  it("a file that is not a database is LEDGER_UNAVAILABLE", async () => {
    const path = join(tmp(), "ledger.db");
    writeFileSync(path, "this is not SQLite ".repeat(100));
    let code: string | undefined;
    try {
      await openLedger({ store: "sqlite", path });
    } catch (error) {
      code = isCustodyError(error) ? error.code : String(error);
    }
    expect(code).toBe("LEDGER_UNAVAILABLE");
  });

  it("appending after close is LEDGER_UNAVAILABLE", async () => {
    const ledger = await openLedger({ store: "sqlite", path: join(tmp(), "ledger.db") });
    await ledger.close();
    let code: string | undefined;
    try {
      await ledger.append([{ kind: "a", source: "cli", payload: 1 }]);
    } catch (error) {
      code = isCustodyError(error) ? error.code : String(error);
    }
    expect(code).toBe("LEDGER_UNAVAILABLE");
  });
});
