/**
 * The candidate paths a relative import specifier may name (extensions, index files, `.js`
 * naming `.ts`). The detector reads these from the head snapshot and the analysis mirrors the
 * ones that exist, so that oxc-resolver — not this list — decides which file an import means.
 */
import { posix } from "node:path";
import { safeRelativePath } from "./resolve-imports.js";

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
