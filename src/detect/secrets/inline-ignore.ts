/**
 * Inline suppression: a line containing `custody:ignore` accepts every secret found on it;
 * `custody:ignore secret/<id>` (one or more ids, comma or space separated) accepts only those
 * rules. The comment must be on the same line as the start of the secret, so it cannot hide a
 * key several lines away.
 */
const MARKER = "custody:ignore";

export function isIgnoredInline(lineText: string, ruleId: string): boolean {
  let from = lineText.indexOf(MARKER);
  while (from !== -1) {
    const rest = lineText.slice(from + MARKER.length);
    const ids = /^[ \t]+((?:secret\/[a-z0-9-]+[ \t,]*)+)/.exec(rest);
    if (ids?.[1] === undefined) {
      return true;
    }
    if (ids[1].split(/[ \t,]+/).includes(ruleId)) {
      return true;
    }
    from = lineText.indexOf(MARKER, from + MARKER.length);
  }
  return false;
}
