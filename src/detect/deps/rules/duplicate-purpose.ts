/**
 * deps/duplicate-purpose: a newly added direct dependency serves a purpose a package already
 * present serves (a second HTTP client, date library, logger, …; see purpose-groups.ts).
 */
import { normalizeName } from "../package.js";
import { PURPOSE_GROUPS } from "../purpose-groups.js";
import { packageProperties, type DepsHit, type DepsRule } from "./deps-rule.js";

export const duplicatePurposeRule: DepsRule = {
  meta: {
    id: "deps/duplicate-purpose",
    category: "dependency",
    severity: "low",
    description: "An added package duplicates the purpose of one already present (two HTTP clients, two date libraries, …).",
  },
  check: ({ diff, present }) => {
    const hits: DepsHit[] = [];
    for (const item of diff.added) {
      if (!item.direct) {
        continue;
      }
      const name = normalizeName(item.ecosystem, item.name);
      for (const group of PURPOSE_GROUPS) {
        if (group.ecosystem !== item.ecosystem || !group.packages.some((member) => normalizeName(group.ecosystem, member) === name)) {
          continue;
        }
        const others = new Set<string>();
        for (const other of present) {
          const otherName = normalizeName(other.ecosystem, other.name);
          if (
            other.ecosystem === group.ecosystem &&
            otherName !== name &&
            other.direct &&
            group.packages.some((member) => normalizeName(group.ecosystem, member) === otherName)
          ) {
            others.add(other.name);
          }
        }
        if (others.size > 0) {
          const list = [...others].sort();
          hits.push({
            package: item,
            message: `Adds ${item.name}, another ${group.purpose}, while ${list.join(", ")} already ${list.length === 1 ? "serves" : "serve"} that purpose.`,
            discriminator: group.purpose,
            properties: { ...packageProperties(item), purpose: group.purpose, duplicates: list },
          });
        }
      }
    }
    return hits;
  },
};
