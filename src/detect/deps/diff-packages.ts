/**
 * The difference between two package sets of the same file (base → head): packages added,
 * removed and changed (same name, other version or range). A lockfile can hold several versions
 * of one name (npm nests them); versions present on both sides are unchanged, and the remaining
 * ones are paired in order as changes, any left over being added or removed.
 */
import { packageKey, type Package, type PackageSet } from "./package.js";

interface PackageChange {
  before: Package;
  after: Package;
}

export interface PackageDiff {
  added: Package[];
  removed: Package[];
  changed: PackageChange[];
}

export function diffPackages(
  before: PackageSet | readonly Package[] | undefined,
  after: PackageSet | readonly Package[] | undefined,
): PackageDiff {
  const beforeGroups = groupByName(packagesOf(before));
  const afterGroups = groupByName(packagesOf(after));
  const diff: PackageDiff = { added: [], removed: [], changed: [] };
  for (const [key, afterList] of afterGroups) {
    const beforeList = beforeGroups.get(key);
    if (beforeList === undefined) {
      diff.added.push(...afterList);
      continue;
    }
    // Fast path for the common case: one entry of the name on each side.
    if (beforeList.length === 1 && afterList.length === 1) {
      const [was] = beforeList as [Package];
      const now = afterList[0] as Package;
      if (identity(was) !== identity(now)) {
        diff.changed.push({ before: was, after: now });
      }
      continue;
    }
    const beforeIds = new Set(beforeList.map(identity));
    const afterIds = new Set(afterList.map(identity));
    const gone = beforeList.filter((item) => !afterIds.has(identity(item)));
    const come = afterList.filter((item) => !beforeIds.has(identity(item)));
    const pairs = Math.min(gone.length, come.length);
    for (let index = 0; index < pairs; index++) {
      diff.changed.push({ before: gone[index] as Package, after: come[index] as Package });
    }
    diff.added.push(...come.slice(pairs));
    diff.removed.push(...gone.slice(pairs));
  }
  for (const [key, beforeList] of beforeGroups) {
    if (!afterGroups.has(key)) {
      diff.removed.push(...beforeList);
    }
  }
  return diff;
}

function packagesOf(set: PackageSet | readonly Package[] | undefined): readonly Package[] {
  if (set === undefined) {
    return [];
  }
  return "packages" in set ? set.packages : set;
}

function groupByName(packages: readonly Package[]): Map<string, Package[]> {
  const groups = new Map<string, Package[]>();
  for (const item of packages) {
    const key = packageKey(item.ecosystem, item.name);
    const list = groups.get(key);
    if (list === undefined) {
      groups.set(key, [item]);
    } else {
      list.push(item);
    }
  }
  return groups;
}

/** What makes two entries of one name the same: version, or the range for a manifest entry. */
function identity(item: Package): string {
  return `${item.version ?? ""}\u0000${item.range ?? ""}`;
}
