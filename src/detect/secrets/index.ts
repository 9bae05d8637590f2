/**
 * Public surface of the secrets detector.
 */
export { secretsDetector } from "./secrets-detector.js";
export { scanHistory } from "./scan-history.js";
export { writeBaseline } from "./baseline.js";
