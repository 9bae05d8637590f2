/**
 * Public surface of the code (taint) detector.
 */
export { codeDetector } from "./code-detector.js";
