/**
 * Keys for C2SP signed notes, in the text formats of golang.org/x/mod/sumdb/note (which C2SP
 * signed-note codifies): a verifier key `name+hexKeyId+base64(0x01 || ed25519 public key)` and a
 * signer key `PRIVATE+KEY+name+hexKeyId+base64(0x01 || ed25519 seed)`. The key id is
 * SHA-256(name || 0x0A || 0x01 || public key)[:4] (C2SP signed-note, "Ed25519"). Parsing fails
 * closed: a wrong id, an unknown algorithm byte or a bad length is a CHECKPOINT_INVALID error.
 * Also a verifier for Rekor v1 checkpoints (ECDSA P-256, key id = SHA-256(SPKI DER)[:4]).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { CustodyError } from "../../model/errors.js";

/** C2SP signed-note signature type of Ed25519. */
const ALG_ED25519 = 0x01;
/** DER prefixes that wrap a raw 32-byte Ed25519 seed / public key (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export interface NoteVerifier {
  name: string;
  keyId: number;
  verify(message: Buffer, signature: Buffer): boolean;
}

export interface NoteSigner {
  name: string;
  keyId: number;
  sign(message: Buffer): Buffer;
  /** The matching verifier key text (`name+id+base64`). */
  vkey: string;
}

/**
 * A key name: non-empty, no whitespace, no '+'. C2SP forbids the '+' because it separates the
 * fields of a key; whitespace would break the signature line.
 */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !hasLoneSurrogate(name);
}

/** In a `u` regex a surrogate class matches only unpaired halves: text that has no UTF-8 form. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDFFF]/u.test(text);
}

/** Strict standard base64: only the alphabet, correct padding, canonical (re-encodes identically). */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    return undefined;
  }
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}

function ed25519KeyId(name: string, publicKey: Buffer): number {
  return hash("sha256", Buffer.concat([Buffer.from(name, "utf8"), Buffer.from([0x0a, ALG_ED25519]), publicKey]), "buffer").readUInt32BE(0);
}

const hex8 = (n: number): string => n.toString(16).padStart(8, "0");

function badKey(kind: string, why: string): never {
  // Never echo a private key back: name the kind of key and the problem only.
  throw new CustodyError(
    "CHECKPOINT_INVALID",
    `The ${kind} key is malformed: ${why}. Expected the Go note format, for example \`PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW\` for a verifier key.`,
  );
}

/** Splits `name+hexid+base64` and checks the id against the key (shared by vkeys and skeys). */
function parseKeyFields(kind: string, text: string): { name: string; keyId: number; key: Buffer } {
  // Only the first two '+' separate fields: base64 itself may contain '+'.
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) {
    badKey(kind, "it must have three fields separated by '+': name, key id, key");
  }
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, second);
  const keyB64 = text.slice(second + 1);
  if (!isValidKeyName(name)) {
    badKey(kind, "the name is empty or contains a space or '+'");
  }
  if (!/^[0-9a-f]{8}$/.test(idHex)) {
    badKey(kind, "the key id must be 8 lowercase hexadecimal digits");
  }
  const key = decodeBase64Strict(keyB64);
  if (key === undefined || key.length === 0) {
    badKey(kind, "the key is not valid base64");
  }
  if (key[0] !== ALG_ED25519) {
    badKey(kind, `the algorithm byte 0x${(key[0] ?? 0).toString(16)} is not Ed25519 (0x01)`);
  }
  if (key.length !== 33) {
    badKey(kind, "an Ed25519 key must be 32 bytes after the algorithm byte");
  }
  return { name, keyId: Number.parseInt(idHex, 16), key: key.subarray(1) };
}

export function parseVerifierKey(vkey: string): NoteVerifier {
  const { name, keyId, key } = parseKeyFields("verifier", vkey.trim());
  if (ed25519KeyId(name, key) !== keyId) {
    badKey("verifier", "the key id does not match the name and public key");
  }
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, key]), format: "der", type: "spki" });
  return { name, keyId, verify: (message, signature) => signature.length === 64 && verify(null, message, publicKey, signature) };
}

function signerFromSeed(name: string, seed: Buffer): NoteSigner {
  const privateKey: KeyObject = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
  const publicKey = Buffer.from(createPublicKey(privateKey).export({ format: "jwk" }).x ?? "", "base64url");
  const keyId = ed25519KeyId(name, publicKey);
  return {
    name,
    keyId,
    // Ed25519 (RFC 8032) is deterministic: the same key and text always give the same signature.
    sign: (message) => sign(null, message, privateKey),
    vkey: `${name}+${hex8(keyId)}+${Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]).toString("base64")}`,
  };
}

export function parseSignerKey(skey: string): NoteSigner {
  const text = skey.trim();
  if (!text.startsWith("PRIVATE+KEY+")) {
    badKey("signing", "it must start with PRIVATE+KEY+");
  }
  const { name, keyId, key } = parseKeyFields("signing", text.slice("PRIVATE+KEY+".length));
  const signer = signerFromSeed(name, key);
  if (signer.keyId !== keyId) {
    badKey("signing", "the key id does not match the name and key");
  }
  return signer;
}

/** A fresh Ed25519 key pair for `name`, as skey and vkey texts. */
export function generateSignerKey(name: string): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) {
    badKey("signing", `the name ${JSON.stringify(name)} is empty or contains a space or '+'`);
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  const seed = Buffer.from(privateKey.export({ format: "jwk" }).d ?? "", "base64url");
  const signer = signerFromSeed(name, seed);
  const skey = `PRIVATE+KEY+${name}+${hex8(signer.keyId)}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString("base64")}`;
  return { skey, vkey: signer.vkey };
}

/**
 * Rekor v1 signs its checkpoints with ECDSA P-256 and names the key by SHA-256 of its DER
 * SubjectPublicKeyInfo (its log id), not by the C2SP Ed25519 formula.
 */
export function ecdsaVerifier(name: string, spkiDer: Buffer): NoteVerifier {
  const publicKey = createPublicKey({ key: spkiDer, format: "der", type: "spki" });
  return {
    name,
    keyId: hash("sha256", spkiDer, "buffer").readUInt32BE(0),
    verify: (message, signature) => {
      try {
        return verify("sha256", message, publicKey, signature);
      } catch {
        // A signature that is not even DER is simply not valid.
        return false;
      }
    },
  };
}
