/**
 * Turns a SecretMatch into the shared Finding. The message names the kind of credential and
 * its redacted form; the value itself was never in the match, so it cannot reach a finding.
 */
import type { Finding } from "../../model/finding.js";
import type { SecretMatch } from "./scan-text.js";

export interface FindingPlace {
  path: string;
  /** Maps a 1-based line of the scanned text to the real line in the file (added-line scans). */
  lineOf?: (line: number) => number;
  commit?: string;
}

export function secretFinding(match: SecretMatch, place: FindingPlace): Finding {
  const lineOf = place.lineOf ?? ((line: number) => line);
  const finding: Finding = {
    ruleId: match.ruleId,
    category: "secret",
    severity: match.severity,
    message: `${match.kind} found (${match.redacted}). Rotate it, then remove it from the code; if it is not a live key, mark the line \`custody:allow ${match.ruleId}\`.`,
    location: {
      path: place.path,
      startLine: lineOf(match.line),
      startColumn: match.column,
      endLine: lineOf(match.endLine),
      endColumn: match.endColumn,
    },
    fingerprint: match.fingerprint,
    properties: { redacted: match.redacted, entropy: match.entropy },
  };
  if (place.commit !== undefined) {
    finding.commit = place.commit;
  }
  return finding;
}
