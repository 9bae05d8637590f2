/**
 * Which advisory source answers for this check, and what the report says about it. The check is
 * never silently off: the result always carries a status that names the source and its date, or
 * says why advisories were not checked (the detector reports that in every format).
 *
 * `auto` (the default) takes, in order: the configured `path` when it exists; the exports
 * `custody advisories update` left in `cache_dir`; OSV's batch API. `export` and `api` force
 * one source; `off` is the policy's explicit choice and is reported as such.
 */
import { stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { isCustodyError } from "../../../model/errors.js";
import type { DepsOptions } from "../options.js";
import type { Package } from "../package.js";
import type { AdvisoryIndex } from "./advisory-index.js";
import { loadAdvisories } from "./load-advisories.js";
import { queryOsvApi } from "./query-osv-api.js";

export interface AdvisoryStatus {
  /** Advisories were checked. */
  ran: boolean;
  /** "OSV export vendor/osv", "OSV API https://api.osv.dev". */
  source?: string;
  /** Newest record date of an export, or the day an API was asked. */
  date?: string | undefined;
  records?: number;
  /** Why advisories were not checked. */
  problem?: string;
  /** The policy says a check without advisories fails. */
  required: boolean;
}

export interface ResolvedAdvisories {
  index?: AdvisoryIndex;
  status: AdvisoryStatus;
}

const exportCache = new Map<string, Promise<AdvisoryIndex>>();

export async function resolveAdvisories(
  options: DepsOptions["advisories"],
  repoDir: string | undefined,
  packages: readonly Package[],
  fetchImpl: typeof fetch = fetch,
): Promise<ResolvedAdvisories> {
  const required = options.required;
  if (options.source === "off") {
    return { status: { ran: false, problem: "the policy turns advisories off (detectors.deps.advisories.source: off)", required } };
  }
  const local = (path: string): string => (isAbsolute(path) || repoDir === undefined ? path : resolve(repoDir, path));
  const problems: string[] = [];
  if (options.source !== "api") {
    for (const [path, label] of [
      [options.path, "advisories.path"],
      [options.cache_dir, "the advisory cache (custody advisories update)"],
    ] as const) {
      if (path === undefined) {
        continue;
      }
      const absolute = local(path);
      const mtime = await stat(absolute).then(
        (info) => info.mtimeMs,
        () => undefined,
      );
      if (mtime === undefined) {
        if (path === options.path) {
          problems.push(`${path} (${label}) does not exist`);
        }
        continue;
      }
      try {
        const index = await loadExport(absolute, mtime);
        return { index, status: { ran: true, source: `OSV export ${path}`, date: index.newest, records: index.size, required } };
      } catch (error) {
        if (!isCustodyError(error)) {
          throw error;
        }
        problems.push(error.message);
      }
    }
    if (options.source === "export") {
      return {
        status: { ran: false, problem: problems.join("; ") || "no OSV export is configured (detectors.deps.advisories.path)", required },
      };
    }
  }
  try {
    const index = await queryOsvApi(options.url, packages, fetchImpl);
    return {
      index,
      status: { ran: true, source: `OSV API ${options.url}`, date: new Date().toISOString().slice(0, 10), records: index.size, required },
    };
  } catch (error) {
    if (!isCustodyError(error)) {
      throw error;
    }
    problems.push(error.message);
    return { status: { ran: false, problem: problems.join("; "), required } };
  }
}

/** One load per export and modification time, so a long-running server picks up a refresh. */
function loadExport(absolute: string, mtime: number): Promise<AdvisoryIndex> {
  const key = `${absolute}\u0000${String(mtime)}`;
  let loading = exportCache.get(key);
  if (loading === undefined) {
    loading = loadAdvisories(absolute);
    exportCache.set(key, loading);
    loading.catch(() => exportCache.delete(key));
  }
  return loading;
}
