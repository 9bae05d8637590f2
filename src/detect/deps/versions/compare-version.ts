/**
 * One version comparator per OSV ecosystem, for evaluating `affected[].ranges[]` events:
 * npm and crates.io use SemVer 2.0 (`semver`), Go SemVer with a leading "v" (pseudo-versions are
 * SemVer pre-releases, "+incompatible" is build metadata), PyPI PEP 440, Maven ComparableVersion.
 * Returns undefined when a version cannot be read, so the caller can refuse to guess.
 */
import semver from "semver";
import type { Ecosystem } from "../package.js";
import { compareMaven } from "./maven-version.js";
import { comparePep440 } from "./pep440.js";

export type VersionComparator = (a: string, b: string) => number | undefined;

function compareSemver(a: string, b: string): number | undefined {
  const left = semver.parse(a, { loose: true });
  const right = semver.parse(b, { loose: true });
  return left === null || right === null ? undefined : semver.compare(left, right);
}

function compareGo(a: string, b: string): number | undefined {
  return compareSemver(a.replace(/^v/, ""), b.replace(/^v/, ""));
}

export const VERSION_COMPARATORS: Readonly<Record<Ecosystem, VersionComparator>> = {
  npm: compareSemver,
  "crates.io": compareSemver,
  Go: compareGo,
  PyPI: comparePep440,
  Maven: compareMaven,
};

/** SEMVER-typed OSV ranges are SemVer whatever the ecosystem (Go's are written without "v"). */
export const compareSemverRange: VersionComparator = (a, b) => compareGo(a, b);
