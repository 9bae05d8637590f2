/**
 * C2SP signed notes (https://c2sp.org/signed-note), opened the way golang.org/x/mod/sumdb/note
 * does: the text, a blank line, then signature lines `— name base64(keyId || signature)`. Every
 * malformed note fails closed with CHECKPOINT_INVALID: control characters, a missing blank line,
 * a signature block without a final newline, a bad name, more than 100 signatures, a signature by
 * a known key that does not verify, or no signature by a known key at all. Signatures by unknown
 * keys are reported, not trusted.
 */
import { CustodyError } from "../../model/errors.js";
import type { NoteSigner, NoteVerifier } from "./note-keys.js";
import { decodeBase64Strict, hasLoneSurrogate, isValidKeyName } from "./note-keys.js";

const SIG_PREFIX = "\u2014 ";
/** Go's limit; C2SP requires accepting at least 16. */
const MAX_SIGNATURES = 100;

export interface OpenedNote {
  text: string;
  /** Names of the trusted keys whose signatures verified. */
  verified: string[];
  /** Names on signatures by keys we were not given. */
  unverified: string[];
}

function malformed(why: string): never {
  throw new CustodyError("CHECKPOINT_INVALID", `The signed note is malformed: ${why}.`);
}

/** Signs `text` (which must end in a newline and be valid note text) with each signer. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  if (!text.endsWith("\n")) {
    malformed("the text must end with a newline");
  }
  const message = Buffer.from(text, "utf8");
  const lines = signers.map((s) => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(s.keyId);
    return `${SIG_PREFIX}${s.name} ${Buffer.concat([id, s.sign(message)]).toString("base64")}\n`;
  });
  return `${text}\n${lines.join("")}`;
}

/** No ASCII control character except newline, and well-formed Unicode (Go: valid UTF-8). */
function checkText(note: string): void {
  if (hasLoneSurrogate(note)) {
    malformed("it is not valid UTF-8");
  }
  for (let i = 0; i < note.length; i++) {
    const c = note.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) {
      malformed(`it contains the control character 0x${c.toString(16).padStart(2, "0")}`);
    }
  }
}

/** Opens a note given as bytes, so invalid UTF-8 is seen and refused rather than replaced. */
export function openNoteBytes(bytes: Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    malformed("it is not valid UTF-8");
  }
  return openNote(text, verifiers);
}

export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  checkText(note);
  const split = note.lastIndexOf("\n\n");
  if (split < 0) {
    malformed("there is no blank line before the signatures");
  }
  const text = note.slice(0, split + 1);
  const sigBlock = note.slice(split + 2);
  if (sigBlock.length === 0 || !sigBlock.endsWith("\n")) {
    malformed("the signature block is empty or does not end with a newline");
  }
  const message = Buffer.from(text, "utf8");
  const verified: string[] = [];
  const unverified: string[] = [];
  const seen = new Set<string>();
  const lines = sigBlock.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) {
    malformed(`it has ${lines.length} signatures, more than ${MAX_SIGNATURES}`);
  }
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) {
      malformed("a line in the signature block is not a signature");
    }
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(" ");
    const name = space < 0 ? rest : rest.slice(0, space);
    const b64 = space < 0 ? "" : rest.slice(space + 1);
    const sig = decodeBase64Strict(b64);
    if (!isValidKeyName(name) || sig === undefined || sig.length < 5) {
      malformed(`the signature line for ${JSON.stringify(name)} is not \`— name base64\``);
    }
    const keyId = sig.readUInt32BE(0);
    const verifier = verifiers.find((v) => v.name === name && v.keyId === keyId);
    if (verifier === undefined) {
      if (!unverified.includes(name)) {
        unverified.push(name);
      }
      continue;
    }
    const key = `${name}+${String(keyId)}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (!verifier.verify(message, sig.subarray(4))) {
      throw new CustodyError(
        "CHECKPOINT_INVALID",
        `The signature by ${name} on the signed note does not verify: the note was altered or signed by another key.`,
      );
    }
    verified.push(name);
  }
  if (verified.length === 0) {
    throw new CustodyError(
      "CHECKPOINT_INVALID",
      `The signed note carries no signature by a trusted key${unverified.length > 0 ? ` (signed by: ${unverified.join(", ")})` : ""}.`,
    );
  }
  return { text, verified, unverified };
}
