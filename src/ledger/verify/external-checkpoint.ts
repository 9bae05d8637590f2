/**
 * A checkpoint seen outside the ledger's database — a note saved by `custody ledger checkpoint`
 * and kept elsewhere, or the latest one a witness cosigned — made ready for `verifyLedger`. Its
 * log signature must verify under the trusted key and its origin must be this ledger's: a
 * checkpoint that fails either says nothing about this ledger and is refused (CHECKPOINT_INVALID),
 * rather than reported as tampering.
 */
import { CustodyError } from "../../model/errors.js";
import { parseCheckpointBody } from "../notes/checkpoint-body.js";
import type { NoteVerifier } from "../notes/note-keys.js";
import { openNote } from "../notes/signed-note.js";
import type { ExternalCheckpoint } from "./verify-ledger.js";

export function externalCheckpoint(note: string, source: string, origin: string, verifiers: readonly NoteVerifier[]): ExternalCheckpoint {
  if (verifiers.length === 0) {
    throw new CustodyError("USAGE", `The ${source} cannot be checked: no verifier key was given (--key) or recorded in the ledger.`);
  }
  let body;
  try {
    body = parseCheckpointBody(openNote(note, verifiers).text);
  } catch (error) {
    throw new CustodyError(
      "CHECKPOINT_INVALID",
      `The ${source} is not a checkpoint signed by this log's key: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (body.origin !== origin) {
    throw new CustodyError(
      "CHECKPOINT_INVALID",
      `The ${source} is for the log ${JSON.stringify(body.origin)}, not this ledger (${JSON.stringify(origin)}).`,
    );
  }
  return { source, treeSize: body.treeSize, rootHash: body.rootHash };
}
