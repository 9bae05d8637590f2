/**
 * The added lines of one file from the `patch` GitHub's API gives per PR file (a unified diff
 * without file headers: hunks only). Line numbers are the head version's, counted from each
 * hunk header's `+start`. `\ No newline at end of file` markers are not lines.
 */
import type { AddedLine } from "../../model/change.js";

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function patchAddedLines(patch: string): AddedLine[] {
  const added: AddedLine[] = [];
  let line = 0;
  let inHunk = false;
  for (const text of patch.split("\n")) {
    const header = HUNK_HEADER.exec(text);
    if (header?.[1] !== undefined) {
      line = Number(header[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk || text.startsWith("\\")) {
      continue;
    }
    if (text.startsWith("+")) {
      added.push({ line, text: text.slice(1).replace(/\r$/, "") });
      line += 1;
    } else if (text.startsWith(" ") || text === "") {
      line += 1;
    }
    // "-" lines exist only in the base: they do not advance the head's line number.
  }
  return added;
}
