/**
 * `audit --secrets`: every secret ever added in a repository's history, streamed. Built on
 * history-patches.ts (one `git log -p` process, bounded memory); each chunk of added lines is
 * scanned as it arrives and findings are yielded at once, tagged with their commit. A file's
 * chunks overlap by a few lines so a PEM block cut between two chunks is still seen whole; a
 * match already reported from the previous chunk is not reported twice.
 */
import type { AddedLine } from "../../model/change.js";
import type { Finding } from "../../model/finding.js";
import { historyPatches, type HistoryPatchOptions } from "../../sources/git/history-patches.js";
import { createSecretScanner, type ScanOptions } from "./scan-text.js";
import { secretFinding } from "./secret-finding.js";

export interface HistoryScanOptions extends ScanOptions, Pick<HistoryPatchOptions, "rev" | "all" | "chunkBytes" | "since" | "until"> {}

/** Lines carried from one chunk into the next of the same file (a 4096-bit PEM key is ~50). */
const OVERLAP_LINES = 128;

export async function* scanHistory(repoDir: string, options: HistoryScanOptions = {}): AsyncGenerator<Finding> {
  const scanner = createSecretScanner(options);
  const patchOptions: HistoryPatchOptions = {};
  if (options.rev !== undefined) {
    patchOptions.rev = options.rev;
  }
  if (options.all !== undefined) {
    patchOptions.all = options.all;
  }
  if (options.chunkBytes !== undefined) {
    patchOptions.chunkBytes = options.chunkBytes;
  }
  if (options.since !== undefined) {
    patchOptions.since = options.since;
  }
  if (options.until !== undefined) {
    patchOptions.until = options.until;
  }
  let carried: AddedLine[] = [];
  let reported = new Set<string>();
  for await (const patch of historyPatches(repoDir, patchOptions)) {
    const lines = carried.length > 0 ? [...carried, ...patch.addedLines] : patch.addedLines;
    const text = lines.map((added) => added.text).join("\n");
    const lineOf = (line: number): number => lines[line - 1]?.line ?? line;
    for (const match of scanner.scan(text, patch.path)) {
      const finding = secretFinding(match, { path: patch.path, lineOf, commit: patch.commit });
      const key = `${finding.ruleId}:${String(finding.location?.startLine)}:${String(finding.location?.startColumn)}`;
      if (reported.has(key)) {
        continue;
      }
      reported.add(key);
      yield finding;
    }
    if (patch.continues) {
      carried = lines.slice(-OVERLAP_LINES);
    } else {
      carried = [];
      reported = new Set();
    }
  }
}
