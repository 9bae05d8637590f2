/**
 * Public surface of the code (taint) detector.
 */
export { analyzeFiles } from "./analyze-files.js";
export type { SourceFile } from "./analyze-files.js";
export { codeDetector } from "./code-detector.js";
export { DIAGNOSTIC_RULES } from "./diagnostic-rules.js";
export { codeOptionsSchema } from "./options.js";
export type { CodeOptions } from "./options.js";
export { TAINT_RULES } from "./rules/index.js";
export type { TaintRule, VulnClass } from "./taint-rule.js";
