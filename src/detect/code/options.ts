/**
 * Policy options of the code detector (`detectors.code` in .github/custody.yml): which extra
 * sources count as user input, extra sanitizer names, and the per-file bounds (size and time)
 * that keep one huge or adversarial file from stalling a check.
 */
import { z } from "zod";
import { detectorBaseShape } from "../detector-options.js";
import { policyModelSchema } from "./models/model-schema.js";

export const codeOptionsSchema = z.strictObject({
  ...detectorBaseShape,
  sources: z
    .strictObject({
      /** Treat `process.argv` as user input (CLIs whose arguments come from untrusted callers). */
      argv: z.boolean().default(false),
      /** Treat `process.env` as user input (rarely: env is usually operator-controlled). */
      env: z.boolean().default(false),
    })
    .default({ argv: false, env: false }),
  /** Extra function names (plain `escapeForShell` or dotted `lib.clean`) that sanitize for every class. */
  sanitizers: z.array(z.string().min(1)).default([]),
  /** Taint models for the project's own wrappers, in the shape of src/detect/code/models/ (see docs). */
  models: z.array(policyModelSchema).default([]),
  /** Files larger than this many bytes are skipped with an info finding. */
  max_file_bytes: z.number().int().positive().default(1_000_000),
  /** Time budget per file in milliseconds, checked during traversal. */
  time_budget_ms: z.number().int().positive().default(2_000),
  /** How many import hops from a changed file are followed to find flows across files. */
  import_depth: z.number().int().min(0).max(10).default(2),
  /** Upper bound on the number of files analysed for one change. */
  max_files: z.number().int().positive().default(500),
});

export type CodeOptions = z.infer<typeof codeOptionsSchema>;
