/**
 * Online advisories: asks an OSV API (`POST {url}/v1/query`, https://google.github.io/osv.dev/post-v1-query/)
 * about each package version the change brings in, and indexes the answers like offline records.
 * Used only when the policy sets `advisories.url`; Custody never reaches the network otherwise.
 * Responses are untrusted and parsed with the same OSV schema; a failed request is an
 * ADVISORY_INVALID error (failing closed: a check that silently skipped advisories would pass
 * vulnerable code).
 */
import { z } from "zod";
import { CustodyError } from "../../../model/errors.js";
import type { Package } from "../package.js";
import { buildAdvisoryIndex, type AdvisoryIndex } from "./advisory-index.js";
import { osvRecordSchema, type OsvRecord } from "./osv-schema.js";

const responseSchema = z.looseObject({ vulns: z.array(osvRecordSchema).default([]), next_page_token: z.string().optional() });

/** Requests in flight at once: enough to be quick, few enough to be polite to the service. */
const CONCURRENCY = 8;
/** Pages followed per package before giving up (OSV pages only very long answers). */
const MAX_PAGES = 10;

export async function queryOsvApi(url: string, packages: readonly Package[], fetchImpl: typeof fetch = fetch): Promise<AdvisoryIndex> {
  const endpoint = `${url.replace(/\/+$/, "")}/v1/query`;
  const wanted = new Map<string, Package>();
  for (const item of packages) {
    if (item.version !== undefined) {
      wanted.set(`${item.ecosystem}\u0000${item.name}\u0000${item.version}`, item);
    }
  }
  const queue = [...wanted.values()];
  const records: OsvRecord[] = [];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      records.push(...(await queryOne(endpoint, item, fetchImpl)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return buildAdvisoryIndex(records);
}

async function queryOne(endpoint: string, item: Package, fetchImpl: typeof fetch): Promise<OsvRecord[]> {
  const records: OsvRecord[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = { package: { name: item.name, ecosystem: item.ecosystem }, version: item.version, ...(pageToken === undefined ? {} : { page_token: pageToken }) };
    let response: Response;
    try {
      response = await fetchImpl(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    } catch (error) {
      throw unavailable(endpoint, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      throw unavailable(endpoint, `HTTP ${String(response.status)}`);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw unavailable(endpoint, "the answer is not JSON");
    }
    const parsed = responseSchema.safeParse(json);
    if (!parsed.success) {
      throw unavailable(endpoint, "the answer is not a list of OSV records");
    }
    records.push(...parsed.data.vulns);
    pageToken = parsed.data.next_page_token;
    if (pageToken === undefined) {
      break;
    }
  }
  return records;
}

function unavailable(endpoint: string, problem: string): CustodyError {
  return new CustodyError("ADVISORY_INVALID", `${endpoint}: the OSV advisory service could not be queried (${problem}). Check detectors.deps.advisories.url, or use an offline advisories.path.`, {
    position: { file: endpoint },
  });
}
