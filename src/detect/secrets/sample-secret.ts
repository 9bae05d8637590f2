/**
 * Deterministic sample secrets for the rules' true/false-positive samples. Samples are generated
 * from a seed when the table loads (the gitleaks habit of `secrets.NewSecret`), so no
 * real-looking credential is committed in clear, and every run sees the same strings.
 * The generator is a small seeded PRNG (sfc32 seeded by an FNV-1a hash of the seed); it is NOT
 * cryptographic and must never be used to make real keys.
 */

export const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const LOWER = "abcdefghijklmnopqrstuvwxyz";
export const DIGITS = "0123456789";
export const HEX = "0123456789abcdef";
export const ALNUM = UPPER + LOWER + DIGITS;
export const LOWER_ALNUM = LOWER + DIGITS;
export const UPPER_ALNUM = UPPER + DIGITS;
export const BASE64 = ALNUM + "+/";
export const BASE64URL = ALNUM + "-_";
/** RFC 4648 base32 (AWS key ids use it). */
export const BASE32 = UPPER + "234567";

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** `length` characters drawn from `alphabet`, the same for the same seed. */
export function sampleSecret(alphabet: string, length: number, seed: string): string {
  const next = sfc32(fnv1a(seed), fnv1a(`${seed}#1`), fnv1a(`${seed}#2`), fnv1a(`${seed}#3`));
  // Warm up: the first outputs of sfc32 correlate with the seed words.
  for (let i = 0; i < 12; i++) {
    next();
  }
  let out = "";
  for (let i = 0; i < length; i++) {
    out += alphabet.charAt(Math.floor(next() * alphabet.length));
  }
  return out;
}
