/**
 * Cargo.lock, format versions 1-4: `[[package]]` with name, version, source, checksum and
 * `dependencies` ("name", "name version" or "name version (source)"). Packages without a
 * `source` are the workspace's own crates (or path dependencies): not packages from a registry.
 * A registry package that a workspace crate depends on is direct.
 */
import { z } from "zod";
import { parseWith } from "../lockfile-error.js";
import type { Package } from "../package.js";
import { parseTomlFile } from "./toml-file.js";

const lockSchema = z.looseObject({
  package: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        version: z.string().min(1),
        source: z.string().optional(),
        dependencies: z.array(z.string()).optional(),
      }),
    )
    .default([]),
});

export function parseCargoLock(text: string, file: string): Package[] {
  const lock = parseWith(lockSchema, parseTomlFile(text, file), file);
  const direct = new Set<string>();
  for (const entry of lock.package) {
    if (entry.source === undefined) {
      for (const dependency of entry.dependencies ?? []) {
        const [name = "", version] = dependency.split(" ");
        direct.add(version === undefined ? name : `${name} ${version}`);
      }
    }
  }
  return lock.package
    .filter((entry) => entry.source !== undefined)
    .map((entry) => ({
      ecosystem: "crates.io" as const,
      name: entry.name,
      version: entry.version,
      direct: direct.has(entry.name) || direct.has(`${entry.name} ${entry.version}`),
      ...(entry.source === undefined ? {} : { resolved: entry.source }),
      anchor: `name = "${entry.name}"\nversion = "${entry.version}"`,
    }));
}
