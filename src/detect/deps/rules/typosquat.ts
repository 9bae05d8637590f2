/**
 * deps/typosquat: a newly added direct dependency whose name imitates a popular package
 * (one typo away, separator or scope confusion). Only direct additions are checked: they are the
 * names a person or an agent typed; transitive names were chosen by other maintainers.
 */
import { findTyposquat } from "../typosquat/find-typosquat.js";
import { packageProperties, type DepsHit, type DepsRule } from "./deps-rule.js";

const HOW = { typo: "one typo away from", separator: "differs only in separators from", scope: "imitates the scoped name" } as const;

export const typosquatRule: DepsRule = {
  meta: {
    id: "deps/typosquat",
    category: "dependency",
    severity: "high",
    description: "A newly added package's name imitates a popular package (typo, separator or scope confusion).",
  },
  check: ({ diff, options }) => {
    if (!options.typosquat.enabled) {
      return [];
    }
    const hits: DepsHit[] = [];
    for (const item of diff.added) {
      if (!item.direct) {
        continue;
      }
      const hit = findTyposquat(item.ecosystem, item.name, { maxDistance: options.typosquat.max_distance, extraPopular: options.typosquat.popular });
      if (hit !== undefined) {
        hits.push({
          package: item,
          message: `New ${item.ecosystem} package "${item.name}" ${HOW[hit.kind]} "${hit.target}": check that it is the package you meant.`,
          properties: { ...packageProperties(item), imitates: hit.target, trick: hit.kind },
        });
      }
    }
    return hits;
  },
};
