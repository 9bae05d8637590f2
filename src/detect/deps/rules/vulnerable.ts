/**
 * deps/vulnerable: an added or changed package version is affected by a known OSV advisory.
 * The finding takes the advisory's own severity when it has one. Advisories the policy accepts
 * (by id or alias) are skipped.
 */
import { isMalwareAdvisory, matchAdvisories } from "../advisories/match-advisories.js";
import { incoming, packageProperties, type DepsHit, type DepsRule } from "./deps-rule.js";

export const vulnerableRule: DepsRule = {
  meta: {
    id: "deps/vulnerable",
    category: "dependency",
    severity: "high",
    description: "An added or updated package version has a known vulnerability (OSV advisory).",
  },
  check: ({ diff, advisories, advisoryStatus, options }) => {
    if (advisories === undefined) {
      return [];
    }
    const accepted = new Set(options.allow.advisories);
    const hits: DepsHit[] = [];
    for (const item of incoming(diff)) {
      for (const match of matchAdvisories(advisories, item)) {
        // Malware is deps/malware's, reported once as what it is.
        if (isMalwareAdvisory(match) || accepted.has(match.id) || match.aliases.some((alias) => accepted.has(alias))) {
          continue;
        }
        const fix = match.fixed === undefined ? "no fixed version is published" : `fixed in ${match.fixed}`;
        hits.push({
          package: item,
          message: `${item.ecosystem} package ${item.name}@${item.version ?? "?"} is affected by ${match.id}${match.summary === undefined ? "" : ` (${match.summary})`}; ${fix}.`,
          ...(match.severity === undefined ? {} : { severity: match.severity }),
          discriminator: `${match.id}@${item.version ?? ""}`,
          properties: {
            ...packageProperties(item),
            advisory: match.id,
            ...(advisoryStatus?.source === undefined ? {} : { advisory_source: advisoryStatus.source, advisory_date: advisoryStatus.date }),
            aliases: match.aliases,
            ...(match.fixed === undefined ? {} : { fixed: match.fixed }),
          },
        });
      }
    }
    return hits;
  },
};
