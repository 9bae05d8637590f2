/**
 * Policy options of the code detector (`detectors.code` in .github/custody.yml).
 */
import { z } from "zod";
import { detectorBaseShape } from "../detector-options.js";

export const codeOptionsSchema = z.strictObject({
  ...detectorBaseShape,
});

export type CodeOptions = z.infer<typeof codeOptionsSchema>;
