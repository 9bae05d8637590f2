/**
 * Loads OSV advisories from disk: a directory of OSV JSON files (searched recursively, as the
 * OSV and GitHub advisory-database repositories lay them out, .zip exports included) or a .zip
 * of them (OSV's per-ecosystem all.zip export). A file may hold one record, an array of records, or the OSV
 * API's `{ "vulns": [...] }`. A file that is not valid JSON or not an OSV record is an
 * ADVISORY_INVALID error naming it: silently skipping it would hide vulnerabilities.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { CustodyError } from "../../../model/errors.js";
import { buildAdvisoryIndex, type AdvisoryIndex } from "./advisory-index.js";
import { osvRecordSchema, type OsvRecord } from "./osv-schema.js";
import { readZipEntries } from "./read-zip.js";

/** The file `custody advisories update` writes beside the exports: what it fetched and when. */
export const ADVISORY_MANIFEST = "custody-advisories.json";

export async function loadAdvisories(pathOrZip: string): Promise<AdvisoryIndex> {
  let info;
  try {
    info = await stat(pathOrZip);
  } catch {
    throw new CustodyError("FILE_NOT_FOUND", `${pathOrZip}: advisory source not found. Set detectors.deps.advisories.path to a directory or .zip of OSV JSON files.`, {
      position: { file: pathOrZip },
    });
  }
  const records: OsvRecord[] = [];
  if (info.isDirectory()) {
    for (const file of await advisoryFiles(pathOrZip)) {
      if (file.toLowerCase().endsWith(".zip")) {
        records.push(...(await zipRecords(file)));
      } else {
        records.push(...parseAdvisoryFile(await readFile(file, "utf8"), file));
      }
    }
  } else if (pathOrZip.toLowerCase().endsWith(".zip")) {
    records.push(...(await zipRecords(pathOrZip)));
  } else {
    records.push(...parseAdvisoryFile(await readFile(pathOrZip, "utf8"), pathOrZip));
  }
  return buildAdvisoryIndex(records);
}

async function zipRecords(file: string): Promise<OsvRecord[]> {
  const records: OsvRecord[] = [];
  const archive = await readFile(file);
  for (const entry of readZipEntries(archive, file, (name) => name.toLowerCase().endsWith(".json"))) {
    records.push(...parseAdvisoryFile(entry.data.toString("utf8"), `${file}!${entry.name}`));
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
    throw new CustodyError("ADVISORY_INVALID", `${file}: advisory file is not valid JSON. Replace it with the record from the OSV database.`, {
      position: { file },
    });
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    // Report against the single-record reading, the common case, for a useful key path.
    const single = osvRecordSchema.safeParse(json);
    const issue = single.success ? result.error.issues[0] : single.error.issues[0];
    const key = issue?.path.map(String).join(".") ?? "";
    throw new CustodyError("ADVISORY_INVALID", `${file}: not an OSV record${key === "" ? "" : ` (at ${key})`}: ${issue?.message ?? "unexpected structure"}. See https://ossf.github.io/osv-schema/.`, {
      position: { file, ...(key === "" ? {} : { key }) },
    });
  }
  return result.data;
}
