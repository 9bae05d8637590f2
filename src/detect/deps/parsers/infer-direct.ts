/**
 * For lockfiles that do not record which packages the project asked for (package-lock v1,
 * yarn.lock v1, poetry.lock, go.sum): a package that no other locked package depends on must
 * have been asked for by the project. The converse does not hold (a direct dependency can also
 * be a transitive one), so this under-reports `direct`, never over-reports it.
 */
import type { Package } from "../package.js";

export function markDirectByAbsence(
  packages: Package[],
  required: ReadonlySet<string>,
  key: (name: string) => string = (name) => name,
): Package[] {
  for (const item of packages) {
    item.direct = !required.has(key(item.name));
  }
  return packages;
}
