/**
 * `custody advisories update`: downloads OSV's per-ecosystem exports ({url}/{Ecosystem}/all.zip,
 * https://google.github.io/osv.dev/data/#data-dump) into a cache directory, so CI can check
 * advisories offline and every run of a day uses the same data. Each archive is read through
 * before it replaces the previous copy (a truncated or corrupt download keeps yesterday's data
 * and fails loudly), written to a temporary name and renamed into place, and a manifest records
 * what was fetched, from where and when — the date the check's report names.
 */
import { createHash } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CustodyError } from "../../../model/errors.js";
import type { Ecosystem } from "../package.js";
import { buildExportIndex, EXPORT_INDEX_SUFFIX } from "./export-index.js";
import { ADVISORY_MANIFEST, parseAdvisoryFile } from "./load-advisories.js";
import { listZipEntries } from "./read-zip.js";

export const OSV_EXPORT_URL = "https://osv-vulnerabilities.storage.googleapis.com";
const TIMEOUT_MS = 10 * 60 * 1000;

export interface UpdatedExport {
  ecosystem: Ecosystem;
  file: string;
  bytes: number;
  records: number;
  sha256: string;
}

export interface AdvisoryUpdate {
  directory: string;
  source: string;
  updated: string;
  exports: UpdatedExport[];
}

export async function updateAdvisories(
  directory: string,
  ecosystems: readonly Ecosystem[],
  url = OSV_EXPORT_URL,
  fetchImpl: typeof fetch = fetch,
  now = new Date(),
): Promise<AdvisoryUpdate> {
  const root = url.replace(/\/+$/, "");
  const exports: UpdatedExport[] = [];
  for (const ecosystem of ecosystems) {
    const address = `${root}/${encodeURIComponent(ecosystem)}/all.zip`;
    const archive = await download(address, fetchImpl);
    // Read every record now: what is cached is what the check can load, and the package index
    // lets the check read only the records of the packages it asks about.
    const parsed = listZipEntries(archive, address, (name) => name.toLowerCase().endsWith(".json")).map((entry) => ({
      name: entry.name,
      records: parseAdvisoryFile(entry.read().toString("utf8"), `${address}!${entry.name}`),
    }));
    const index = buildExportIndex(parsed);
    const folder = join(directory, ecosystem);
    await mkdir(folder, { recursive: true });
    const file = join(folder, "all.zip");
    // Archive first, index second: a crash in between leaves an index that names entries the
    // new archive may lack, which the check reports rather than misreads.
    await writeFile(`${file}.partial`, archive);
    await rename(`${file}.partial`, file);
    await writeFile(`${file}${EXPORT_INDEX_SUFFIX}.partial`, JSON.stringify(index));
    await rename(`${file}${EXPORT_INDEX_SUFFIX}.partial`, `${file}${EXPORT_INDEX_SUFFIX}`);
    exports.push({
      ecosystem,
      file: join(ecosystem, "all.zip"),
      bytes: archive.length,
      records: index.records,
      sha256: createHash("sha256").update(archive).digest("hex"),
    });
  }
  const update: AdvisoryUpdate = { directory, source: root, updated: now.toISOString(), exports };
  await writeFile(join(directory, ADVISORY_MANIFEST), `${JSON.stringify({ source: root, updated: update.updated, exports }, null, 2)}\n`);
  return update;
}

async function download(address: string, fetchImpl: typeof fetch): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetchImpl(address, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new CustodyError(
      "ADVISORY_INVALID",
      `${address}: could not download the OSV export (${error instanceof Error ? error.message : String(error)}). The cached copy, if any, is unchanged.`,
      { position: { file: address } },
    );
  }
  if (!response.ok) {
    throw new CustodyError(
      "ADVISORY_INVALID",
      `${address}: could not download the OSV export (HTTP ${String(response.status)}). The cached copy, if any, is unchanged.`,
      { position: { file: address } },
    );
  }
  return Buffer.from(await response.arrayBuffer());
}
