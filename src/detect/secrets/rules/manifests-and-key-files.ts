/**
 * Secrets that come as files or file sections rather than one token: Kubernetes `Secret`
 * manifests (whose `data:` values are only base64, not protection), private keys stored as bare
 * base64 DER without PEM armour (environment variables, JSON), PEM-like blocks whose armour
 * label gitleaks accepts but the labelled PEM rules do not know, and keystore files
 * (`.p12`/`.pfx`) judged by name alone because their content is binary.
 */
import { BASE64, LOWER_ALNUM, sampleSecret as s } from "../sample-secret.js";
import { FIRST_NON_EMPTY_GROUP } from "../secret-rule.js";
import { defineRule } from "./define-rule.js";

const b64 = (seed: string, length = 24): string => s(BASE64, length, seed).replace(/[+/]/g, "A");
const lines = (seed: string, count: number): string =>
  Array.from({ length: count }, (_, i) => s(BASE64, 64, `${seed}-${String(i)}`)).join("\n");

/** DER prefixes (fixed by the ASN.1 structure, not secret) of RSA/EC/Ed25519 private keys, in base64. */
const PKCS8_RSA = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
const PKCS1_RSA = "MIIEowIBAAKCAQEA";
const SEC1_EC = "MHcCAQEEI";
const PKCS8_ED25519 = "MC4CAQAwBQYDK2VwBCIEI";

export const MANIFEST_AND_KEY_FILE_RULES = [
  defineRule({
    id: "kubernetes-secret-manifest",
    description: "Kubernetes Secret manifest with values under data/stringData: base64 in a Secret is encoding, not encryption.",
    severity: "high",
    keywords: ["kind: secret", 'kind: "secret"', "kind: 'secret'", "kind:secret"],
    multiline: true,
    lookBehind: 600,
    // Either order: `kind: Secret` then `data:` (hand-written), or `data:` first (kubectl output is alphabetical).
    regex:
      /\bkind:[ \t]*["']?Secret["']?[ \t]*\r?\n(?:[^\n]*\n){0,12}?(?:data|stringData):[ \t]*\r?\n(?:[ \t]+#[^\n]*\n)*[ \t]+[\w.-]+:[ \t]*["']?([^\s"'{}#|>]{8,})["']?[ \t]*(?:\r?\n|$)|(?:^|\n)(?:data|stringData):[ \t]*\r?\n(?:[ \t]+#[^\n]*\n)*[ \t]+[\w.-]+:[ \t]*["']?([^\s"'{}#|>]{8,})["']?[ \t]*\r?\n(?:[^\n]*\n){0,20}?kind:[ \t]*["']?Secret\b/i,
    secretGroup: FIRST_NON_EMPTY_GROUP,
    entropy: 3,
    truePositives: [
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${b64("k8s-1", 32)}\n  user: ${b64("k8s-2", 12)}\n`,
      `apiVersion: v1\ndata:\n  token: ${b64("k8s-3", 40)}\nkind: Secret\nmetadata:\n  name: api\n`, // kubectl get -o yaml
      `kind: "Secret"\nstringData:\n  API_KEY: ${s(LOWER_ALNUM, 32, "k8s-4")}\n`,
    ],
    falsePositives: [
      `kind: Secret\nmetadata:\n  name: db\ndata:\n  password: {{ .Values.password | b64enc }}\n`, // Helm template
      `kind: ConfigMap\ndata:\n  mode: ${b64("k8s-5", 32)}\n`, // a ConfigMap is not a Secret
      `kind: Secret\nmetadata:\n  name: db\ntype: Opaque\n`, // no data at all
    ],
  }),
  defineRule({
    id: "private-key-base64-der",
    description: "Private key as bare base64 DER (RSA PKCS#1/PKCS#8, EC, Ed25519) without PEM armour: the key itself.",
    severity: "critical",
    keywords: ["ibadanbgkqhkig9w0baqefaasc", "ibaakcaqea", "ibaakcagea", "mhccaqeei", "mc4caqawbqydk2vwbciei"],
    multiline: true,
    generic: true, // inside a PEM block the labelled PEM rule reports it
    regex:
      /(?<![A-Za-z0-9+/])((?:MII[A-Za-z0-9+/]{3}IBADANBgkqhkiG9w0BAQEFAASC|MII[A-Za-z0-9+/]{3}IBAAKC(?:AQ|Ag)EA|MHcCAQEEI|MC4CAQAwBQYDK2VwBCIEI)(?:[A-Za-z0-9+/]|\\[rn]|\r?\n){24,8192}={0,2})/,
    entropy: 4,
    truePositives: [
      `RSA_PRIVATE_KEY=${PKCS8_RSA}${s(BASE64, 1500, "der-1")}==`,
      `"key": "${PKCS1_RSA}${s(BASE64, 1200, "der-2")}="`,
      `${SEC1_EC}${s(BASE64, 150, "der-3")}\n`,
      `ed25519: ${PKCS8_ED25519}${s(BASE64, 26, "der-4")}`,
    ],
    falsePositives: [
      PKCS8_RSA, // the prefix alone (a parser constant)
      `MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${s(BASE64, 300, "der-5")}`, // an RSA public key (SPKI)
    ],
  }),
  defineRule({
    id: "private-key",
    description: "Private key block (BEGIN … PRIVATE KEY, any label, gitleaks' private-key shape): the key itself.",
    severity: "critical",
    keywords: ["-----begin"],
    multiline: true,
    generic: true, // the labelled PEM rules report the usual labels; this catches the others
    regex: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----([\s\S-]{64,}?)KEY(?: BLOCK)?-----/i,
    entropy: 3.5,
    truePositives: [`-----BEGIN TSS2 PRIVATE KEY-----\n${lines("pk-1", 4)}\n-----END TSS2 PRIVATE KEY-----`],
    falsePositives: ["-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"],
  }),
  defineRule({
    id: "pkcs12-file",
    description: "PKCS#12 keystore file (.p12/.pfx): holds a private key and its certificate, often with a weak password.",
    severity: "high",
    keywords: [],
    regex: /$^/,
    secretGroup: 0,
    path: /(?:^|\/)[^/]+\.p(?:12|fx)$/i,
    pathOnly: true,
    // For a path-only rule the samples are paths.
    truePositives: ["certs/client.p12", "deploy/signing.PFX"],
    falsePositives: ["docs/p12-format.md", "certs/client.p12.sig"],
  }),
];
