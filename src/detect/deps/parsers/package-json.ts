/**
 * package.json (npm, pnpm, yarn): the project's declared dependencies. Every entry is direct;
 * `devDependencies` are dev. A range that is one exact version also sets `version`, so a pinned
 * vulnerable version is matched before a lockfile exists.
 */
import semver from "semver";
import { z } from "zod";
import { parseJsonFile, parseWith } from "../lockfile-error.js";
import type { Package } from "../package.js";

const dependencyMap = z.record(z.string(), z.string()).optional();

const packageJsonSchema = z.looseObject({
  dependencies: dependencyMap,
  devDependencies: dependencyMap,
  optionalDependencies: dependencyMap,
  peerDependencies: dependencyMap,
});

const SECTIONS = [
  ["dependencies", false],
  ["optionalDependencies", false],
  ["peerDependencies", false],
  ["devDependencies", true],
] as const;

export function parsePackageJson(text: string, file: string): Package[] {
  const manifest = parseWith(packageJsonSchema, parseJsonFile(text, file), file);
  const seen = new Set<string>();
  const packages: Package[] = [];
  for (const [section, dev] of SECTIONS) {
    for (const [name, range] of Object.entries(manifest[section] ?? {})) {
      // A package listed both as peer and dev (a common pattern) is one dependency.
      if (seen.has(name)) {
        continue;
      }
      seen.add(name);
      const exact = semver.valid(range);
      packages.push({
        ecosystem: "npm",
        name,
        range,
        ...(exact === null ? {} : { version: exact }),
        direct: true,
        dev,
        anchor: `"${name}":`,
      });
    }
  }
  return packages;
}
