/**
 * Relative module specifiers a file imports (`import`, `export … from`, `require("./x")`,
 * `import("./x")`), and the candidate paths each may name. The detector reads these candidates
 * from the head snapshot so that oxc-resolver can pick among the files that exist.
 */
import { posix } from "node:path";
import type { Program } from "oxc-parser";
import { NON_VALUE_KEYS } from "./scope-map.js";
import { safeRelativePath } from "./resolve-imports.js";

export function relativeSpecifiers(program: Program): string[] {
  const found = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === "string" && (value.startsWith("./") || value.startsWith("../"))) {
      found.add(value);
    }
  };
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") {
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) {
        visit(item);
      }
      return;
    }
    const record = node as Record<string, unknown>;
    const type = record.type;
    if (type === "ImportDeclaration" || type === "ExportNamedDeclaration" || type === "ExportAllDeclaration" || type === "ImportExpression") {
      const source = record.source as { value?: unknown } | null | undefined;
      add(source?.value);
    }
    if (type === "CallExpression") {
      const callee = record.callee as { type?: string; name?: string } | undefined;
      const first = (record.arguments as { value?: unknown }[] | undefined)?.[0];
      if (callee?.type === "Identifier" && callee.name === "require") {
        add(first?.value);
      }
    }
    for (const [key, child] of Object.entries(record)) {
      if (!NON_VALUE_KEYS.has(key) && child !== null && typeof child === "object") {
        visit(child);
      }
    }
  };
  visit(program.body);
  return [...found];
}

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** Paths a relative specifier may resolve to, repository-relative; none that escape the repository. */
export function candidatePaths(fromPath: string, specifier: string): string[] {
  const base = safeRelativePath(posix.join(posix.dirname(fromPath), specifier));
  if (base === undefined) {
    return [];
  }
  const out = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  // TypeScript ESM: `import "./x.js"` names `x.ts`.
  const match = /\.(m|c)?jsx?$/.exec(base);
  if (match) {
    const stem = base.slice(0, match.index);
    const flavour = match[1] ?? "";
    out.push(`${stem}.${flavour}ts`, `${stem}.${flavour}tsx`);
  }
  return out;
}
