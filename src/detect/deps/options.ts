/**
 * Policy options of the deps detector (`detectors.deps` in .github/custody.yml).
 */
import { z } from "zod";
import { detectorBaseShape } from "../detector-options.js";

export const depsOptionsSchema = z.strictObject({
  ...detectorBaseShape,
});

export type DepsOptions = z.infer<typeof depsOptionsSchema>;
