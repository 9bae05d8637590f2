/**
 * A package index for an OSV export, so a check reads only the records of the packages it asks
 * about. OSV's npm export holds about 200,000 records; inflating and parsing all of them costs
 * seconds on every cold start, while a change asks about a few thousand packages at most.
 * `custody advisories update` writes `all.zip.packages.json` beside each archive it downloads
 * (it has read every record then anyway): package key → the archive entries naming it, plus
 * the record count and newest date. The check reads the archive's central directory and this
 * index, and inflates and validates an entry only when its package is looked up — a record that
 * is malformed is still reported, when it is about a package the change brings in.
 */
import { readFile } from "node:fs/promises";
import { CustodyError } from "../../../model/errors.js";
import { packageKey } from "../package.js";
import { osvEcosystem, type AdvisoryIndex } from "./advisory-index.js";
import { parseAdvisoryFile } from "./load-advisories.js";
import type { OsvRecord } from "./osv-schema.js";
import { listZipEntries } from "./read-zip.js";

export const EXPORT_INDEX_SUFFIX = ".packages.json";

export interface ExportIndex {
  records: number;
  newest?: string;
  packages: Record<string, string[]>;
}

/** The index is our own file but sits in a directory anyone may write: its shape is checked.
 * By hand, not with zod: a schema walk over 200,000 keys costs more than the rest of a cold
 * start together. Entry lists are checked when a package's entries are read. */
function asExportIndex(value: unknown): ExportIndex | undefined {
  if (typeof value !== "object" || value === null) {
    return undefined;
  }
  const { records, newest, packages } = value as Record<string, unknown>;
  if (
    typeof records !== "number" ||
    (newest !== undefined && typeof newest !== "string") ||
    typeof packages !== "object" ||
    packages === null ||
    Array.isArray(packages)
  ) {
    return undefined;
  }
  return { records, ...(newest === undefined ? {} : { newest }), packages: packages as Record<string, string[]> };
}

/** Builds the index from an archive's records (entry name → its records). */
export function buildExportIndex(entries: Iterable<{ name: string; records: readonly OsvRecord[] }>): ExportIndex {
  const packages: Record<string, string[]> = {};
  let records = 0;
  let newest: string | undefined;
  for (const entry of entries) {
    for (const record of entry.records) {
      records++;
      if (record.modified !== undefined && (newest === undefined || record.modified > newest)) {
        newest = record.modified;
      }
      for (const affected of record.affected) {
        const ecosystem = affected.package === undefined ? undefined : osvEcosystem(affected.package.ecosystem);
        if (ecosystem !== undefined && affected.package !== undefined) {
          const key = packageKey(ecosystem, affected.package.name);
          const list = (packages[key] ??= []);
          if (list[list.length - 1] !== entry.name) {
            list.push(entry.name);
          }
        }
      }
    }
  }
  return { records, ...(newest === undefined ? {} : { newest: newest.slice(0, 10) }), packages };
}

/** An AdvisoryIndex over an archive and its package index: entries are read on look-up. */
export async function openIndexedExport(zipPath: string): Promise<AdvisoryIndex> {
  const indexPath = `${zipPath}${EXPORT_INDEX_SUFFIX}`;
  const [archive, indexText] = await Promise.all([readFile(zipPath), readFile(indexPath, "utf8")]);
  let parsed: ExportIndex | undefined;
  try {
    parsed = asExportIndex(JSON.parse(indexText));
  } catch {
    parsed = undefined;
  }
  const damaged = (): CustodyError =>
    new CustodyError("ADVISORY_INVALID", `${indexPath}: not a package index of an OSV export. Run \`custody advisories update\` again.`, {
      position: { file: indexPath },
    });
  if (parsed === undefined) {
    throw damaged();
  }
  const index = parsed;
  const entries = new Map(
    listZipEntries(archive, zipPath, (name) => name.toLowerCase().endsWith(".json")).map((entry) => [entry.name, entry]),
  );
  const cache = new Map<string, readonly OsvRecord[]>();
  const recordsOf = (name: string): readonly OsvRecord[] => {
    let records = cache.get(name);
    if (records === undefined) {
      const entry = entries.get(name);
      if (entry === undefined) {
        throw new CustodyError(
          "ADVISORY_INVALID",
          `${indexPath}: names ${name}, which ${zipPath} does not hold. Run \`custody advisories update\` again.`,
          { position: { file: indexPath } },
        );
      }
      records = parseAdvisoryFile(entry.read().toString("utf8"), `${zipPath}!${name}`).filter((record) => record.withdrawn === undefined);
      cache.set(name, records);
    }
    return records;
  };
  return {
    size: index.records,
    newest: index.newest,
    forPackage: (ecosystem, name) => {
      const names = Object.hasOwn(index.packages, packageKey(ecosystem, name)) ? index.packages[packageKey(ecosystem, name)] : undefined;
      if (names === undefined) {
        return [];
      }
      if (!Array.isArray(names) || !names.every((entry) => typeof entry === "string")) {
        throw damaged();
      }
      return names.flatMap(recordsOf);
    },
  };
}
