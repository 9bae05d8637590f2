/**
 * package-lock.json / npm-shrinkwrap.json, lockfileVersion 1, 2 and 3
 * (https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json).
 * v2/v3 list every installed path under `packages` ("node_modules/a/node_modules/b"); the root
 * entry "" names the direct dependencies. v1 only has the nested `dependencies` tree and does not
 * say which are direct: there a package no other package requires is taken as direct.
 * Workspace links (`link: true`) and workspace folders are the project's own code, not packages.
 */
import { z } from "zod";
import { lockfileError, parseJsonFile, parseWith } from "../lockfile-error.js";
import type { Package } from "../package.js";
import { markDirectByAbsence } from "./infer-direct.js";

const stringMap = z.record(z.string(), z.string()).optional();

// z.object (which drops unknown keys) rather than looseObject: entries carry many fields Custody
// does not read (integrity, engines, funding, bin), and copying them through doubled the cost.
const v2EntrySchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  resolved: z.string().optional(),
  license: z.string().optional(),
  dev: z.boolean().optional(),
  devOptional: z.boolean().optional(),
  optional: z.boolean().optional(),
  link: z.boolean().optional(),
  hasInstallScript: z.boolean().optional(),
  dependencies: stringMap,
  devDependencies: stringMap,
  optionalDependencies: stringMap,
  peerDependencies: stringMap,
});

interface V1Entry {
  version?: string | undefined;
  resolved?: string | undefined;
  dev?: boolean | undefined;
  requires?: Record<string, string> | undefined;
  dependencies?: Record<string, V1Entry> | undefined;
}

const v1EntrySchema: z.ZodType<V1Entry> = z.lazy(() =>
  z.looseObject({
    version: z.string().optional(),
    resolved: z.string().optional(),
    dev: z.boolean().optional(),
    requires: z.record(z.string(), z.string()).optional(),
    dependencies: z.record(z.string(), v1EntrySchema).optional(),
  }),
);

const lockSchema = z.looseObject({
  lockfileVersion: z.number().int(),
  packages: z.record(z.string(), v2EntrySchema).optional(),
  dependencies: z.record(z.string(), z.unknown()).optional(),
});

const NODE_MODULES = "node_modules/";

export function parsePackageLock(text: string, file: string): Package[] {
  const lock = parseWith(lockSchema, parseJsonFile(text, file), file);
  if (lock.packages !== undefined) {
    return fromPackages(lock.packages);
  }
  if (lock.lockfileVersion === 1 && lock.dependencies !== undefined) {
    const tree = parseWith(z.record(z.string(), v1EntrySchema), lock.dependencies, file);
    const packages: Package[] = [];
    const required = new Set<string>();
    walkV1(tree, packages, required);
    return markDirectByAbsence(packages, required);
  }
  throw lockfileError(file, `lockfileVersion ${String(lock.lockfileVersion)} without a "packages" section`, {
    key: "lockfileVersion",
  });
}

function requiresOf(entry: z.infer<typeof v2EntrySchema>): { requires?: string[] } {
  const names = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {})];
  return names.length === 0 ? {} : { requires: names };
}

function fromPackages(entries: Record<string, z.infer<typeof v2EntrySchema>>): Package[] {
  const root = entries[""];
  const directNames = new Set<string>([
    ...Object.keys(root?.dependencies ?? {}),
    ...Object.keys(root?.devDependencies ?? {}),
    ...Object.keys(root?.optionalDependencies ?? {}),
    ...Object.keys(root?.peerDependencies ?? {}),
  ]);
  const packages: Package[] = [];
  for (const [path, entry] of Object.entries(entries)) {
    const at = path.lastIndexOf(NODE_MODULES);
    // "" is the root project; paths outside node_modules are workspace folders; links point at them.
    if (at === -1 || entry.link === true) {
      continue;
    }
    const name = entry.name ?? path.slice(at + NODE_MODULES.length);
    const topLevel = at === 0 && !path.includes("/node_modules/", NODE_MODULES.length);
    packages.push({
      ecosystem: "npm",
      name,
      ...(entry.version === undefined ? {} : { version: entry.version }),
      direct: topLevel && directNames.has(path.slice(NODE_MODULES.length)),
      dev: entry.dev === true,
      ...(entry.hasInstallScript === true ? { hasInstallScript: true } : {}),
      ...(entry.license === undefined ? {} : { license: entry.license }),
      ...(entry.resolved === undefined ? {} : { resolved: entry.resolved }),
      ...requiresOf(entry),
      anchor: `"${path}": {`,
    });
  }
  return packages;
}

function walkV1(tree: Record<string, V1Entry>, out: Package[], required: Set<string>): void {
  for (const [name, entry] of Object.entries(tree)) {
    out.push({
      ecosystem: "npm",
      name,
      ...(entry.version === undefined ? {} : { version: entry.version }),
      direct: false,
      dev: entry.dev === true,
      ...(entry.resolved === undefined ? {} : { resolved: entry.resolved }),
      anchor: `"${name}": {`,
    });
    for (const dependency of Object.keys(entry.requires ?? {})) {
      required.add(dependency);
    }
    if (entry.dependencies !== undefined) {
      walkV1(entry.dependencies, out, required);
    }
  }
}
