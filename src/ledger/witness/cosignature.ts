/**
 * C2SP tlog-cosignature, Ed25519 type (https://c2sp.org/tlog-cosignature): a witness's note
 * signature over `cosignature/v1\ntime <T>\n` followed by the checkpoint body, carried as
 * `base64(keyId || u64 big-endian T || Ed25519 signature)`. The key id is
 * SHA-256(name || 0x0A || 0x04 || public key)[:4]; keys use the Go note text formats with the
 * algorithm byte 0x04 (`name+id+base64(0x04 || key)`, signing keys prefixed `PRIVATE+KEY+`).
 * A cosignature verifier is an ordinary NoteVerifier, so `openNote` checks cosigned checkpoints.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify } from "node:crypto";
import { CustodyError } from "../../model/errors.js";
import type { NoteVerifier } from "../notes/note-keys.js";
import { decodeBase64Strict, isValidKeyName } from "../notes/note-keys.js";

const ALG_COSIGNATURE_V1 = 0x04;
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export interface Cosigner {
  name: string;
  keyId: number;
  /** The witness's verifier key text (`name+id+base64(0x04 || public key)`). */
  vkey: string;
  /** The note signature line (with its newline) cosigning `body` (a checkpoint note's text) at `time` (POSIX seconds). */
  cosign(body: string, time: number): string;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, "0");

function keyId(name: string, publicKey: Buffer): number {
  return hash(
    "sha256",
    Buffer.concat([Buffer.from(name, "utf8"), Buffer.from([0x0a, ALG_COSIGNATURE_V1]), publicKey]),
    "buffer",
  ).readUInt32BE(0);
}

function bad(kind: string, why: string): never {
  // Never echo a private key: name the kind of key and the problem only.
  throw new CustodyError(
    "CHECKPOINT_INVALID",
    `The witness ${kind} key is malformed: ${why}. Expected \`name+keyid+base64\` with algorithm byte 0x04 (C2SP tlog-cosignature).`,
  );
}

function fields(kind: string, text: string): { name: string; id: number; key: Buffer } {
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) {
    bad(kind, "it must have three fields separated by '+'");
  }
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, second);
  const key = decodeBase64Strict(text.slice(second + 1));
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex) || key === undefined) {
    bad(kind, "bad name, key id or base64");
  }
  if (key.length !== 33 || key[0] !== ALG_COSIGNATURE_V1) {
    bad(kind, "it is not a 32-byte Ed25519 key with algorithm byte 0x04");
  }
  return { name, id: Number.parseInt(idHex, 16), key: key.subarray(1) };
}

/** The signed message: header line, timestamp line, then the checkpoint body with its final newline. */
function message(body: string, time: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${String(time)}\n${body}`, "utf8");
}

function cosignerFromSeed(name: string, seed: Buffer): Cosigner {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
  const publicKey = Buffer.from(createPublicKey(privateKey).export({ format: "jwk" }).x ?? "", "base64url");
  const id = keyId(name, publicKey);
  const idBytes = Buffer.alloc(4);
  idBytes.writeUInt32BE(id);
  return {
    name,
    keyId: id,
    vkey: `${name}+${hex8(id)}+${Buffer.concat([Buffer.from([ALG_COSIGNATURE_V1]), publicKey]).toString("base64")}`,
    cosign: (body, time) => {
      const stamp = Buffer.alloc(8);
      stamp.writeBigUInt64BE(BigInt(time));
      const signature = sign(null, message(body, time), privateKey);
      return `\u2014 ${name} ${Buffer.concat([idBytes, stamp, signature]).toString("base64")}\n`;
    },
  };
}

export function parseCosignerKey(skey: string): Cosigner {
  const text = skey.trim();
  if (!text.startsWith("PRIVATE+KEY+")) {
    bad("signing", "it must start with PRIVATE+KEY+");
  }
  const { name, id, key } = fields("signing", text.slice("PRIVATE+KEY+".length));
  const cosigner = cosignerFromSeed(name, key);
  if (cosigner.keyId !== id) {
    bad("signing", "the key id does not match the name and key");
  }
  return cosigner;
}

export function generateCosignerKey(name: string): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) {
    bad("signing", `the name ${JSON.stringify(name)} is empty or contains a space or '+'`);
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  const seed = Buffer.from(privateKey.export({ format: "jwk" }).d ?? "", "base64url");
  const cosigner = cosignerFromSeed(name, seed);
  return {
    skey: `PRIVATE+KEY+${name}+${hex8(cosigner.keyId)}+${Buffer.concat([Buffer.from([ALG_COSIGNATURE_V1]), seed]).toString("base64")}`,
    vkey: cosigner.vkey,
  };
}

/** A verifier of a witness's cosignatures, for `openNote`: the note text is the checkpoint body. */
export function cosignatureVerifier(vkey: string): NoteVerifier {
  const { name, id, key } = fields("verifier", vkey.trim());
  if (keyId(name, key) !== id) {
    bad("verifier", "the key id does not match the name and public key");
  }
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, key]), format: "der", type: "spki" });
  return {
    name,
    keyId: id,
    verify: (body, signature) => {
      if (signature.length !== 8 + 64) {
        return false;
      }
      const time = signature.readBigUInt64BE(0);
      if (time > 2n ** 63n - 1n) {
        return false;
      }
      return verify(null, message(body.toString("utf8"), Number(time)), publicKey, signature.subarray(8));
    },
  };
}
