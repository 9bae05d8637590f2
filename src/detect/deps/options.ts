/**
 * Policy options of the deps detector (`detectors.deps` in .github/custody.yml).
 *
 * advisories: where OSV advisories come from. `source: auto` (the default; `advisories: auto` for
 *   short) uses `path` (a directory, .zip or JSON file of OSV records, relative to the repository
 *   root) when it exists, else the exports `custody advisories update` left in `cache_dir`, else
 *   OSV's batch query API at `url`. `export` and `api` force one; `off` turns the check off and
 *   says so in the report. When no source can be used the report says the advisory check did
 *   not run (a low finding), and fails the check (high) when `required: true`.
 * registry: an npm or PyPI registry to ask about added names (`url`), with `downloads_url` for npm
 *   download counts; a name younger than `min_age_days` or with fewer than `min_downloads` a
 *   month is a finding. Unset, the check is offline: a name absent from the popularity table and
 *   not resolved from the public registry is an info finding.
 * denied_licenses: SPDX ids whose appearance in a lockfile's licence field is reported.
 * typosquat: on/off, the largest edit distance counted (2, scaled down for short names), extra
 *   popular names per ecosystem (targets, and never suspects themselves).
 * allow: package names (or "ecosystem:name") every rule skips, and advisory ids (or aliases,
 *   e.g. a CVE) that are accepted.
 */
import { z } from "zod";
import { detectorBaseShape } from "../detector-options.js";
import { ECOSYSTEMS } from "./package.js";

export const ADVISORY_SOURCES = ["auto", "export", "api", "off"] as const;
export const OSV_API_URL = "https://api.osv.dev";
/** Relative to the repository root, as `custody advisories update` writes it by default. */
export const DEFAULT_ADVISORY_CACHE = ".custody/advisories";

export const depsOptionsSchema = z.strictObject({
  ...detectorBaseShape,
  advisories: z
    .preprocess(
      (value) => (typeof value === "string" ? { source: value } : value),
      z.strictObject({
        source: z.enum(ADVISORY_SOURCES).default("auto"),
        path: z.string().min(1).optional(),
        url: z.url({ protocol: /^https?$/ }).default(OSV_API_URL),
        cache_dir: z.string().min(1).default(DEFAULT_ADVISORY_CACHE),
        required: z.boolean().default(false),
      }),
    )
    .default({ source: "auto", url: OSV_API_URL, cache_dir: DEFAULT_ADVISORY_CACHE, required: false }),
  registry: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      downloads_url: z.url({ protocol: /^https?$/ }).optional(),
      min_age_days: z.number().int().min(0).default(14),
      min_downloads: z.number().int().min(0).default(100),
    })
    .optional(),
  denied_licenses: z.array(z.string().min(1)).default([]),
  typosquat: z
    .strictObject({
      enabled: z.boolean().default(true),
      max_distance: z.number().int().min(1).max(2).default(2),
      popular: z.partialRecord(z.enum(ECOSYSTEMS), z.array(z.string().min(1))).default({}),
    })
    .default({ enabled: true, max_distance: 2, popular: {} }),
  allow: z
    .strictObject({
      packages: z.array(z.string().min(1)).default([]),
      advisories: z.array(z.string().min(1)).default([]),
    })
    .default({ packages: [], advisories: [] }),
});

export type DepsOptions = z.infer<typeof depsOptionsSchema>;
