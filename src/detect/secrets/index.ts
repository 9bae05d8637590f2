/**
 * Public surface of the secrets detector.
 */
export { secretsDetector } from "./secrets-detector.js";
export { scanText, createSecretScanner, secretKeywords, type SecretMatch, type ScanOptions, type SecretScanner } from "./scan-text.js";
export { scanHistory, type HistoryScanOptions } from "./scan-history.js";
export { loadBaseline, writeBaseline } from "./baseline.js";
export { SECRET_RULES } from "./rules/index.js";
export type { SecretRule } from "./secret-rule.js";
export { secretsOptionsSchema, type SecretsOptions } from "./options.js";
export { redactSecret, secretFingerprint } from "./redact-secret.js";
