/**
 * Which ledger a command means: `--database-url` (or CUSTODY_DATABASE_URL) for PostgreSQL, else
 * `--ledger PATH` (default `.custody/ledger.db`, relative to the working directory) for SQLite.
 * Commands that only read (verify, proof, status) refuse a SQLite path that does not exist,
 * rather than creating an empty ledger and calling it intact.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { CustodyError } from "../model/errors.js";
import type { LedgerConfig } from "./open-ledger.js";

export const DEFAULT_LEDGER_PATH = ".custody/ledger.db";
export const DATABASE_URL_ENV = "CUSTODY_DATABASE_URL";

export interface LedgerLocationOptions {
  ledger?: string;
  databaseUrl?: string;
  schema?: string;
}

export function resolveLedgerConfig(
  options: LedgerLocationOptions,
  io: { cwd: string; env: Record<string, string | undefined> },
  mustExist: boolean,
): LedgerConfig {
  const url = options.databaseUrl ?? (options.ledger === undefined ? io.env[DATABASE_URL_ENV] : undefined);
  if (url !== undefined && url !== "") {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new CustodyError("USAGE", "The database URL must start with postgres:// or postgresql://.");
    }
    return options.schema === undefined
      ? { store: "postgres", connectionString: url }
      : { store: "postgres", connectionString: url, schema: options.schema };
  }
  const path = resolve(io.cwd, options.ledger ?? DEFAULT_LEDGER_PATH);
  if (mustExist && !existsSync(path)) {
    throw new CustodyError(
      "FILE_NOT_FOUND",
      `No ledger at ${path}. Pass --ledger PATH (default ${DEFAULT_LEDGER_PATH}) or --database-url postgres://… (env ${DATABASE_URL_ENV}).`,
      { position: { file: path } },
    );
  }
  return { store: "sqlite", path };
}
