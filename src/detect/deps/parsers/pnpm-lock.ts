/**
 * pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.x (https://github.com/pnpm/spec/tree/master/lockfile).
 * Package keys changed spelling across versions: "/name/1.0.0" (5), "/name@1.0.0" (6) and
 * "name@1.0.0" (9), each optionally followed by a peer suffix ("(react@18.2.0)" or "_react@18.2.0").
 * Direct dependencies come from `importers` (workspaces, 6 and 9) or from the root
 * `dependencies` maps (single project, 5). `requiresBuild: true` marks an install script.
 */
import { parse, YAMLParseError } from "yaml";
import { z } from "zod";
import { lockfileError, parseWith } from "../lockfile-error.js";
import type { Package } from "../package.js";

const versionRef = z.union([z.string(), z.looseObject({ version: z.string(), specifier: z.string().optional() })]);
const dependencyMap = z.record(z.string(), versionRef).optional();

const importerSchema = z.looseObject({
  dependencies: dependencyMap,
  devDependencies: dependencyMap,
  optionalDependencies: dependencyMap,
});

const packageSchema = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  resolution: z.looseObject({ tarball: z.string().optional(), integrity: z.string().optional() }).optional(),
  dev: z.boolean().optional(),
  requiresBuild: z.boolean().optional(),
});

const lockSchema = z.looseObject({
  lockfileVersion: z.union([z.string(), z.number()]),
  importers: z.record(z.string(), importerSchema).optional(),
  dependencies: dependencyMap,
  devDependencies: dependencyMap,
  optionalDependencies: dependencyMap,
  packages: z.record(z.string(), packageSchema.nullable()).optional(),
});

type Lock = z.infer<typeof lockSchema>;

export function parsePnpmLock(text: string, file: string): Package[] {
  const lock = parseWith(lockSchema, parseYaml(text, file), file);
  const { direct, dev } = directNames(lock);
  const packages: Package[] = [];
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    const id = splitKey(key);
    if (id === undefined) {
      throw lockfileError(file, `package key "${key}" is not name@version`, { key: `packages.${key}` });
    }
    const name = entry?.name ?? id.name;
    const version = entry?.version ?? id.version;
    const tarball = entry?.resolution?.tarball;
    packages.push({
      ecosystem: "npm",
      name,
      version,
      direct: direct.has(`${name}@${version}`),
      dev: entry?.dev ?? dev.has(`${name}@${version}`),
      ...(entry?.requiresBuild === true ? { hasInstallScript: true } : {}),
      ...(tarball === undefined ? {} : { resolved: tarball }),
      anchor: key,
    });
  }
  return packages;
}

function parseYaml(text: string, file: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100 }) as unknown;
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0].line;
      throw lockfileError(file, `not valid YAML (${error.code})`, { ...(line === undefined ? {} : { line }), cause: error });
    }
    throw lockfileError(file, "not valid YAML", { cause: error });
  }
}

/** "name@version" pairs (peer suffix dropped) that the project itself depends on. */
function directNames(lock: Lock): { direct: Set<string>; dev: Set<string> } {
  const direct = new Set<string>();
  const dev = new Set<string>();
  const importers = lock.importers ?? { ".": lock };
  for (const importer of Object.values(importers)) {
    for (const section of ["dependencies", "devDependencies", "optionalDependencies"] as const) {
      for (const [name, ref] of Object.entries(importer[section] ?? {})) {
        const raw = typeof ref === "string" ? ref : ref.version;
        // A reference is a bare version ("4.17.21", "4.17.21(react@18)") or, for aliases and
        // v5 links, a path ("/string-width/4.2.3", "link:../pkg").
        const resolved = raw.startsWith("/") ? splitKey(raw) : { name, version: stripPeers(raw) };
        if (resolved === undefined) {
          continue;
        }
        const id = `${resolved.name}@${resolved.version}`;
        direct.add(id);
        if (section === "devDependencies") {
          dev.add(id);
        }
      }
    }
  }
  return { direct, dev };
}

function stripPeers(version: string): string {
  const paren = version.indexOf("(");
  const cut = paren === -1 ? version : version.slice(0, paren);
  const underscore = cut.indexOf("_");
  return underscore === -1 ? cut : cut.slice(0, underscore);
}

/** Splits a package key of any lockfile version into name and version. */
export function splitKey(key: string): { name: string; version: string } | undefined {
  const bare = key.startsWith("/") ? key.slice(1) : key;
  const withoutPeers = stripPeers(bare);
  // v6/v9: the last "@" after the first character separates name and version.
  const at = withoutPeers.lastIndexOf("@");
  if (at > 0) {
    const name = withoutPeers.slice(0, at);
    const version = withoutPeers.slice(at + 1);
    if (version !== "" && !version.includes("/")) {
      return { name, version };
    }
  }
  // v5: "/name/1.0.0" or "/@scope/name/1.0.0".
  const slash = withoutPeers.lastIndexOf("/");
  if (slash > 0) {
    const name = withoutPeers.slice(0, slash);
    const version = withoutPeers.slice(slash + 1);
    if (version !== "" && /^\d/.test(version)) {
      return { name, version };
    }
  }
  return undefined;
}
