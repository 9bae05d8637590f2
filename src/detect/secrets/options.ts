/**
 * Policy options of the secrets detector (`detectors.secrets` in .github/custody.yml).
 * Everything a user writes here is data: path globs go to picomatch, value and line allowlist
 * entries and stopwords are plain substrings. None of it is ever compiled into a RegExp.
 */
import { z } from "zod";
import { detectorBaseShape } from "../detector-options.js";

const secretsAllowlistSchema = z.strictObject({
  /** Glob patterns (picomatch) of paths never scanned, e.g. `**\/testdata/**`. */
  paths: z.array(z.string().min(1)).default([]),
  /** Plain substrings: a match whose secret contains one is accepted (not reported). */
  values: z.array(z.string().min(1)).default([]),
  /** Plain substrings: a match on a line containing one is accepted. */
  lines: z.array(z.string().min(1)).default([]),
  /** Extra stopwords (case-insensitive substrings of the secret), added to the built-in ones. */
  stopwords: z.array(z.string().min(1)).default([]),
});

export const secretsOptionsSchema = z.strictObject({
  ...detectorBaseShape,
  allowlist: secretsAllowlistSchema.default({ paths: [], values: [], lines: [], stopwords: [] }),
  /** Baseline file of accepted fingerprints, relative to the repository root (written by custody). */
  baseline: z.string().min(1).optional(),
  /** Lines longer than this are scanned only in windows around keyword hits (minified code). */
  max_line_length: z.number().int().min(256).default(10_000),
  /** Files larger than this are not scanned; each is reported as an info finding, never skipped in silence. */
  max_file_bytes: z
    .number()
    .int()
    .min(1024)
    .default(100 * 1024 * 1024),
});

export type SecretsOptions = z.infer<typeof secretsOptionsSchema>;
export type SecretsAllowlist = z.infer<typeof secretsAllowlistSchema>;
