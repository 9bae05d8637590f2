/**
 * Git trailers from a commit message as a push payload or the REST API carries it (the message
 * only, no git; beside the `Trailer` type so sources and the case projection share it):
 * the last paragraph's `Key: value` lines. Used for `Authorized-by`, which names the human who
 * delegated an agent's work. Keys are compared lower-cased.
 */
import type { Trailer } from "./commit.js";

const TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]{0,63}):\s*(.+)$/;

export function parseMessageTrailers(message: string): Trailer[] {
  const paragraphs = message
    .replace(/\r\n/g, "\n")
    .trimEnd()
    .split(/\n\s*\n/);
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] : undefined;
  if (last === undefined) {
    return [];
  }
  const trailers: Trailer[] = [];
  for (const line of last.split("\n")) {
    const match = TRAILER_LINE.exec(line.trim());
    if (match?.[1] === undefined || match[2] === undefined) {
      // A paragraph with a non-trailer line is body text, not a trailer block.
      return [];
    }
    trailers.push({ key: match[1], value: match[2].trim() });
  }
  return trailers;
}

/** `Jane Doe <jane@example.com>` → `jane@example.com`-free display: keeps the text as written. */
export function authorizedBy(trailers: readonly Trailer[]): string | undefined {
  return trailers.find((t) => t.key.toLowerCase() === "authorized-by")?.value;
}
