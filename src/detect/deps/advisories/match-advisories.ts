/**
 * Is this package version affected by an OSV record? Implements the evaluation in the OSV schema
 * (https://ossf.github.io/osv-schema/#evaluation): a version is affected if it is listed in
 * `affected[].versions`, or if, walking a range's events sorted by version, the last event at or
 * below it is an `introduced` (a `fixed` at or below it, or a `last_affected` below it, ends the
 * affected stretch). SEMVER ranges compare as SemVer; ECOSYSTEM ranges with the ecosystem's own
 * order; GIT ranges need commits and are skipped. A version the comparator cannot read matches
 * nothing rather than everything.
 */
import type { Severity } from "../../../model/severity.js";
import { normalizeName, type Package } from "../package.js";
import { compareSemverRange, VERSION_COMPARATORS, type VersionComparator } from "../versions/compare-version.js";
import type { AdvisoryIndex } from "./advisory-index.js";
import { osvEcosystem } from "./advisory-index.js";
import { advisorySeverity } from "./advisory-severity.js";
import type { OsvRange } from "./osv-schema.js";

export interface AdvisoryMatch {
  id: string;
  aliases: string[];
  summary?: string;
  severity?: Severity;
  /** The first fixed version above the package's version, when the record names one. */
  fixed?: string;
}

/** OSV's malicious-package records have MAL- ids; GitHub's malware advisories alias them. */
export function isMalwareAdvisory(match: Pick<AdvisoryMatch, "id" | "aliases">): boolean {
  return match.id.startsWith("MAL-") || match.aliases.some((alias) => alias.startsWith("MAL-"));
}

export function matchAdvisories(index: AdvisoryIndex, item: Package): AdvisoryMatch[] {
  const version = item.version;
  if (version === undefined) {
    return [];
  }
  const matches: AdvisoryMatch[] = [];
  const wanted = normalizeName(item.ecosystem, item.name);
  for (const record of index.forPackage(item.ecosystem, item.name)) {
    for (const affected of record.affected) {
      const name = affected.package?.name;
      const ecosystem = affected.package === undefined ? undefined : osvEcosystem(affected.package.ecosystem);
      if (ecosystem !== item.ecosystem || name === undefined || normalizeName(ecosystem, name) !== wanted) {
        continue;
      }
      const result = affects(affected.versions ?? [], affected.ranges ?? [], version, VERSION_COMPARATORS[item.ecosystem]);
      if (result.affected) {
        const severity = advisorySeverity(record, affected);
        matches.push({
          id: record.id,
          aliases: record.aliases ?? [],
          ...(record.summary === undefined ? {} : { summary: record.summary }),
          ...(severity === undefined ? {} : { severity }),
          ...(result.fixed === undefined ? {} : { fixed: result.fixed }),
        });
        break;
      }
    }
  }
  return matches;
}

export function affects(
  versions: readonly string[],
  ranges: readonly OsvRange[],
  version: string,
  compare: VersionComparator,
): { affected: boolean; fixed?: string } {
  const listed = versions.some((listedVersion) => listedVersion === version || compare(listedVersion, version) === 0);
  let fixedForListed: string | undefined;
  for (const range of ranges) {
    const comparator = range.type === "SEMVER" ? compareSemverRange : range.type === "ECOSYSTEM" ? compare : undefined;
    if (comparator === undefined) {
      continue;
    }
    const result = inRange(range, version, comparator);
    if (result.affected) {
      return result;
    }
    if (listed && fixedForListed === undefined) {
      fixedForListed = result.fixedAbove;
    }
  }
  if (listed) {
    return fixedForListed === undefined ? { affected: true } : { affected: true, fixed: fixedForListed };
  }
  return { affected: false };
}

interface Event {
  kind: "introduced" | "fixed" | "last_affected";
  version: string;
}

function inRange(range: OsvRange, version: string, compare: VersionComparator): { affected: boolean; fixed?: string; fixedAbove?: string } {
  const events: Event[] = [];
  for (const event of range.events) {
    if (event.introduced !== undefined) {
      events.push({ kind: "introduced", version: event.introduced });
    } else if (event.fixed !== undefined) {
      events.push({ kind: "fixed", version: event.fixed });
    } else if (event.last_affected !== undefined) {
      events.push({ kind: "last_affected", version: event.last_affected });
    }
  }
  // "0" is the introduced-since-forever sentinel: lower than every version.
  const order = (a: string, b: string): number | undefined => (a === "0" ? (b === "0" ? 0 : -1) : b === "0" ? 1 : compare(a, b));
  for (const event of events) {
    if (order(event.version, version) === undefined) {
      return { affected: false };
    }
  }
  events.sort((a, b) => order(a.version, b.version) ?? 0);
  let affected = false;
  let fixedAbove: string | undefined;
  for (const event of events) {
    const relation = order(version, event.version) ?? -1;
    switch (event.kind) {
      case "introduced":
        if (relation >= 0) {
          affected = true;
        }
        break;
      case "fixed":
        if (relation >= 0) {
          affected = false;
        } else {
          fixedAbove ??= event.version;
        }
        break;
      case "last_affected":
        if (relation > 0) {
          affected = false;
        }
        break;
    }
  }
  return affected
    ? { affected, ...(fixedAbove === undefined ? {} : { fixed: fixedAbove }) }
    : { affected, ...(fixedAbove === undefined ? {} : { fixedAbove }) };
}
