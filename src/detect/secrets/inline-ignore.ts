/**
 * Inline acceptance, written in a comment on the secret's line or the line just above it:
 * - `custody:allow` (or the older `custody:ignore`) accepts every secret there;
 *   `custody:allow secret/<id>` (one or more ids, comma or space separated; the `secret/` prefix
 *   may be left out) accepts only those rules;
 * - `gitleaks:allow` is honoured the same way, for teams moving over from gitleaks.
 * Nothing further away counts, so a marker cannot hide a key several lines down.
 */
const MARKERS = ["custody:allow", "custody:ignore", "gitleaks:allow"] as const;

function lineAllows(lineText: string, ruleId: string): boolean {
  for (const marker of MARKERS) {
    let from = lineText.indexOf(marker);
    while (from !== -1) {
      const rest = lineText.slice(from + marker.length);
      const ids = /^[ \t]+((?:(?:secret\/)?[a-z0-9]+(?:-[a-z0-9]+)*[ \t,]*)+)/.exec(rest);
      if (marker === "gitleaks:allow" || ids?.[1] === undefined) {
        return true;
      }
      const named = ids[1]
        .split(/[ \t,]+/)
        .filter((id) => id !== "")
        .map((id) => (id.startsWith("secret/") ? id : `secret/${id}`));
      // Words after the marker that are not rule ids (`custody:allow test fixture`) accept all.
      if (named.includes(ruleId) || !named.some((id) => /-/.test(id))) {
        return true;
      }
      from = lineText.indexOf(marker, from + marker.length);
    }
  }
  return false;
}

export function isIgnoredInline(lineText: string, ruleId: string, previousLine?: string): boolean {
  return lineAllows(lineText, ruleId) || (previousLine !== undefined && lineAllows(previousLine, ruleId));
}
