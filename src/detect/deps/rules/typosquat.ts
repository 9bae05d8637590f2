/**
 * deps/typosquat: a newly added direct dependency whose name imitates a package at least 100×
 * more used (find-typosquat.ts: homoglyph, separator, scope, transposition, repeated letter,
 * affix, or a typo scaled by length). Only direct additions are checked: they are the names a
 * person or an agent typed; transitive names were chosen by other maintainers. The finding names
 * the imitated package and both download counts (or ranks), so a reviewer can judge at a glance.
 */
import { findTyposquat, type TyposquatHit, type TyposquatTrick } from "../typosquat/find-typosquat.js";
import { packageProperties, type DepsHit, type DepsRule } from "./deps-rule.js";

const HOW: Record<TyposquatTrick, string> = {
  homoglyph: "swaps look-alike characters of",
  separator: "differs only in separators from",
  scope: "imitates the scoped name",
  transposition: "swaps two letters of",
  "repeated-letter": "repeats or drops a doubled letter of",
  affix: "adds a common affix to",
  typo: "is a typo away from",
};

export function describePopularity(hit: TyposquatHit, side: "target" | "suspect"): string {
  const value = side === "target" ? hit.targetPopularity : hit.suspectPopularity;
  if (value === undefined) {
    return side === "target"
      ? hit.measure === "known"
        ? "a known package"
        : "named popular by the policy"
      : "not in the popularity table";
  }
  return hit.measure === "rank" ? `ranked ${value.toLocaleString("en-US")}` : `${value.toLocaleString("en-US")} downloads a month`;
}

export const typosquatRule: DepsRule = {
  meta: {
    id: "deps/typosquat",
    category: "dependency",
    severity: "high",
    description:
      "A newly added package's name imitates a much more popular package (typo, look-alike, separator, affix or scope confusion).",
  },
  check: ({ diff, options, registry }) => {
    if (!options.typosquat.enabled) {
      return [];
    }
    const hits: DepsHit[] = [];
    for (const item of diff.added) {
      if (!item.direct) {
        continue;
      }
      const hit = findTyposquat(item.ecosystem, item.name, {
        maxDistance: options.typosquat.max_distance,
        extraPopular: options.typosquat.popular,
        suspectDownloads: registry?.get(item.ecosystem, item.name)?.downloads,
      });
      if (hit !== undefined) {
        hits.push({
          package: item,
          message: `New ${item.ecosystem} package "${item.name}" (${describePopularity(hit, "suspect")}) ${HOW[hit.trick]} "${hit.target}" (${describePopularity(hit, "target")}): check that it is the package you meant.`,
          properties: {
            ...packageProperties(item),
            imitates: hit.target,
            trick: hit.trick,
            distance: hit.distance,
            popularity_measure: hit.measure,
            ...(hit.targetPopularity === undefined ? {} : { imitated_popularity: hit.targetPopularity }),
            ...(hit.suspectPopularity === undefined ? {} : { popularity: hit.suspectPopularity }),
          },
        });
      }
    }
    return hits;
  },
};
