/**
 * Catch-alls for credentials without a recognisable format: a high-entropy value assigned to a
 * secret-sounding name (`api_key: …`, `SECRET_TOKEN=…`, `"client_secret": "…"`), a quoted
 * password, and bearer/basic credentials in Authorization headers. They are `generic`: when a
 * specific rule matches the same bytes, only the specific finding is reported. The name and
 * value filters follow gitleaks' generic-api-key allowlist (ids, names, URLs, lengths and other
 * non-secret companions of secret words), written again as literal regexes.
 */
import { ALNUM, BASE64URL, HEX, sampleSecret as s } from "../sample-secret.js";
import { isPlaceholder } from "../allowlist.js";
import { defineRule } from "./define-rule.js";

/** Names that contain a secret word but hold something else (ids, names, lengths, URLs…). */
const NOT_A_SECRET_NAME_ANYWHERE =
  /csrf|xsrf|public|pubkey|author|oauth[_.-]?(?:url|uri)|keyword|usersecretsid|secretsmanager|keyvault|jsonwebtoken|hashed|digest|checksum|fingerprint/i;
const NOT_A_SECRET_NAME_SUFFIX =
  /[_.-]?(?:id|ids|name|names|url|uri|endpoint|path|file|length|len|size|type|version|format|ref|header|field|label|prefix|expires?|expiry|expiration|ttl|timeout|count|max|min|enabled|mode|env|kind|hash|index|arn|provider|store|policy|source|location|config|hint|placeholder|pattern|regex|schema|algorithm|alg|method|scope|scopes|template|var|variable)$/i;
const isNotASecretName = (name: string): boolean => NOT_A_SECRET_NAME_ANYWHERE.test(name) || NOT_A_SECRET_NAME_SUFFIX.test(name);
/** Values that are code, not literals: member expressions (`process.env.API_KEY`, `this.secret`). */
const MEMBER_EXPRESSION = /^(?:[A-Za-z_$][\w$]{0,40}\.)+[A-Za-z_$][\w$]{0,40}$/;

function looksLikeSecretValue(value: string): boolean {
  return /\d/.test(value) && /[A-Za-z]/.test(value) && !MEMBER_EXPRESSION.test(value) && !isPlaceholder(value);
}

const COMMON_PASSWORDS = new Set([
  "password",
  "password1",
  "password123",
  "changeme",
  "secret",
  "letmein",
  "admin123",
  "12345678",
  "qwerty123",
]);

export const GENERIC_RULES = [
  defineRule({
    id: "generic-api-key",
    description: "High-entropy value assigned to a secret-sounding name (api_key, secret, token, credentials…).",
    keywords: [
      "api_key",
      "apikey",
      "api-key",
      "secret",
      "token",
      "credential",
      "creds",
      "auth",
      "access_key",
      "private_key",
      "signing_key",
      "encryption_key",
      "master_key",
    ],
    generic: true,
    regex:
      /([A-Za-z0-9_.-]{0,40}?(?:api[_.-]?key|apikey|secret|token|credentials?|creds|auth[_.-]?key|access[_.-]?key|private[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|auth)[A-Za-z0-9_.-]{0,20})["'\]]?\s*(?::=|=>|\?=|\|\|=|=|:)\s*["'\x60]?([A-Za-z0-9_.~+/=-]{12,150})(?![A-Za-z0-9_.~+/=(-])/i,
    secretGroup: 2,
    entropy: 3.5,
    validate: (secret, match) => !isNotASecretName(match[1] ?? "") && looksLikeSecretValue(secret),
    truePositives: [
      `"client_secret" : "${s(HEX, 64, "gen-1")}",`, // JSON config
      `SECRET_TOKEN=${s(ALNUM, 32, "gen-2")}`, // .env
      `api_key: ${s(BASE64URL, 40, "gen-3")}`, // YAML
      `const stripeSecret = '${s(ALNUM, 30, "gen-4")}';`, // JS constant
      `"user_auth": "${s(ALNUM, 40, "gen-7")}=="`, // an auth blob
    ],
    falsePositives: [
      "api_key = process.env.API_KEY", // read from the environment
      `secret_name = "${s(ALNUM, 20, "gen-5")}"`, // a name, not a secret
      `csrf-token=${s(ALNUM, 40, "gen-6")}`, // CSRF token, public by design
      "token_url = https://auth.example.org/token", // a URL
      "api_key = getApiKeyFromVault(1234567890123)", // a call
      `SECRET_TOKEN=${"ab".repeat(10)}1`, // low entropy
      "api_key = ${API_KEY}", // template variable
    ],
  }),
  defineRule({
    id: "generic-password",
    description: "Quoted literal assigned to a password-named variable.",
    keywords: ["password", "passwd", "pwd", "passphrase"],
    generic: true,
    regex:
      /([A-Za-z0-9_.-]{0,40}?(?:password|passwd|pwd|passphrase)[A-Za-z0-9_.-]{0,20})["'\]]?\s*(?::=|=>|\?=|=|:)\s*(["'\x60])([^\s"'\x60]{8,100})\2/i,
    secretGroup: 3,
    entropy: 3,
    validate: (secret, match) =>
      !isNotASecretName(match[1] ?? "") &&
      !/(?:reset|forgot|confirm|new|old|show|hide|min|max)[_-]?pass/i.test(match[1] ?? "") &&
      !COMMON_PASSWORDS.has(secret.toLowerCase()) &&
      !isPlaceholder(secret) &&
      !MEMBER_EXPRESSION.test(secret) &&
      /[^A-Za-z]/.test(secret),
    truePositives: [
      `db_password = "${s(ALNUM, 12, "pw-1")}#${s(ALNUM, 4, "pw-2")}"`, // Python settings
      `  password: '${s(ALNUM, 14, "pw-3")}'`, // YAML
    ],
    falsePositives: [
      `password = "password123"`, // a well-known default
      `password_field = "${s(ALNUM, 14, "pw-4")}"`, // names a form field
      `password = "\${DB_PASSWORD}"`, // template
      `password = os.environ["DB_PASSWORD"]`, // unquoted lookup
      `confirm_password: "${s(ALNUM, 12, "pw-5")}9"`, // UI label key
    ],
  }),
  defineRule({
    id: "bearer-token",
    description: "Bearer credential written into an Authorization header.",
    keywords: ["bearer"],
    generic: true,
    regex: /\bbearer\s+([A-Za-z0-9._~+/-]{20,}=*)(?![A-Za-z0-9._~+/=-])/i,
    entropy: 3.5,
    validate: (secret) => looksLikeSecretValue(secret),
    truePositives: [`curl -H "Authorization: Bearer ${s(ALNUM, 40, "bearer-1")}" https://api.internal/v1/me`],
    falsePositives: [
      "Authorization: Bearer ${TOKEN}",
      "the bearer of this certificate is authorised",
      "Authorization: Bearer <access-token>",
    ],
  }),
  defineRule({
    id: "basic-auth-header",
    description: "Basic credentials (base64 user:password) written into an Authorization header.",
    keywords: ["basic "],
    regex: /authorization["']?\s*[:=]\s*["']?basic\s+([A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=])/i,
    validate: (secret) => {
      const decoded = Buffer.from(secret, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      return colon > 0 && colon < decoded.length - 3 && /^[\x20-\x7e]+$/.test(decoded);
    },
    truePositives: [`Authorization: Basic ${Buffer.from(`deploy:${s(ALNUM, 16, "basic-1")}`).toString("base64")}`],
    falsePositives: ["Authorization: Basic dGVzdA==", "Authorization: Basic <credentials>"], // decodes to "test"; placeholder
  }),
] as const;
