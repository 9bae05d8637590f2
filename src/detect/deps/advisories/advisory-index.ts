/**
 * OSV records indexed by (ecosystem, package name), so a lockfile of thousands of packages is
 * matched with one map look-up each. Records for ecosystems Custody does not parse (Debian,
 * Alpine, …) and withdrawn records are left out. Names are normalised as the ecosystem does
 * (PEP 503 for PyPI), because advisories and lockfiles spell them differently.
 */
import { ECOSYSTEMS, packageKey, type Ecosystem } from "../package.js";
import type { OsvRecord } from "./osv-schema.js";

export interface AdvisoryIndex {
  /** Number of records indexed. */
  readonly size: number;
  /** The newest `modified` date (YYYY-MM-DD) among the records: how current the source is. */
  readonly newest?: string | undefined;
  forPackage(ecosystem: Ecosystem, name: string): readonly OsvRecord[];
}

const KNOWN = new Set<string>(ECOSYSTEMS);

/** The Custody ecosystem of an OSV `affected[].package.ecosystem` ("PyPI", "Maven", "npm:…"). */
export function osvEcosystem(value: string): Ecosystem | undefined {
  const base = value.split(":")[0] ?? value;
  return KNOWN.has(base) ? (base as Ecosystem) : undefined;
}

export function buildAdvisoryIndex(records: Iterable<OsvRecord>): AdvisoryIndex {
  const byPackage = new Map<string, OsvRecord[]>();
  let size = 0;
  let newest: string | undefined;
  for (const record of records) {
    if (record.modified !== undefined && (newest === undefined || record.modified > newest)) {
      newest = record.modified;
    }
    if (record.withdrawn !== undefined) {
      continue;
    }
    const keys = new Set<string>();
    for (const affected of record.affected) {
      const ecosystem = affected.package === undefined ? undefined : osvEcosystem(affected.package.ecosystem);
      if (ecosystem !== undefined && affected.package !== undefined) {
        keys.add(packageKey(ecosystem, affected.package.name));
      }
    }
    if (keys.size === 0) {
      continue;
    }
    size++;
    for (const key of keys) {
      const list = byPackage.get(key);
      if (list === undefined) {
        byPackage.set(key, [record]);
      } else {
        list.push(record);
      }
    }
  }
  return {
    size,
    newest: newest?.slice(0, 10),
    forPackage: (ecosystem, name) => byPackage.get(packageKey(ecosystem, name)) ?? [],
  };
}
