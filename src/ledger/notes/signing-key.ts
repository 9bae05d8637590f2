/**
 * Where the checkpoint signing key comes from: the configuration (a Go-note `PRIVATE+KEY+…`
 * text), or for the embedded default a key file beside the database, generated on first start
 * with mode 0600 so only the owner can read it. The key text is never logged or echoed.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { CustodyError } from "../../model/errors.js";
import type { NoteSigner } from "./note-keys.js";
import { generateSignerKey, parseSignerKey } from "./note-keys.js";

/** `.custody/ledger.db` → `.custody/ledger.key`. */
export function defaultKeyPath(databasePath: string): string {
  return join(dirname(databasePath), `${basename(databasePath, extname(databasePath))}.key`);
}

export function loadSigningKey(path: string): NoteSigner {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CustodyError(
      "FILE_NOT_FOUND",
      `The ledger signing key file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
      { cause: error },
    );
  }
  try {
    return parseSignerKey(text);
  } catch (error) {
    throw new CustodyError(
      "CONFIG_INVALID",
      `The ledger signing key file ${path} does not hold a signing key: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Loads the key at `path`, or creates one named `name` there (0600) when the file is absent. */
export function loadOrCreateSigningKey(path: string, name: string): NoteSigner {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const { skey } = generateSignerKey(name);
    // "wx": never overwrite a key another process created a moment ago.
    try {
      writeFileSync(path, `${skey}\n`, { mode: 0o600, flag: "wx" });
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new CustodyError("LEDGER_UNAVAILABLE", `Cannot create the ledger signing key file ${path}: ${(error as Error).message}.`, {
          cause: error,
        });
      }
    }
  }
  return loadSigningKey(path);
}
