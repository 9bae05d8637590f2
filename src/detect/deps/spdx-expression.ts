/**
 * Is an SPDX licence expression denied? "MIT OR GPL-3.0-only" lets the user choose MIT, so it is
 * denied only when every OR alternative is; "MIT AND GPL-3.0-only" imposes both, so it is denied
 * when any AND term is. Parentheses are flattened (enough for lockfile licence fields, which
 * rarely nest) and "WITH exception" clauses keep the licence id. Ids compare case-insensitively
 * with a trailing "+" or "-or-later"/"-only" kept, as the policy names them.
 */

export function deniedLicences(expression: string, denied: ReadonlySet<string>): string[] {
  const alternatives = expression
    .replace(/[()]/g, " ")
    .split(/\s+OR\s+/i)
    .map((alternative) =>
      alternative
        .split(/\s+AND\s+/i)
        .map((term) => term.trim().split(/\s+WITH\s+/i)[0]?.trim() ?? "")
        .filter((id) => id !== ""),
    );
  const hits: string[] = [];
  for (const terms of alternatives) {
    const bad = terms.filter((id) => denied.has(id.toLowerCase()));
    if (bad.length === 0) {
      return [];
    }
    hits.push(...bad);
  }
  return [...new Set(hits)];
}
