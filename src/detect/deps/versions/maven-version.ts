/**
 * Maven version ordering, after org.apache.maven.artifact.versioning.ComparableVersion
 * (https://maven.apache.org/pom.html#version-order-specification), for matching Maven advisories.
 * A version is split into items at "." and "-" and at every digit/letter boundary; "-" (and a
 * boundary) opens a sub-list. Trailing "null" items (0, "", "final", "ga", "release") are trimmed.
 * Qualifiers order: alpha < beta < milestone < rc = cr < snapshot < "" = final = ga = release < sp,
 * then unknown qualifiers alphabetically; "a1"/"b1"/"m1" are alpha/beta/milestone when followed by
 * a digit. Numbers sort after qualifiers at the same position.
 */

type Item = number | string | Item[];

const QUALIFIERS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const ALIASES: Record<string, string> = { ga: "", final: "", release: "", cr: "rc" };

function qualifierRank(value: string): string {
  const canonical = ALIASES[value] ?? value;
  const index = QUALIFIERS.indexOf(canonical);
  // Unknown qualifiers sort after all known ones, among themselves lexically.
  return index === -1 ? `${String(QUALIFIERS.length)}-${canonical}` : String(index);
}

function parseMaven(version: string): Item[] {
  const text = version.toLowerCase();
  const root: Item[] = [];
  let list = root;
  let start = 0;
  let isDigit = false;
  const pushToken = (token: string, followedByDigit: boolean): void => {
    if (isDigit || token === "") {
      list.push(Number(token === "" ? "0" : token));
    } else {
      let value = token;
      if (followedByDigit && value.length === 1) {
        value = value === "a" ? "alpha" : value === "b" ? "beta" : value === "m" ? "milestone" : value;
      }
      list.push(value);
    }
  };
  for (let index = 0; index < text.length; index++) {
    const character = text.charAt(index);
    if (character === ".") {
      pushToken(text.slice(start, index), false);
      start = index + 1;
      isDigit = false;
    } else if (character === "-") {
      pushToken(text.slice(start, index), false);
      start = index + 1;
      isDigit = false;
      const sub: Item[] = [];
      list.push(sub);
      list = sub;
    } else if (character >= "0" && character <= "9") {
      if (!isDigit && index > start) {
        pushToken(text.slice(start, index), true);
        const sub: Item[] = [];
        list.push(sub);
        list = sub;
        start = index;
      }
      isDigit = true;
    } else {
      if (isDigit && index > start) {
        pushToken(text.slice(start, index), false);
        const sub: Item[] = [];
        list.push(sub);
        list = sub;
        start = index;
      }
      isDigit = false;
    }
  }
  if (text.length > start) {
    pushToken(text.slice(start), false);
  }
  return normalize(root);
}

function isNull(item: Item): boolean {
  if (Array.isArray(item)) {
    return item.length === 0;
  }
  return typeof item === "number" ? item === 0 : qualifierRank(item) === qualifierRank("");
}

/** Removes null items from the end of every list, stepping over non-null sub-lists, as
 * ComparableVersion.ListItem.normalize does ("1.0-1" → [1, [1]]). */
function normalize(list: Item[]): Item[] {
  const out = list.map((item) => (Array.isArray(item) ? normalize(item) : item));
  for (let index = out.length - 1; index >= 0; index--) {
    const item = out[index] as Item;
    if (isNull(item)) {
      out.splice(index, 1);
    } else if (!Array.isArray(item)) {
      break;
    }
  }
  return out;
}

export function compareMaven(a: string, b: string): number {
  return compareItem(parseMaven(a), parseMaven(b));
}

function compareItem(a: Item | undefined, b: Item | undefined): number {
  if (a === undefined) {
    return b === undefined ? 0 : -compareItem(b, undefined);
  }
  if (typeof a === "number") {
    if (b === undefined) {
      return a === 0 ? 0 : 1;
    }
    if (typeof b === "number") {
      return Math.sign(a - b);
    }
    return 1; // a number is newer than a qualifier or a sub-list
  }
  if (typeof a === "string") {
    if (b === undefined) {
      return compareStrings(qualifierRank(a), qualifierRank(""));
    }
    if (typeof b === "string") {
      return compareStrings(qualifierRank(a), qualifierRank(b));
    }
    return -1; // a qualifier is older than a number or a sub-list
  }
  if (b === undefined) {
    const first = a[0];
    return first === undefined ? 0 : compareItem(first, undefined);
  }
  if (typeof b === "number") {
    return -1;
  }
  if (typeof b === "string") {
    return 1;
  }
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const result = compareItem(a[index], b[index]);
    if (result !== 0) {
      return result;
    }
  }
  return 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
