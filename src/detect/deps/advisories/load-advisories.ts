/**
 * Loads OSV advisories from disk: a directory of OSV JSON files (searched recursively, as the
 * OSV and GitHub advisory-database repositories lay them out, .zip exports included) or a .zip
 * of them (OSV's per-ecosystem all.zip export). A file may hold one record, an array of records, or the OSV
 * API's `{ "vulns": [...] }`. A file that is not valid JSON or not an OSV record is an
 * ADVISORY_INVALID error naming it: silently skipping it would hide vulnerabilities. An export
 * `custody advisories update` indexed (export-index.ts) is read lazily, per package asked about.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { CustodyError } from "../../../model/errors.js";
import { buildAdvisoryIndex, type AdvisoryIndex } from "./advisory-index.js";
import { osvRecordSchema, type OsvRecord } from "./osv-schema.js";
import { EXPORT_INDEX_SUFFIX, openIndexedExport } from "./export-index.js";
import { readZipEntries } from "./read-zip.js";

/** The file `custody advisories update` writes beside the exports: what it fetched and when. */
export const ADVISORY_MANIFEST = "custody-advisories.json";

export async function loadAdvisories(pathOrZip: string): Promise<AdvisoryIndex> {
  let info;
  try {
    info = await stat(pathOrZip);
  } catch {
    throw new CustodyError(
      "FILE_NOT_FOUND",
      `${pathOrZip}: advisory source not found. Set detectors.deps.advisories.path to a directory or .zip of OSV JSON files.`,
      {
        position: { file: pathOrZip },
      },
    );
  }
  const records: OsvRecord[] = [];
  const indexed: AdvisoryIndex[] = [];
  if (info.isDirectory()) {
    const files = await advisoryFiles(pathOrZip);
    const present = new Set(files);
    for (const file of files) {
      if (file.endsWith(EXPORT_INDEX_SUFFIX)) {
        continue;
      }
      if (file.toLowerCase().endsWith(".zip") && present.has(`${file}${EXPORT_INDEX_SUFFIX}`)) {
        indexed.push(await openIndexedExport(file));
      } else if (file.toLowerCase().endsWith(".zip")) {
        append(records, await zipRecords(file));
      } else {
        append(records, parseAdvisoryFile(await readFile(file, "utf8"), file));
      }
    }
  } else if (pathOrZip.toLowerCase().endsWith(".zip")) {
    append(records, await zipRecords(pathOrZip));
  } else {
    append(records, parseAdvisoryFile(await readFile(pathOrZip, "utf8"), pathOrZip));
  }
  return combineIndexes([buildAdvisoryIndex(records), ...indexed]);
}

/** One index over several (eager records and indexed exports). */
export function combineIndexes(indexes: readonly AdvisoryIndex[]): AdvisoryIndex {
  const used = indexes.filter((index, position) => position === 0 || index.size > 0);
  if (used.length === 1 && used[0] !== undefined) {
    return used[0];
  }
  const dates = used
    .map((index) => index.newest)
    .filter((date): date is string => date !== undefined)
    .sort();
  return {
    size: used.reduce((total, index) => total + index.size, 0),
    newest: dates[dates.length - 1],
    forPackage: (ecosystem, name) => used.flatMap((index) => index.forPackage(ecosystem, name)),
  };
}

/** push(...items) overflows the stack for an export of 200,000 records. */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) {
    into.push(item);
  }
}

async function zipRecords(file: string): Promise<OsvRecord[]> {
  const records: OsvRecord[] = [];
  const archive = await readFile(file);
  for (const entry of readZipEntries(archive, file, (name) => name.toLowerCase().endsWith(".json"))) {
    append(records, parseAdvisoryFile(entry.data.toString("utf8"), `${file}!${entry.name}`));
  }
  return records;
}

/** OSV JSON files and per-ecosystem all.zip exports (what `custody advisories update` writes);
 * the update's own manifest is not an advisory. */
async function advisoryFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(json|zip)$/i.test(entry.name) && entry.name !== ADVISORY_MANIFEST)
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const apiResponseSchema = z.looseObject({ vulns: z.array(osvRecordSchema) });
const fileSchema = z.union([
  z.array(osvRecordSchema),
  apiResponseSchema.transform((response) => response.vulns),
  osvRecordSchema.transform((record) => [record]),
]);

/** Parses one advisory file's text; `file` names it in errors. */
export function parseAdvisoryFile(text: string, file: string): OsvRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new CustodyError(
      "ADVISORY_INVALID",
      `${file}: advisory file is not valid JSON. Replace it with the record from the OSV database.`,
      {
        position: { file },
      },
    );
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    // Report against the single-record reading, the common case, for a useful key path.
    const single = osvRecordSchema.safeParse(json);
    const issue = single.success ? result.error.issues[0] : single.error.issues[0];
    const key = issue?.path.map(String).join(".") ?? "";
    throw new CustodyError(
      "ADVISORY_INVALID",
      `${file}: not an OSV record${key === "" ? "" : ` (at ${key})`}: ${issue?.message ?? "unexpected structure"}. See https://ossf.github.io/osv-schema/.`,
      {
        position: { file, ...(key === "" ? {} : { key }) },
      },
    );
  }
  return result.data;
}
