/**
 * Does a newly added package name imitate a popular one? Three tricks are recognised, each
 * against the popular list of the package's ecosystem (popular-packages.ts plus the policy's
 * extra names):
 * - a typo: Damerau distance ≤ max (default 1) from a popular name of at least 4 characters
 *   (shorter popular names are too dense: "qs", "ws", "ms" are all one edit apart);
 * - separator confusion: equal to a popular name once "-", "_", "." are removed ("cross_env");
 * - scope confusion: equal once "@" and "/" are removed too ("@types-node", "typesnode" for
 *   "@types/node"), or the unscoped copy of a scoped popular name ("client-s3" for
 *   "@aws-sdk/client-s3"; only for names of 6 characters or more, shorter ones are common words).
 * A name that is itself popular, or allowed by the policy, is never a typosquat.
 */
import { normalizeName, type Ecosystem } from "../package.js";
import { damerauDistance } from "./damerau-distance.js";
import { POPULAR_PACKAGES } from "./popular-packages.js";

type TyposquatKind = "typo" | "separator" | "scope";

export interface TyposquatHit {
  kind: TyposquatKind;
  /** The popular package the name imitates. */
  target: string;
}

export interface TyposquatOptions {
  maxDistance: number;
  /** Extra popular names per ecosystem (the organisation's own well-known packages). */
  extraPopular?: Partial<Record<Ecosystem, readonly string[]>>;
}

interface PopularIndex {
  names: Set<string>;
  list: string[];
  /** Name with "@/-_." removed → popular name. */
  squashed: Map<string, string>;
  /** Bare name of a scoped popular package → the scoped name. */
  unscoped: Map<string, string>;
}

const cache = new Map<string, PopularIndex>();

function squash(name: string): string {
  return name.replace(/[@/._-]/g, "");
}

function popularIndex(ecosystem: Ecosystem, extra: readonly string[]): PopularIndex {
  const cacheKey = `${ecosystem}\u0000${extra.join("\u0000")}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) {
    return cached;
  }
  const list = [...(POPULAR_PACKAGES[ecosystem] ?? []), ...extra].map((name) => normalizeName(ecosystem, name).toLowerCase());
  const index: PopularIndex = { names: new Set(list), list, squashed: new Map(), unscoped: new Map() };
  for (const name of list) {
    index.squashed.set(squash(name), name);
    const slash = name.indexOf("/");
    if (name.startsWith("@") && slash !== -1) {
      index.unscoped.set(name.slice(slash + 1), name);
    }
  }
  cache.set(cacheKey, index);
  return index;
}

export function findTyposquat(ecosystem: Ecosystem, rawName: string, options: TyposquatOptions): TyposquatHit | undefined {
  const index = popularIndex(ecosystem, options.extraPopular?.[ecosystem] ?? []);
  const name = normalizeName(ecosystem, rawName).toLowerCase();
  if (index.names.has(name)) {
    return undefined;
  }
  const squashedTarget = index.squashed.get(squash(name));
  if (squashedTarget !== undefined) {
    const scoped = squashedTarget.startsWith("@") || name.startsWith("@");
    return { kind: scoped ? "scope" : "separator", target: squashedTarget };
  }
  const unscopedTarget = index.unscoped.get(name);
  if (unscopedTarget !== undefined && name.length >= 6) {
    return { kind: "scope", target: unscopedTarget };
  }
  for (const popular of index.list) {
    if (popular.length >= 4 && damerauDistance(name, popular, options.maxDistance) <= options.maxDistance) {
      return { kind: "typo", target: popular };
    }
  }
  return undefined;
}
