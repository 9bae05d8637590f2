/**
 * Every detector, registered in one table. The check engine runs those the policy enables.
 */
import type { Detector } from "../model/detector.js";
import { codeDetector } from "./code/index.js";
import { depsDetector } from "./deps/index.js";
import { secretsDetector } from "./secrets/index.js";

export const DETECTORS = [secretsDetector, codeDetector, depsDetector] as const satisfies readonly Detector[];
