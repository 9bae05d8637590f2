/**
 * Trailer-shaped lines anywhere in a commit message, for the keys that name an agent.
 *
 * git's own parser (`%(trailers)`) reads only the final paragraph, and only when every line of
 * it looks like a trailer. Real agent commits break that in several documented ways: a GitHub
 * squash merge lists the squashed commits' `Co-authored-by:` lines after a `---------` line or in
 * the middle of the body; Copilot puts a `Copilot-Session:` paragraph after the co-authors; a
 * tool's footer line (`🤖 Generated with [Claude Code](…)`) sits in the same paragraph and makes
 * git reject the whole block. So for the keys Custody reads as identity or session evidence,
 * every line of the body that starts with `Key:` counts, wherever it is.
 *
 * Only lines that START with the key (after spaces) count: a quoted line (`> Co-authored-by:`)
 * or prose that mentions a key is not a trailer. The subject line never counts. Keys compare
 * case-insensitively, as git compares them. Pure and linear in the message length.
 */
import type { Trailer } from "../model/commit.js";

const KEY_CHARS = /^[A-Za-z][A-Za-z0-9-]*$/u;

/**
 * The `Key: value` lines of `message` (subject excluded) whose lower-cased key is in `keys`,
 * in message order.
 */
export function messageTrailers(message: string, keys: ReadonlySet<string>): Trailer[] {
  const out: Trailer[] = [];
  let start = message.indexOf("\n");
  if (start === -1) {
    return out;
  }
  start += 1;
  while (start < message.length) {
    let end = message.indexOf("\n", start);
    if (end === -1) {
      end = message.length;
    }
    const colon = message.indexOf(":", start);
    if (colon !== -1 && colon < end) {
      const key = message.slice(start, colon).trim();
      if (key !== "" && key.length <= 64 && KEY_CHARS.test(key) && keys.has(key.toLowerCase())) {
        const value = message.slice(colon + 1, end).trim();
        if (value !== "") {
          out.push({ key, value });
        }
      }
    }
    start = end + 1;
  }
  return out;
}

/**
 * git's trailers followed by the body's trailer lines git did not report (same key and value,
 * compared case- and space-insensitively, are one trailer).
 */
export function allTrailers(gitTrailers: readonly Trailer[], bodyTrailers: readonly Trailer[]): Trailer[] {
  if (bodyTrailers.length === 0) {
    return [...gitTrailers];
  }
  const seen = new Set(gitTrailers.map(trailerKey));
  const out = [...gitTrailers];
  for (const trailer of bodyTrailers) {
    const key = trailerKey(trailer);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(trailer);
    }
  }
  return out;
}

function trailerKey(trailer: Trailer): string {
  return `${trailer.key.trim().toLowerCase()}\u0000${trailer.value.replace(/\s+/gu, " ").trim().toLowerCase()}`;
}
