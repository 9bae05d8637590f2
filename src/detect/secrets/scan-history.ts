/**
 * `audit --secrets` and `custody secrets baseline`: every secret ever added in a repository's
 * history, streamed. The detector does not read git itself: the engine hands it the history as
 * an async stream of patches (chunks of one file's added lines in one commit, as
 * sources/git/history-patches.ts yields them), as gitleaks' detect takes parsed patches from its
 * git package. Each chunk is scanned as it arrives and findings are yielded at once, tagged with
 * their commit. A file's chunks overlap by a few lines so a PEM block cut between two chunks is
 * still seen whole; a match already reported from the previous chunk is not reported twice.
 */
import type { AddedLine } from "../../model/change.js";
import type { Finding } from "../../model/finding.js";
import { createSecretScanner, type ScanOptions } from "./scan-text.js";
import { secretFinding } from "./secret-finding.js";

/** One chunk of the lines a commit added to one file. */
export interface HistoryPatch {
  commit: string;
  path: string;
  addedLines: AddedLine[];
  /** More chunks of the same commit and file follow. */
  continues: boolean;
}

export type HistoryScanOptions = ScanOptions;

/** Lines carried from one chunk into the next of the same file (a 4096-bit PEM key is ~50). */
const OVERLAP_LINES = 128;

export async function* scanHistory(patches: AsyncIterable<HistoryPatch>, options: HistoryScanOptions = {}): AsyncGenerator<Finding> {
  const scanner = createSecretScanner(options);
  let carried: AddedLine[] = [];
  let reported = new Set<string>();
  for await (const patch of patches) {
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
