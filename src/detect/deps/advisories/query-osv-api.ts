/**
 * Online advisories through OSV's batch API: one `POST {url}/v1/querybatch` per 1,000 package
 * versions (https://google.github.io/osv.dev/post-v1-querybatch/) answers with the ids of the
 * records that affect each, then `GET {url}/v1/vulns/{id}` fetches each record once. Records are
 * indexed like offline ones, so matching is the same code whichever source answered.
 * Responses are untrusted and parsed with the same OSV schema; a failed request is an
 * ADVISORY_INVALID error, which the caller turns into "the advisory check did not run".
 */
import { z } from "zod";
import { CustodyError } from "../../../model/errors.js";
import type { Package } from "../package.js";
import { buildAdvisoryIndex, type AdvisoryIndex } from "./advisory-index.js";
import { osvRecordSchema, type OsvRecord } from "./osv-schema.js";

const batchSchema = z.looseObject({
  results: z.array(
    z.looseObject({ vulns: z.array(z.looseObject({ id: z.string().min(1) })).default([]), next_page_token: z.string().optional() }),
  ),
});

/** OSV accepts at most 1,000 queries per batch. */
const BATCH_SIZE = 1000;
/** Record fetches in flight at once: enough to be quick, few enough to be polite to the service. */
const CONCURRENCY = 8;
/** A service that does not answer in this time is unavailable (a check must not hang on it). */
const TIMEOUT_MS = 30_000;

export async function queryOsvApi(url: string, packages: readonly Package[], fetchImpl: typeof fetch = fetch): Promise<AdvisoryIndex> {
  const root = url.replace(/\/+$/, "");
  const wanted = new Map<string, Package>();
  for (const item of packages) {
    if (item.version !== undefined) {
      wanted.set(`${item.ecosystem}\u0000${item.name}\u0000${item.version}`, item);
    }
  }
  const items = [...wanted.values()];
  const ids = new Set<string>();
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    const queries = items
      .slice(start, start + BATCH_SIZE)
      .map((item) => ({ package: { name: item.name, ecosystem: item.ecosystem }, version: item.version }));
    const answer = await call(
      root,
      "/v1/querybatch",
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ queries }) },
      fetchImpl,
    );
    const parsed = batchSchema.safeParse(answer);
    if (!parsed.success || parsed.data.results.length !== queries.length) {
      throw unavailable(root, "the batch answer is not one result per query");
    }
    for (const result of parsed.data.results) {
      for (const vuln of result.vulns) {
        ids.add(vuln.id);
      }
    }
  }
  const queue = [...ids].sort();
  const records: OsvRecord[] = [];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const parsed = osvRecordSchema.safeParse(await call(root, `/v1/vulns/${encodeURIComponent(id)}`, { method: "GET" }, fetchImpl));
      if (!parsed.success) {
        throw unavailable(root, `record ${id} is not an OSV record`);
      }
      records.push(parsed.data);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return buildAdvisoryIndex(records);
}

async function call(root: string, path: string, init: RequestInit, fetchImpl: typeof fetch): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(`${root}${path}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw unavailable(root, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    throw unavailable(root, `HTTP ${String(response.status)} from ${path}`);
  }
  try {
    return await response.json();
  } catch {
    throw unavailable(root, `the answer from ${path} is not JSON`);
  }
}

function unavailable(root: string, problem: string): CustodyError {
  return new CustodyError("ADVISORY_INVALID", `${root}: the OSV advisory service could not be queried (${problem}).`, {
    position: { file: root },
  });
}
