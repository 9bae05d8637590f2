/**
 * The one edit distance of the code base: optimal string alignment (Damerau-Levenshtein
 * restricted to adjacent transpositions). Insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost 1, which is how people mistype ("polcy", "lodahs",
 * "reqeusts"). Used for "did you mean" on policy keys and for typosquat names.
 *
 * `limit` stops early: the result is exact up to `limit`, and `limit + 1` means "more". Callers
 * comparing one name against thousands pass the largest distance they care about, so most pairs
 * are rejected after a row or two.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  const width = b.length + 1;
  let previousPrevious = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, index) => index);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (previousPrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) {
      return limit + 1;
    }
    [previousPrevious, previous, current] = [previous, current, previousPrevious];
  }
  return Math.min(previous[b.length] ?? 0, limit + 1);
}
