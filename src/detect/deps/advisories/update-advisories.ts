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
import { ADVISORY_MANIFEST, parseAdvisoryFile } from "./load-advisories.js";
import { readZipEntries } from "./read-zip.js";

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

export async function updateAdvisories(directory: string, ecosystems: readonly Ecosystem[], url = OSV_EXPORT_URL, fetchImpl: typeof fetch = fetch, now = new Date()): Promise<AdvisoryUpdate> {
  const root = url.replace(/\/+$/, "");
  const exports: UpdatedExport[] = [];
  for (const ecosystem of ecosystems) {
    const address = `${root}/${encodeURIComponent(ecosystem)}/all.zip`;
    const archive = await download(address, fetchImpl);
    // Read every record now: what is cached is what the check can load.
    let records = 0;
    for (const entry of readZipEntries(archive, address, (name) => name.toLowerCase().endsWith(".json"))) {
      records += parseAdvisoryFile(entry.data.toString("utf8"), `${address}!${entry.name}`).length;
    }
    const folder = join(directory, ecosystem);
    await mkdir(folder, { recursive: true });
    const file = join(folder, "all.zip");
    await writeFile(`${file}.partial`, archive);
    await rename(`${file}.partial`, file);
    exports.push({ ecosystem, file: join(ecosystem, "all.zip"), bytes: archive.length, records, sha256: createHash("sha256").update(archive).digest("hex") });
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
    throw new CustodyError("ADVISORY_INVALID", `${address}: could not download the OSV export (${error instanceof Error ? error.message : String(error)}). The cached copy, if any, is unchanged.`, { position: { file: address } });
  }
  if (!response.ok) {
    throw new CustodyError("ADVISORY_INVALID", `${address}: could not download the OSV export (HTTP ${String(response.status)}). The cached copy, if any, is unchanged.`, { position: { file: address } });
  }
  return Buffer.from(await response.arrayBuffer());
}
