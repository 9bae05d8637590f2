/**
 * Policy options of the deps detector (`detectors.deps` in .github/custody.yml).
 *
 * advisories: where OSV advisories come from — `path`, a directory or .zip of OSV JSON files
 *   (relative to the repository root), and/or `url`, an OSV API endpoint queried online for the
 *   changed packages (off unless set: Custody does not reach the network on its own).
 * denied_licenses: SPDX ids whose appearance in a lockfile's licence field is reported.
 * typosquat: on/off, the edit distance counted as a typo, extra popular names per ecosystem.
 * allow: package names (or "ecosystem:name") every rule skips, and advisory ids (or aliases,
 *   e.g. a CVE) that are accepted.
 */
import { z } from "zod";
import { detectorBaseShape } from "../detector-options.js";
import { ECOSYSTEMS } from "./package.js";

export const depsOptionsSchema = z.strictObject({
  ...detectorBaseShape,
  advisories: z
    .strictObject({
      path: z.string().min(1).optional(),
      url: z.url({ protocol: /^https?$/ }).optional(),
    })
    .default({}),
  denied_licenses: z.array(z.string().min(1)).default([]),
  typosquat: z
    .strictObject({
      enabled: z.boolean().default(true),
      max_distance: z.number().int().min(1).max(2).default(1),
      popular: z.partialRecord(z.enum(ECOSYSTEMS), z.array(z.string().min(1))).default({}),
    })
    .default({ enabled: true, max_distance: 1, popular: {} }),
  allow: z
    .strictObject({
      packages: z.array(z.string().min(1)).default([]),
      advisories: z.array(z.string().min(1)).default([]),
    })
    .default({ packages: [], advisories: [] }),
});

export type DepsOptions = z.infer<typeof depsOptionsSchema>;
