/**
 * Key material and self-contained tokens: PEM private keys (RSA, EC, DSA, PKCS#8, encrypted
 * PKCS#8, OpenSSH), PGP private key blocks, PuTTY PPK files, age identities and JWTs. PEM rules
 * are multi-line: the body may sit on many lines or on one line with `\n` escapes (JSON), so
 * the body class accepts both; the secret is the body, not the armour.
 */
import { ALNUM, BASE64, BASE64URL, sampleSecret as s } from "../sample-secret.js";
import { defineRule } from "./define-rule.js";

const BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/** A PEM block with `lines` base64 lines of 64 chars, joined by `newline`. */
const pem = (label: string, seed: string, newline = "\n", lines = 8): string =>
  [
    `-----BEGIN ${label}-----`,
    ...Array.from({ length: lines }, (_, i) => s(BASE64, 64, `${seed}-${String(i)}`)),
    `-----END ${label}-----`,
  ].join(newline);

/** One PEM rule: armour label in, multi-line rule out. Regex assembled from literal fragments. */
const pemRule = (id: string, label: string, what: string, keyword: string) =>
  defineRule({
    id,
    description: `${what} in PEM armour (BEGIN ${label}): whoever holds it can impersonate the key's owner.`,
    severity: "critical",
    keywords: [keyword],
    multiline: true,
    regex: new RegExp(
      String.raw`-----BEGIN ${label}-----(?:\s|\\[rn])*([A-Za-z0-9+/=][A-Za-z0-9+/=\s\\:,.-]{63,8192}?)(?:\s|\\[rn])*-----END ${label}-----`,
    ),
    entropy: 4,
    truePositives: [
      pem(label, id), // a key file
      `"private_key": "${pem(label, `${id}-json`, "\\n")}\\n"`, // escaped inside JSON (service-account files)
    ],
    falsePositives: [
      `-----BEGIN ${label}-----\n...\n-----END ${label}-----`, // elided in documentation
      `const HEADER = "-----BEGIN ${label}-----";`, // a parser constant, no body
    ],
  });

const jwtPart = (json: string): string => Buffer.from(json, "utf8").toString("base64url");

/** A JWT's first segment must decode to a JSON object naming an algorithm. */
function isJwtHeader(token: string): boolean {
  const header = token.split(".")[0] ?? "";
  try {
    const decoded: unknown = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
    return typeof decoded === "object" && decoded !== null && "alg" in decoded;
  } catch {
    return false;
  }
}

export const KEYS_AND_TOKENS_RULES = [
  pemRule("rsa-private-key", "RSA PRIVATE KEY", "RSA private key (PKCS#1)", "begin rsa private key"),
  pemRule("ec-private-key", "EC PRIVATE KEY", "Elliptic-curve private key (SEC 1)", "begin ec private key"),
  pemRule("dsa-private-key", "DSA PRIVATE KEY", "DSA private key", "begin dsa private key"),
  pemRule("pkcs8-private-key", "PRIVATE KEY", "PKCS#8 private key", "begin private key"),
  pemRule(
    "encrypted-private-key",
    "ENCRYPTED PRIVATE KEY",
    "Encrypted PKCS#8 private key (still crackable offline)",
    "begin encrypted private key",
  ),
  pemRule("openssh-private-key", "OPENSSH PRIVATE KEY", "OpenSSH private key", "begin openssh private key"),
  pemRule("pgp-private-key-block", "PGP PRIVATE KEY BLOCK", "PGP/GPG private key block", "begin pgp private key block"),
  defineRule({
    id: "putty-private-key",
    description: "PuTTY private key file (PPK v2/v3): SSH access as the key's owner.",
    severity: "critical",
    keywords: ["putty-user-key-file-"],
    multiline: true,
    regex:
      /PuTTY-User-Key-File-[23]:[\s\S]{0,4096}?Private-Lines:[ \t]*\d+\s*([A-Za-z0-9+/=][A-Za-z0-9+/=\s]{63,8192}?)\s*Private-(?:MAC|Hash):/,
    entropy: 4,
    truePositives: [
      [
        "PuTTY-User-Key-File-3: ssh-ed25519",
        "Encryption: none",
        "Comment: deploy@ci",
        "Public-Lines: 2",
        s(BASE64, 64, "ppk-1"),
        s(BASE64, 20, "ppk-2"),
        "Private-Lines: 2",
        s(BASE64, 64, "ppk-3"),
        s(BASE64, 24, "ppk-4"),
        `Private-MAC: ${s("0123456789abcdef", 64, "ppk-5")}`,
      ].join("\n"),
    ],
    falsePositives: ["PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\n<redacted>\nPrivate-MAC: 00"],
  }),
  defineRule({
    id: "age-secret-key",
    description: "age encryption identity (AGE-SECRET-KEY-1…): decrypts every file encrypted to it.",
    severity: "critical",
    keywords: ["age-secret-key-1"],
    regex: /(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})/,
    entropy: 3,
    truePositives: [`# created: 2024-01-01\nAGE-SECRET-KEY-1${s(BECH32, 58, "age-1").toUpperCase()}`],
    falsePositives: [`AGE-SECRET-KEY-1${s(BECH32, 20, "age-2").toUpperCase()}`, `AGE-SECRET-KEY-1${s(BECH32, 58, "age-3")}`], // short; lower case is not the armour
  }),
  defineRule({
    id: "jwt",
    description: "JSON Web Token: a bearer credential until it expires (and forever if it never does).",
    severity: "medium",
    keywords: ["eyj"],
    regex: /\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.(?:[a-zA-Z0-9/\\_-]{10,}={0,2})?)(?:['|"\x60\s;,)]|\\[nr]|$)/m,
    entropy: 3,
    validate: (secret) => isJwtHeader(secret),
    truePositives: [
      `Authorization: Bearer ${jwtPart('{"alg":"HS256","typ":"JWT"}')}.${jwtPart(`{"sub":"${s(ALNUM, 12, "jwt-1")}","iat":1700000000}`)}.${s(BASE64URL, 43, "jwt-2")}`,
    ],
    falsePositives: [
      // Two base64url segments whose first does not decode to a JOSE header.
      `${jwtPart('{"kid":"none","use":"sig"}')}.${jwtPart('{"sub":"x","name":"someone"}')}.${s(BASE64URL, 43, "jwt-3")}`,
    ],
  }),
] as const;
