/**
 * Import specifiers to analysed files, through oxc-resolver (Node's and TypeScript's rules:
 * extensions, `index` files, `.js` → `.ts` aliasing). oxc-resolver reads a real file system and
 * our files come from a git revision, so the analysed paths are mirrored as empty files into a
 * private temporary folder; only existence matters for relative imports. Paths that would
 * leave that folder (absolute, `..`) are never written. `dispose()` removes the folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix, relative, sep } from "node:path";
import { ResolverFactory } from "oxc-resolver";

export interface ImportResolver {
  resolve(fromPath: string, specifier: string): string | undefined;
  dispose(): void;
}

/** A repository-relative path safe to mirror, or undefined. */
export function safeRelativePath(path: string): string | undefined {
  const normal = posix.normalize(path.replace(/\\/g, "/"));
  if (normal.startsWith("/") || normal === ".." || normal.startsWith("../") || normal.includes("\0") || normal === ".") {
    return undefined;
  }
  return normal;
}

export function createImportResolver(paths: readonly string[]): ImportResolver {
  if (paths.length === 0) {
    return { resolve: () => undefined, dispose: () => undefined };
  }
  const root = mkdtempSync(join(tmpdir(), "custody-code-"));
  const known = new Set<string>();
  const made = new Set<string>();
  try {
    for (const path of paths) {
      const safe = safeRelativePath(path);
      if (safe === undefined) {
        continue;
      }
      const target = join(root, safe);
      const folder = dirname(target);
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(target, "");
      known.add(safe);
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const resolver = new ResolverFactory({
    extensions: [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"],
    extensionAlias: { ".js": [".ts", ".tsx", ".js", ".jsx"], ".mjs": [".mts", ".mjs"], ".cjs": [".cts", ".cjs"] },
    conditionNames: ["node", "import", "require", "default"],
    symlinks: false,
  });
  return {
    resolve(fromPath, specifier) {
      // Relative imports only: packages are not analysed, they are matched by name.
      if (!specifier.startsWith("./") && !specifier.startsWith("../") && specifier !== "." && specifier !== "..") {
        return undefined;
      }
      const from = safeRelativePath(fromPath);
      if (from === undefined) {
        return undefined;
      }
      const result = resolver.sync(dirname(join(root, from)), specifier);
      if (result.path === undefined) {
        return undefined;
      }
      const rel = relative(root, result.path).split(sep).join("/");
      return known.has(rel) ? rel : undefined;
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
