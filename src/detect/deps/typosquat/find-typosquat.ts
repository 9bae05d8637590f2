/**
 * Does a newly added package name imitate a much more popular one? Judged by popularity, as
 * typosquatting is an attack on popular names: a name is suspect only when it is close to a
 * package at least 100× more used than itself (POPULARITY_RATIO), and a package that is itself
 * popular is never a typosquat ("preact" is not an attack on "react": 52 M against 350 M
 * downloads a month).
 *
 * How much a name is used comes from the popularity table (popularity.ts), or from a registry when
 * the caller knows the count. A name absent from the table is below the table's floor, so with
 * npm's table (100,000 names, floor ≈ 6,700 a month) its targets are the names with at least
 * 100 × the floor; PyPI's table has ranks only, so an unranked name is compared with the top
 * RANK_TARGETS; Go and Maven lists name known modules without counts, so only the strong tricks
 * (not a distance of 2) count there.
 *
 * "Close" is one of these tricks, strongest first (TRICKS):
 * - homoglyph: equal once look-alike characters are folded (0/o, 1/l/i, rn/m, vv/w);
 * - separator: equal once "-", "_", "." are removed ("cross_env", "crossenv");
 * - scope: equal once "@" and "/" are removed too ("@types-node"), or the bare copy of a scoped
 *   popular name of 6 characters or more ("client-s3" for "@aws-sdk/client-s3");
 * - transposition and repeated letter: the two commonest one-edit typos, named for the reader;
 * - affix: a popular name with "-js", ".js", "js", "node-", "-node", "-cli", "py", "python-", …
 *   added, or a plural made of it ("lodash-js", "discordjs", "colorss");
 * - typo: any other edit, with Damerau distance scaled by length (1 from 4 characters, 2 from
 *   MIN_LENGTH_FOR_TWO), capped by the policy's max_distance.
 */
import { editDistance } from "../../../model/edit-distance.js";
import { normalizeName, type Ecosystem } from "../package.js";
import { popularityTable, type PopularityMeasure, type PopularityTable } from "./popularity.js";

export const TRICKS = ["homoglyph", "separator", "scope", "transposition", "repeated-letter", "affix", "typo"] as const;
export type TyposquatTrick = (typeof TRICKS)[number];

/** The imitated package must be this many times more used than the suspect. */
export const POPULARITY_RATIO = 100;
/** Monthly downloads from which an npm package is popular and never a typosquat. */
export const POPULAR_DOWNLOADS = 1_000_000;
/** Unranked PyPI names are compared with the projects ranked this high or higher. */
export const RANK_TARGETS = 1500;
/** Shortest popular name a distance of 2 is counted against (shorter names are too dense). */
export const MIN_LENGTH_FOR_TWO = 9;
/** Shortest popular name a distance of 1 is counted against ("qs", "ws", "ms" are all one edit apart). */
export const MIN_LENGTH_FOR_ONE = 4;

const AFFIXES = {
  suffix: [
    "-js",
    ".js",
    "js",
    "-node",
    "-cli",
    "cli",
    "-lib",
    "-py",
    "py",
    "-python",
    "-api",
    "-sdk",
    "-utils",
    "-util",
    "-core",
    "-npm",
    "-new",
    "s",
    "es",
  ],
  prefix: ["node-", "js-", "npm-", "py-", "py", "python-", "python", "lib"],
} as const;
/** A version or year stuck on with a separator ("2022-requests", "requests-2"). */
const NUMBERED = [/^\d{1,4}[-_.](.+)$/, /^(.+)[-_.]\d{1,4}$/] as const;

export interface TyposquatHit {
  trick: TyposquatTrick;
  /** The popular package the name imitates. */
  target: string;
  /** Edit distance between the two names (0 for homoglyph, separator and scope tricks). */
  distance: number;
  measure: PopularityMeasure;
  /** The target's downloads a month or rank (undefined for a policy-named or "known" target). */
  targetPopularity?: number | undefined;
  /** The suspect's downloads or rank when known (table or registry). */
  suspectPopularity?: number | undefined;
}

export interface TyposquatOptions {
  /** Largest edit distance counted (default 2, further limited by length). */
  maxDistance?: number;
  /** Extra popular names per ecosystem (the organisation's own well-known packages). */
  extraPopular?: Partial<Record<Ecosystem, readonly string[]>>;
  /** Monthly downloads of the suspect, when a registry told (overrides the table). */
  suspectDownloads?: number | undefined;
  /** The table to judge by (tests); defaults to the generated one. */
  table?: PopularityTable;
}

interface Target {
  name: string;
  /** Downloads, rank, or undefined (policy-named or known-only). */
  popularity: number | undefined;
  bigrams: number;
}

interface TargetIndex {
  table: PopularityTable;
  extra: Set<string>;
  targets: Target[];
  folded: Map<string, Ids>;
  squashed: Map<string, Ids>;
  exact: Map<string, number>;
  unscoped: Map<string, number>;
  /** A target and each of its one-character deletions → targets: distance-1 candidates by look-up. */
  deletions: Map<string, Ids>;
  /** Bigram → targets long enough for a distance of 2, most popular first. */
  postings: Map<string, Ids>;
  counts: Uint16Array;
  /** The largest popularity among targets (downloads), to skip suspects nothing can outrank. */
  top: number;
}

const indexes = new WeakMap<PopularityTable, Map<string, TargetIndex>>();

const squash = (name: string): string => name.replace(/[@/._-]/g, "");
const fold = (name: string): string => squash(name).replace(/rn/g, "m").replace(/vv/g, "w").replace(/0/g, "o").replace(/[1i]/g, "l");

function bigramsOf(name: string): Set<string> {
  const grams = new Set<string>();
  for (let index = 0; index + 1 < name.length; index++) {
    grams.add(name.slice(index, index + 2));
  }
  return grams;
}

/** Ids per key; a lone id is stored bare (most deletion keys have one target), which keeps the
 * index build to a fraction of the allocations. */
type Ids = number | number[];

function push<K>(map: Map<K, Ids>, key: K, id: number): void {
  const ids = map.get(key);
  if (ids === undefined) {
    map.set(key, id);
  } else if (typeof ids === "number") {
    if (ids !== id) {
      map.set(key, [ids, id]);
    }
  } else if (ids[ids.length - 1] !== id) {
    ids.push(id);
  }
}

function each(ids: Ids | undefined, visit: (id: number) => void): void {
  if (typeof ids === "number") {
    visit(ids);
  } else if (ids !== undefined) {
    for (const id of ids) {
      visit(id);
    }
  }
}

/** Would a name of this popularity be a target for the least popular suspect? */
function couldBeTarget(table: PopularityTable, value: number): boolean {
  switch (table.measure) {
    case "downloads":
      return value >= POPULARITY_RATIO * table.floor;
    case "rank":
      return value <= RANK_TARGETS;
    case "known":
      return true;
  }
}

function targetIndex(table: PopularityTable, ecosystem: Ecosystem, extraNames: readonly string[]): TargetIndex {
  let byExtra = indexes.get(table);
  if (byExtra === undefined) {
    byExtra = new Map();
    indexes.set(table, byExtra);
  }
  const key = extraNames.join("\u0000");
  const cached = byExtra.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const extra = new Set(extraNames.map((name) => canonical(ecosystem, name)));
  const targets: Target[] = [];
  for (const [name, value] of table.values) {
    if (couldBeTarget(table, value) && !extra.has(name)) {
      targets.push({ name, popularity: table.measure === "known" ? undefined : value, bigrams: 0 });
    }
  }
  // Most popular first, so a posting list can stop where targets fall below what a suspect needs.
  const rank = (target: Target): number =>
    target.popularity === undefined ? Number.POSITIVE_INFINITY : table.measure === "rank" ? -target.popularity : target.popularity;
  targets.sort((a, b) => rank(b) - rank(a));
  for (const name of extra) {
    targets.unshift({ name, popularity: undefined, bigrams: 0 });
  }
  const top = Math.max(
    0,
    ...targets.map((target) => (table.measure === "downloads" ? (target.popularity ?? Number.POSITIVE_INFINITY) : 0)),
  );
  const index: TargetIndex = {
    table,
    extra,
    targets,
    folded: new Map(),
    squashed: new Map(),
    exact: new Map(),
    unscoped: new Map(),
    deletions: new Map(),
    postings: new Map(),
    counts: new Uint16Array(targets.length),
    top,
  };
  targets.forEach((target, id) => {
    index.exact.set(target.name, id);
    push(index.squashed, squash(target.name), id);
    push(index.folded, fold(target.name), id);
    const slash = target.name.indexOf("/");
    if (target.name.startsWith("@") && slash !== -1 && target.name.length - slash - 1 >= 6) {
      index.unscoped.set(target.name.slice(slash + 1), id);
    }
    if (target.name.length >= MIN_LENGTH_FOR_ONE) {
      push(index.deletions, target.name, id);
      for (let at = 0; at < target.name.length; at++) {
        push(index.deletions, target.name.slice(0, at) + target.name.slice(at + 1), id);
      }
    }
    if (allowedDistance(target.name, 2, table.measure) === 2) {
      const grams = bigramsOf(target.name);
      target.bigrams = grams.size;
      for (const gram of grams) {
        push(index.postings, gram, id);
      }
    }
  });
  byExtra.set(key, index);
  return index;
}

function canonical(ecosystem: Ecosystem, name: string): string {
  return normalizeName(ecosystem, name).toLowerCase();
}

/** Largest distance counted against a popular name of this length. */
function allowedDistance(target: string, maxDistance: number, measure: PopularityMeasure): number {
  const byLength = target.length >= MIN_LENGTH_FOR_TWO && measure !== "known" ? 2 : target.length >= MIN_LENGTH_FOR_ONE ? 1 : 0;
  return Math.min(byLength, maxDistance);
}

function oneEditTrick(name: string, target: string): TyposquatTrick {
  if (name.length === target.length) {
    for (let index = 0; index + 1 < name.length; index++) {
      if (name[index] !== target[index]) {
        return name[index] === target[index + 1] && name[index + 1] === target[index] && name.slice(index + 2) === target.slice(index + 2)
          ? "transposition"
          : "typo";
      }
    }
    return "typo";
  }
  const [longer, shorter] = name.length > target.length ? [name, target] : [target, name];
  for (let index = 0; index < longer.length; index++) {
    if (longer[index] !== shorter[index]) {
      const doubled = longer[index] === longer[index - 1] || longer[index] === longer[index + 1];
      return doubled ? "repeated-letter" : "typo";
    }
  }
  return "typo";
}

function affixCores(name: string): string[] {
  const cores: string[] = [];
  for (const suffix of AFFIXES.suffix) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 3) {
      cores.push(name.slice(0, -suffix.length));
    }
  }
  for (const prefix of AFFIXES.prefix) {
    if (name.startsWith(prefix) && name.length - prefix.length >= 3) {
      cores.push(name.slice(prefix.length));
    }
  }
  return cores;
}

export function findTyposquat(ecosystem: Ecosystem, rawName: string, options: TyposquatOptions = {}): TyposquatHit | undefined {
  const table = options.table ?? popularityTable(ecosystem);
  const index = targetIndex(table, ecosystem, options.extraPopular?.[ecosystem] ?? []);
  const name = canonical(ecosystem, rawName);
  if (index.extra.has(name)) {
    return undefined;
  }
  const listed = table.values.get(name);
  const suspect = options.suspectDownloads ?? listed;
  const eligible = eligibility(table, suspect, listed !== undefined);
  if (
    eligible === undefined ||
    (table.measure === "downloads" && index.extra.size === 0 && (suspect ?? 0) * POPULARITY_RATIO > index.top)
  ) {
    return undefined;
  }
  const maxDistance = options.maxDistance ?? 2;
  const candidates: { id: number; trick: TyposquatTrick; distance: number }[] = [];
  const consider = (ids: Ids | undefined, trick: TyposquatTrick, distance: number): void => {
    each(ids, (id) => {
      const target = index.targets[id];
      if (target !== undefined && target.name !== name && eligible(target)) {
        candidates.push({ id, trick, distance });
      }
    });
  };
  consider(index.squashed.get(squash(name)), "separator", 0);
  consider(index.unscoped.get(name), "scope", 0);
  // Folding includes squashing: a pure separator slip is reported as one, not as a homoglyph.
  const folded: number[] = [];
  each(index.folded.get(fold(name)), (id) => {
    if (squash(index.targets[id]?.name ?? "") !== squash(name)) {
      folded.push(id);
    }
  });
  consider(folded, "homoglyph", 0);
  // "@types-node" and "types-node" squash onto "@types/node": scope confusion, not a separator slip.
  for (const candidate of candidates) {
    const target = index.targets[candidate.id]?.name ?? "";
    if (candidate.trick === "separator" && (name.includes("@") || target.includes("@"))) {
      candidate.trick = "scope";
    }
  }
  for (const pattern of NUMBERED) {
    const core = pattern.exec(name)?.[1];
    if (core !== undefined && core.length >= 3) {
      consider(index.exact.get(core), "affix", name.length - core.length);
    }
  }
  for (const core of affixCores(name)) {
    consider(index.exact.get(core), "affix", name.length - core.length);
    consider(index.squashed.get(squash(core)), "affix", name.length - core.length);
  }
  // A distance of 2 is weak evidence: only for names the table does not know (an established
  // package two letters from a popular one is usually its own thing: "mongojs", "mongosh").
  const reach =
    listed === undefined && (options.suspectDownloads === undefined || options.suspectDownloads < table.floor)
      ? maxDistance
      : Math.min(maxDistance, 1);
  for (const id of editCandidates(index, name, reach)) {
    const target = index.targets[id];
    if (target === undefined || target.name === name || !eligible(target)) {
      continue;
    }
    const allowed = allowedDistance(target.name, reach, table.measure);
    const distance = editDistance(name, target.name, allowed);
    if (distance <= allowed && distance > 0) {
      candidates.push({ id, trick: distance === 1 ? oneEditTrick(name, target.name) : "typo", distance });
    }
  }
  if (candidates.length === 0) {
    return undefined;
  }
  const strength = (trick: TyposquatTrick): number => TRICKS.indexOf(trick);
  const popularity = (id: number): number => {
    const value = index.targets[id]?.popularity;
    // Policy-named targets first; otherwise more downloads, or a better (smaller) rank.
    return value === undefined ? Number.POSITIVE_INFINITY : table.measure === "rank" ? -value : value;
  };
  candidates.sort((a, b) => strength(a.trick) - strength(b.trick) || a.distance - b.distance || popularity(b.id) - popularity(a.id));
  const best = candidates[0];
  const target = best === undefined ? undefined : index.targets[best.id];
  if (best === undefined || target === undefined) {
    return undefined;
  }
  return {
    trick: best.trick,
    target: target.name,
    distance: best.distance,
    measure: table.measure,
    targetPopularity: target.popularity,
    suspectPopularity: suspect,
  };
}

/** Which targets a suspect of this popularity can imitate; undefined when it is popular itself. */
function eligibility(table: PopularityTable, suspect: number | undefined, listed: boolean): ((target: Target) => boolean) | undefined {
  switch (table.measure) {
    case "downloads": {
      if (suspect !== undefined && suspect >= POPULAR_DOWNLOADS) {
        return undefined;
      }
      // Absent from the table means fewer downloads than its floor.
      const downloads = Math.max(suspect ?? table.floor, listed ? 0 : table.floor);
      return (target) => target.popularity === undefined || target.popularity >= POPULARITY_RATIO * downloads;
    }
    case "rank":
      return listed ? undefined : (target) => target.popularity === undefined || target.popularity <= RANK_TARGETS;
    case "known":
      return listed ? undefined : () => true;
  }
}

/** Targets that may be within the distance: one-deletion neighbours (distance 1, exact look-ups)
 * and, for names long enough for a distance of 2, targets sharing enough bigrams. */
function editCandidates(index: TargetIndex, name: string, maxDistance: number): number[] {
  const result = new Set<number>();
  const near = (key: string): void => {
    each(index.deletions.get(key), (id) => result.add(id));
  };
  near(name);
  for (let at = 0; at < name.length; at++) {
    near(name.slice(0, at) + name.slice(at + 1));
  }
  if (maxDistance < 2 || name.length < MIN_LENGTH_FOR_TWO - 2) {
    return [...result];
  }
  const touched: number[] = [];
  for (const gram of bigramsOf(name)) {
    each(index.postings.get(gram), (id) => {
      if (index.counts[id] === 0) {
        touched.push(id);
      }
      index.counts[id] = (index.counts[id] ?? 0) + 1;
    });
  }
  for (const id of touched) {
    const target = index.targets[id];
    // Each edit destroys at most 2 of the target's bigrams, a transposition 3.
    if (target !== undefined && (index.counts[id] ?? 0) >= target.bigrams - 3 * 2 && Math.abs(target.name.length - name.length) <= 2) {
      result.add(id);
    }
    index.counts[id] = 0;
  }
  return [...result];
}
