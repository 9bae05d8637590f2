/**
 * Options every ledger command shares (`--ledger`, `--database-url`, `--schema`, `--key`), and
 * how a `--key` value becomes trusted verifiers: a verifier key text, or a file holding one (or a
 * signing key, whose public half is used).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { DATABASE_URL_ENV, DEFAULT_LEDGER_PATH } from "../ledger/ledger-location.js";
import type { NoteVerifier } from "../ledger/notes/note-keys.js";
import { parseSignerKey, parseVerifierKey } from "../ledger/notes/note-keys.js";
import { SIGNING_KEY_ENV, SIGNING_KEY_FILE_ENV, signingKeySource, type SigningKeySource } from "../ledger/notes/key-source.js";
import { readInputFile } from "./read-input-file.js";

export interface LedgerCliOptions {
  ledger?: string;
  databaseUrl?: string;
  schema?: string;
  key?: string;
  signingKeyFile?: string;
}

export function addLedgerOptions(command: Command): Command {
  return command
    .option("--ledger <path>", `SQLite ledger file (default: ${DEFAULT_LEDGER_PATH})`)
    .option("--database-url <url>", `PostgreSQL ledger, postgres://… (env: ${DATABASE_URL_ENV})`)
    .option("--schema <name>", "PostgreSQL schema of the ledger (default: custody)")
    .option(
      "--signing-key-file <path>",
      `checkpoint signing key (PRIVATE+KEY+…), kept outside the data directory (env: ${SIGNING_KEY_FILE_ENV}, or the key text in ${SIGNING_KEY_ENV}); SQLite default: beside the database`,
    );
}

/** The signing key the options and environment configure, for `openLedger`. */
export function signingKeyFromOptions(
  options: LedgerCliOptions,
  io: { cwd: string; env: Record<string, string | undefined> },
): SigningKeySource {
  return signingKeySource(options.signingKeyFile, io);
}

/** `--key`: a vkey text (`name+id+base64`) or a file with a vkey or a `PRIVATE+KEY+…` skey. */
export function verifiersFromKeyOption(key: string, cwd: string = process.cwd()): NoteVerifier[] {
  const path = resolve(cwd, key);
  const text = existsSync(path) ? readInputFile(path, "key file").trim() : key.trim();
  if (text.startsWith("PRIVATE+KEY+")) {
    return [parseVerifierKey(parseSignerKey(text).vkey)];
  }
  return [parseVerifierKey(text)];
}
