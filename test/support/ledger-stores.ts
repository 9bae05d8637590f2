/**
 * The two store factories the shared ledger test suite runs over: SQLite in a temporary
 * directory, PostgreSQL at 127.0.0.1:5432 (database `test`) in a fresh schema dropped afterwards.
 * `sql` runs raw SQL against the store's tables (`{t}` stands for the table prefix, `?` for a
 * parameter), which is how the tamper tests edit the database behind the ledger's back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { generateSignerKey } from "../../src/ledger/notes/note-keys.js";
import type { CustodyLedger, LedgerConfig, LedgerOptions } from "../../src/ledger/open-ledger.js";
import { openLedger } from "../../src/ledger/open-ledger.js";
import { PostgresStore } from "../../src/ledger/stores/postgres-store.js";
import { SqliteStore } from "../../src/ledger/stores/sqlite-store.js";

export const PG_URL = process.env.CUSTODY_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface StoreHarness {
  name: "sqlite" | "postgres";
  config: LedgerConfig;
  /** The signing key the harness configures (PostgreSQL has no key file of its own). */
  vkey: string | undefined;
  open(options?: LedgerOptions): Promise<CustodyLedger>;
  sql(ledger: CustodyLedger, text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

/** The raw SQLite handle of a ledger, for tests that edit the file behind the ledger's back. */
export function sqliteDatabase(ledger: CustodyLedger): SqliteStore["database"] {
  if (!(ledger.store instanceof SqliteStore)) {
    throw new TypeError("not a SQLite ledger");
  }
  return ledger.store.database;
}

export type HarnessFactory = () => StoreHarness;

function sqliteHarness(): StoreHarness {
  const dir = mkdtempSync(join(tmpdir(), "custody-ledger-"));
  const config: LedgerConfig = { store: "sqlite", path: join(dir, "ledger.db") };
  return {
    name: "sqlite",
    config,
    vkey: undefined,
    open: (options) => openLedger(config, options),
    sql: (ledger, text, params = []) => {
      const statement = sqliteDatabase(ledger).prepare(text.replaceAll("{t}", ""));
      if (statement.reader) {
        return Promise.resolve(statement.all(...params) as Record<string, unknown>[]);
      }
      statement.run(...params);
      return Promise.resolve([]);
    },
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

let counter = 0;

export function postgresHarness(): StoreHarness {
  counter += 1;
  const schema = `custody_test_${String(process.pid)}_${Date.now().toString(36)}_${String(counter)}`;
  // A per-harness application name, so a test can drop exactly its own connections and no one else's.
  const config: LedgerConfig = { store: "postgres", connectionString: `${PG_URL}?application_name=${schema}`, schema };
  const key = generateSignerKey("custody.test/pg-ledger");
  return {
    name: "postgres",
    config,
    vkey: key.vkey,
    open: (options) => openLedger(config, { signingKey: key.skey, ...options }),
    sql: async (ledger, text, params = []) => {
      let n = 0;
      const sql = text.replaceAll("{t}", `"${schema}".`).replace(/\?/g, () => `$${String(++n)}`);
      if (!(ledger.store instanceof PostgresStore)) {
        throw new TypeError("not a PostgreSQL ledger");
      }
      return await ledger.store.unsafeQuery(sql, params);
    },
    dispose: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

export const STORE_HARNESSES: [string, HarnessFactory][] = [
  ["sqlite", sqliteHarness],
  ["postgres", postgresHarness],
];
