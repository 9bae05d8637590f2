/**
 * C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint): the origin line, the tree size
 * in decimal, the root hash in base64, then optional extension lines, each ending in a newline.
 * Parsing is strict where the spec is (non-empty origin and extension lines, a plain decimal size,
 * canonical base64) and refuses sizes beyond 2^53 − 1, which a JavaScript number cannot hold
 * exactly. The root's length is checked by the caller, who knows the hash (the published vectors
 * use short placeholder roots).
 */
import { CustodyError } from "../../model/errors.js";
import { decodeBase64Strict } from "./note-keys.js";

export interface CheckpointBody {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  /** Extension lines, each with its newline ("" when none). */
  extensions: string;
}

export function formatCheckpointBody(origin: string, treeSize: number, rootHash: Buffer): string {
  return `${origin}\n${String(treeSize)}\n${rootHash.toString("base64")}\n`;
}

function bad(why: string): never {
  throw new CustodyError(
    "CHECKPOINT_INVALID",
    `The checkpoint is malformed: ${why}. A checkpoint body is three lines: origin, tree size, base64 root hash.`,
  );
}

export function parseCheckpointBody(text: string): CheckpointBody {
  if (!text.endsWith("\n")) {
    bad("it does not end with a newline");
  }
  const lines = text.slice(0, -1).split("\n");
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || sizeText === undefined || rootText === undefined) {
    bad("it has fewer than three lines");
  }
  if (origin.length === 0) {
    bad("the origin line is empty");
  }
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || sizeText.length > 16 || !Number.isSafeInteger(Number(sizeText))) {
    bad(`the tree size ${JSON.stringify(sizeText.slice(0, 40))} is not a decimal number up to 2^53 − 1`);
  }
  const rootHash = decodeBase64Strict(rootText);
  if (rootHash === undefined || rootHash.length === 0) {
    bad("the root hash is not base64");
  }
  if (extensions.some((line) => line.length === 0)) {
    bad("an extension line is empty");
  }
  return { origin, treeSize: Number(sizeText), rootHash, extensions: extensions.map((l) => `${l}\n`).join("") };
}
