/**
 * poetry.lock: `[[package]]` tables with name, version, optional `category` ("main"/"dev", lock
 * format 1.x) and `[package.dependencies]`. The lock does not record which packages the project
 * asked for; a package no other locked package depends on is taken as direct.
 */
import { z } from "zod";
import { parseWith } from "../lockfile-error.js";
import { normalizeName, type Package } from "../package.js";
import { markDirectByAbsence } from "./infer-direct.js";
import { parseTomlFile } from "./toml-file.js";

const lockSchema = z.looseObject({
  package: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        version: z.string().min(1),
        category: z.string().optional(),
        source: z.looseObject({ type: z.string().optional(), url: z.string().optional() }).optional(),
        dependencies: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
});

export function parsePoetryLock(text: string, file: string): Package[] {
  const lock = parseWith(lockSchema, parseTomlFile(text, file), file);
  const required = new Set<string>();
  const packages: Package[] = lock.package.map((entry) => {
    for (const dependency of Object.keys(entry.dependencies ?? {})) {
      required.add(normalizeName("PyPI", dependency));
    }
    return {
      ecosystem: "PyPI",
      name: entry.name,
      version: entry.version,
      direct: false,
      dev: entry.category === "dev",
      ...(entry.source?.url === undefined ? {} : { resolved: entry.source.url }),
      anchor: `name = "${entry.name}"`,
    };
  });
  return markDirectByAbsence(packages, required, (name) => normalizeName("PyPI", name));
}
