/**
 * Provenance trailers: the lines that link an agent commit to its task and to the human who
 * authorised it (`Agent-Task: PROJ-123`, `Authorized-by: Jane <jane@example.com>`). The policy
 * names the keys; these functions say which are present and which are missing.
 *
 * Keys match case-insensitively (git itself treats trailer keys that way). A key present with an
 * empty value counts as missing: `Authorized-by:` with nothing after it authorises no one. A key
 * given several times keeps every distinct value, joined with `, `.
 */
import type { Commit } from "../model/commit.js";

/** The trailer keys required when the policy names none. */
export const DEFAULT_PROVENANCE_TRAILERS = ["Agent-Task", "Authorized-by"] as const;

export interface ProvenanceTrailers {
  /** Values present, by lower-cased key. */
  values: Record<string, string>;
  /** Required keys (as the caller spelled them) with no non-empty value. */
  missing: string[];
}

function clean(value: string): string {
  return value.replace(/\s+/gu, " ").trim();
}

export function readProvenanceTrailers(commit: Commit, required: readonly string[] = DEFAULT_PROVENANCE_TRAILERS): ProvenanceTrailers {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  const seenKeys = new Set<string>();
  for (const key of required) {
    const wanted = key.trim().toLowerCase();
    if (wanted === "" || seenKeys.has(wanted)) {
      continue;
    }
    seenKeys.add(wanted);
    const found: string[] = [];
    for (const trailer of commit.trailers) {
      const value = clean(trailer.value);
      if (trailer.key.trim().toLowerCase() === wanted && value !== "" && !found.includes(value)) {
        found.push(value);
      }
    }
    if (found.length === 0) {
      missing.push(key.trim());
    } else {
      values[wanted] = found.join(", ");
    }
  }
  return { values, missing };
}

/** The required trailer keys this commit lacks (empty when all are present). */
export function missingProvenanceTrailers(commit: Commit, required: string[]): string[] {
  return readProvenanceTrailers(commit, required).missing;
}
