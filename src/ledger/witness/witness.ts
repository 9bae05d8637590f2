/**
 * A C2SP tlog-witness (https://c2sp.org/tlog-witness): for each log it is configured with (origin
 * → the log's verifier keys) it remembers the latest checkpoint it cosigned, and cosigns a new one
 * only when a consistency proof shows it extends that one. The answers are the protocol's: 404
 * unknown origin, 403 no trusted log signature, 400 malformed or old size above the new size,
 * 409 (with `text/x.tlog.size` and the size it holds) when the old size is not its latest — a
 * client behind, or a rollback — or when the same size comes with another root (a fork), 422 when
 * the proof does not verify, 200 with the cosignature line otherwise.
 *
 * The state is one SQLite file; checking the old size and recording the new checkpoint happen in
 * one `BEGIN IMMEDIATE` transaction, so two racing submissions can never roll the record back
 * (the race the spec describes), and the record is durable before the answer.
 */
import { ensurePrivateFile } from "../data-files.js";
import Database from "better-sqlite3";
import { CustodyError } from "../../model/errors.js";
import { parseCheckpointBody } from "../notes/checkpoint-body.js";
import type { NoteVerifier } from "../notes/note-keys.js";
import { decodeBase64Strict } from "../notes/note-keys.js";
import { openNote } from "../notes/signed-note.js";
import { HASH_SIZE, hashesEqual } from "../merkle/merkle-hash.js";
import { verifyConsistency } from "../merkle/merkle-verify.js";
import type { Cosigner } from "./cosignature.js";

export interface WitnessAnswer {
  status: 200 | 400 | 403 | 404 | 409 | 422;
  contentType: string;
  body: string;
}

/** The latest checkpoint a witness cosigned for a log, with its cosignature appended. */
export interface WitnessedCheckpoint {
  origin: string;
  treeSize: number;
  note: string;
}

const MAX_PROOF_LINES = 63;
const TEXT = "text/plain; charset=utf-8";

function answer(status: WitnessAnswer["status"], body: string, contentType = TEXT): WitnessAnswer {
  return { status, contentType, body: body.endsWith("\n") ? body : `${body}\n` };
}

/** Splits an add-checkpoint body: `old N`, proof lines, a blank line, the checkpoint note. */
function parseRequest(text: string): { oldSize: number; proof: Buffer[]; note: string } | string {
  const lines: string[] = [];
  let at = 0;
  for (;;) {
    const end = text.indexOf("\n", at);
    if (end < 0) {
      return "the body must be an old size line, proof lines and a blank line, then the checkpoint";
    }
    const line = text.slice(at, end);
    at = end + 1;
    if (line === "") {
      break;
    }
    lines.push(line);
    if (lines.length > MAX_PROOF_LINES + 1) {
      return `more than ${String(MAX_PROOF_LINES)} consistency proof lines`;
    }
  }
  const old = /^old (0|[1-9][0-9]{0,15})$/.exec(lines[0] ?? "");
  if (old?.[1] === undefined || !Number.isSafeInteger(Number(old[1]))) {
    return "the first line must be `old <size>` (decimal, no leading zeros)";
  }
  const proof: Buffer[] = [];
  for (const line of lines.slice(1)) {
    const hash = decodeBase64Strict(line);
    if (hash === undefined || hash.length !== HASH_SIZE) {
      return "a consistency proof line is not a base64 SHA-256 hash";
    }
    proof.push(hash);
  }
  return { oldSize: Number(old[1]), proof, note: text.slice(at) };
}

export class Witness {
  private readonly db: Database.Database;
  private readonly read: Database.Statement;
  private readonly write: Database.Statement;

  private constructor(
    db: Database.Database,
    private readonly cosigner: Cosigner,
    private readonly logs: ReadonlyMap<string, readonly NoteVerifier[]>,
    private readonly clock: () => number,
  ) {
    this.db = db;
    this.read = db.prepare("SELECT size, root, note FROM witnessed WHERE origin = ?");
    this.write = db.prepare(
      "INSERT INTO witnessed (origin, size, root, note, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, note = excluded.note, updated_at = excluded.updated_at",
    );
  }

  /** `logs`: origin → the verifier keys trusted for it. `clock`: POSIX seconds (tests). */
  static open(
    path: string,
    cosigner: Cosigner,
    logs: ReadonlyMap<string, readonly NoteVerifier[]>,
    clock: () => number = () => Math.floor(Date.now() / 1000),
  ): Witness {
    try {
      ensurePrivateFile(path);
      const db = new Database(path);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.pragma("busy_timeout = 5000");
      db.exec(
        "CREATE TABLE IF NOT EXISTS witnessed (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL, updated_at TEXT NOT NULL)",
      );
      return new Witness(db, cosigner, logs, clock);
    } catch (error) {
      throw new CustodyError(
        "LEDGER_UNAVAILABLE",
        `The witness state ${path} cannot be opened: ${error instanceof Error ? error.message : String(error)}.`,
        { cause: error },
      );
    }
  }

  get vkey(): string {
    return this.cosigner.vkey;
  }

  /** The add-checkpoint call. */
  addCheckpoint(requestBody: string): WitnessAnswer {
    const request = parseRequest(requestBody);
    if (typeof request === "string") {
      return answer(400, request);
    }
    const origin = request.note.slice(0, Math.max(0, request.note.indexOf("\n")));
    const verifiers = this.logs.get(origin);
    if (verifiers === undefined) {
      return answer(404, `unknown log origin ${JSON.stringify(origin)}`);
    }
    let body;
    let text: string;
    try {
      text = openNote(request.note, verifiers).text;
      body = parseCheckpointBody(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return answer(/no signature by a trusted key/.test(message) ? 403 : 400, message);
    }
    if (body.rootHash.length !== HASH_SIZE) {
      return answer(400, "the checkpoint's root hash is not 32 bytes");
    }
    if (request.oldSize > body.treeSize) {
      return answer(400, `old size ${String(request.oldSize)} is above the checkpoint's size ${String(body.treeSize)}`);
    }
    const cosigned = this.db
      .transaction((): WitnessAnswer => {
        const latest = this.read.get(origin) as { size: number; root: Buffer; note: string } | undefined;
        const latestSize = latest?.size ?? 0;
        if (request.oldSize !== latestSize) {
          return answer(409, String(latestSize), "text/x.tlog.size");
        }
        if (latest !== undefined && request.oldSize === body.treeSize) {
          if (!hashesEqual(latest.root, body.rootHash)) {
            return answer(409, String(latestSize), "text/x.tlog.size");
          }
        } else if (request.oldSize === 0) {
          if (request.proof.length > 0) {
            return answer(422, "the consistency proof must be empty from size 0");
          }
        } else if (
          latest === undefined ||
          !verifyConsistency({
            size1: request.oldSize,
            size2: body.treeSize,
            root1: latest.root,
            root2: body.rootHash,
            proof: request.proof,
          })
        ) {
          return answer(422, `the consistency proof from size ${String(request.oldSize)} to ${String(body.treeSize)} does not verify`);
        }
        const line = this.cosigner.cosign(text, this.clock());
        this.write.run(origin, body.treeSize, body.rootHash, `${request.note}${line}`, new Date().toISOString());
        return answer(200, line);
      })
      .immediate();
    return cosigned;
  }

  /** The latest checkpoint cosigned for `origin`, with every signature it carries. */
  latest(origin: string): WitnessedCheckpoint | undefined {
    const row = this.read.get(origin) as { size: number; note: string } | undefined;
    return row === undefined ? undefined : { origin, treeSize: row.size, note: row.note };
  }

  close(): void {
    this.db.close();
  }
}
