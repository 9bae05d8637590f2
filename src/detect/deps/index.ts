/**
 * Public surface of the dependency detector (SPEC capability 3, dependency review).
 */
export { depsDetector } from "./deps-detector.js";
