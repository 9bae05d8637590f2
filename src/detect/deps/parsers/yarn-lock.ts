/**
 * yarn.lock, both the v1 format ("classic") and the YAML-based berry format (yarn 2+, which has
 * a `__metadata` entry). Both are read with `@yarnpkg/parsers` `parseSyml`, yarn's own parser.
 * An entry key lists every descriptor resolved to it ("lodash@^4.17.0, lodash@^4.17.21"); in berry
 * descriptors carry a protocol ("lodash@npm:^4.17.21"). Berry's root workspace entry
 * ("app@workspace:.") names the direct dependencies; v1 does not record them, so there a package
 * no other package depends on is taken as direct.
 */
import { parseSyml } from "@yarnpkg/parsers";
import { z } from "zod";
import { lockfileError, parseWith } from "../lockfile-error.js";
import type { Package } from "../package.js";
import { markDirectByAbsence } from "./infer-direct.js";

const entrySchema = z.looseObject({
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  resolved: z.string().optional(),
  resolution: z.string().optional(),
  dependencies: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  optionalDependencies: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  linkType: z.string().optional(),
});

const lockSchema = z.record(z.string(), z.unknown());

export function parseYarnLock(text: string, file: string): Package[] {
  let raw: unknown;
  try {
    raw = parseSyml(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /line (\d+)/i.exec(message)?.[1];
    throw lockfileError(file, "not a valid yarn.lock", { ...(line === undefined ? {} : { line: Number(line) }), cause: error });
  }
  const lock = parseWith(lockSchema, raw, file);
  const berry = "__metadata" in lock;
  const packages: Package[] = [];
  // parseSyml gives each descriptor of a multi-descriptor key its own copy of the entry.
  const seen = new Set<string>();
  const required = new Set<string>();
  let workspaceDirect: Set<string> | undefined;
  for (const [key, value] of Object.entries(lock)) {
    if (key === "__metadata") {
      continue;
    }
    const entry = parseWith(entrySchema, value, file, key);
    const firstDescriptor = key.split(",")[0]?.trim() ?? key;
    const name = descriptorName(firstDescriptor);
    if (name === undefined || entry.version === undefined) {
      throw lockfileError(file, `entry "${key}" has no package name or version`, { key });
    }
    for (const dependency of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {})]) {
      required.add(dependency);
    }
    // Berry lists workspaces as packages with linkType soft and a "workspace:" resolution:
    // they are the project itself.
    if (berry && (entry.resolution?.includes("@workspace:") ?? false)) {
      if (entry.resolution?.endsWith("@workspace:.") ?? false) {
        workspaceDirect = new Set(Object.keys(entry.dependencies ?? {}));
      }
      continue;
    }
    const resolved = entry.resolved ?? entry.resolution;
    const id = `${name}@${entry.version}`;
    if (seen.has(id)) {
      continue;
    }
    seen.add(id);
    packages.push({
      ecosystem: "npm",
      name,
      version: entry.version,
      direct: false,
      ...(resolved === undefined ? {} : { resolved }),
      anchor: `${name}@`,
    });
  }
  if (workspaceDirect !== undefined) {
    const direct = workspaceDirect;
    for (const item of packages) {
      item.direct = direct.has(item.name);
    }
    return packages;
  }
  return markDirectByAbsence(packages, required);
}

/** "@scope/name@^1.0.0" → "@scope/name"; "lodash@npm:^4" → "lodash". */
function descriptorName(descriptor: string): string | undefined {
  const unquoted = descriptor.replace(/^"|"$/g, "");
  const at = unquoted.indexOf("@", 1);
  return at === -1 ? undefined : unquoted.slice(0, at);
}
