/**
 * Every package in package-lock.json must install cleanly on the Node versions we promise: a
 * dependency that needs a newer Node makes `npm install` warn EBADENGINE there and may fail at
 * run time. "The versions we promise" are the floor of each LTS line our `engines.node` admits
 * (20.19.0, 22.13.0, 24.0.0, …): a floor is where a dependency's range is most likely to
 * exclude us, and odd-numbered lines are short-lived Current releases nobody pins a server to.
 * A package that declares no `engines.node` is taken at its word. Run by `npm test`
 * (test/engines.test.ts) and on its own as `npm run check:engines`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import semver from "semver";

interface LockEntry {
  version?: string;
  engines?: Record<string, string> | string[];
  dev?: boolean;
  optional?: boolean;
}

export interface LockFile {
  packages?: Record<string, LockEntry>;
}

export interface EngineViolation {
  /** Path in the lockfile, e.g. `node_modules/content-type`. */
  path: string;
  version: string;
  /** The package's `engines.node`. */
  requires: string;
  /** The Node version we promise that the package excludes. */
  node: string;
}

/**
 * The LTS lines checked. Add the next even major when it is released (npm's own `engines`
 * checks do not know the future either); a line our range excludes is skipped.
 */
export const LTS_LINES = [20, 22, 24, 26] as const;

/** The lowest version of each LTS line that `ours` admits. */
export function promisedFloors(ours: string, lines: readonly number[] = LTS_LINES): string[] {
  const floors: string[] = [];
  for (const line of lines) {
    const candidates = new semver.Range(ours).set
      .map((comparators) => semver.minVersion(`${comparators.map(String).join(" ")} >=${String(line)}.0.0 <${String(line + 1)}.0.0`))
      .filter((version): version is semver.SemVer => version !== null && semver.satisfies(version, ours) && version.major === line);
    const [lowest] = candidates.sort(semver.compare);
    if (lowest !== undefined) {
      floors.push(lowest.version);
    }
  }
  return floors;
}

export function engineViolations(lock: LockFile, ours: string, lines: readonly number[] = LTS_LINES): EngineViolation[] {
  const floors = promisedFloors(ours, lines);
  const violations: EngineViolation[] = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    // "" is the root package itself; old lockfiles wrote engines as an array of strings.
    if (path === "" || entry.engines === undefined || Array.isArray(entry.engines)) {
      continue;
    }
    const requires = entry.engines.node;
    if (requires === undefined) {
      continue;
    }
    // An unparseable range cannot be checked: report it rather than guess.
    const excluded = semver.validRange(requires) === null ? floors[0] : floors.find((floor) => !semver.satisfies(floor, requires));
    if (excluded !== undefined) {
      violations.push({ path, version: entry.version ?? "?", requires, node: excluded });
    }
  }
  return violations;
}

function main(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { engines?: { node?: string } };
  const ours = manifest.engines?.node;
  if (ours === undefined) {
    process.stderr.write("package.json has no engines.node to check against.\n");
    process.exit(2);
  }
  const lock = JSON.parse(readFileSync(`${root}package-lock.json`, "utf8")) as LockFile;
  const violations = engineViolations(lock, ours);
  for (const violation of violations) {
    process.stderr.write(
      `${violation.path}@${violation.version} needs node ${violation.requires}: excludes ${violation.node}, which our engines.node ${ours} promises\n`,
    );
  }
  process.exit(violations.length === 0 ? 0 : 1);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main();
}
