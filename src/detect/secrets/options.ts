/**
 * Policy options of the secrets detector (`detectors.secrets` in .github/custody.yml).
 */
import { z } from "zod";
import { detectorBaseShape } from "../detector-options.js";

export const secretsOptionsSchema = z.strictObject({
  ...detectorBaseShape,
});

export type SecretsOptions = z.infer<typeof secretsOptionsSchema>;
