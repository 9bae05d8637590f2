/**
 * deps/added: inventory of what the change brings in — one finding per direct addition, with the
 * transitive packages it brought folded in (walked through the lockfile's dependency graph where
 * the lockfile records one), so a reviewer reads "adds express with 30 packages" rather than 31
 * lines. Transitive additions no direct addition explains (an update pulled them in, or the
 * lockfile keeps no graph) are one finding for the file.
 */
import type { Package } from "../package.js";
import { describePackage, packageProperties, type DepsHit, type DepsRule } from "./deps-rule.js";

/** Names listed in a message before "and N more" (the properties carry all of them). */
const LISTED = 8;

const label = (item: Package): string => `${item.name}${item.version === undefined ? "" : `@${item.version}`}`;

function listed(items: readonly Package[]): string {
  const names = items.slice(0, LISTED).map(label);
  return items.length > LISTED ? `${names.join(", ")} and ${String(items.length - LISTED)} more` : names.join(", ");
}

/** Each direct addition with the added transitive packages reachable from it, first claim wins. */
export function foldTransitive(added: readonly Package[]): { groups: { direct: Package; transitive: Package[] }[]; orphans: Package[] } {
  const byName = new Map<string, Package[]>();
  for (const item of added) {
    if (!item.direct) {
      byName.set(item.name, [...(byName.get(item.name) ?? []), item]);
    }
  }
  const claimed = new Set<Package>();
  const groups: { direct: Package; transitive: Package[] }[] = [];
  for (const direct of added.filter((item) => item.direct)) {
    const transitive: Package[] = [];
    const queue = [...(direct.requires ?? [])];
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      for (const item of byName.get(name) ?? []) {
        if (!claimed.has(item)) {
          claimed.add(item);
          transitive.push(item);
          queue.push(...(item.requires ?? []));
        }
      }
    }
    groups.push({ direct, transitive });
  }
  return { groups, orphans: added.filter((item) => !item.direct && !claimed.has(item)) };
}

export const addedRule: DepsRule = {
  meta: {
    id: "deps/added",
    category: "dependency",
    severity: "info",
    description: "A package was added directly (with the transitive packages it brings) or transitively; inventory for the reviewer.",
  },
  check: ({ diff }) => {
    const { groups, orphans } = foldTransitive(diff.added);
    const hits: DepsHit[] = groups.map(({ direct, transitive }) => ({
      package: direct,
      message: `Adds direct${direct.dev === true ? " dev" : ""} dependency ${describePackage(direct)}${transitive.length === 0 ? "" : ` with ${String(transitive.length)} transitive package${transitive.length === 1 ? "" : "s"} (${listed(transitive)})`}.`,
      properties: { ...packageProperties(direct), ...(transitive.length === 0 ? {} : { transitive: transitive.map(label) }) },
    }));
    if (orphans.length > 0) {
      hits.push({
        ...(orphans.length === 1 && orphans[0] !== undefined ? { package: orphans[0] } : {}),
        message: `Adds ${String(orphans.length)} transitive package${orphans.length === 1 ? "" : "s"} that no added direct dependency explains (${listed(orphans)}).`,
        properties: { transitive: orphans.map(label) },
      });
    }
    return hits;
  },
};
