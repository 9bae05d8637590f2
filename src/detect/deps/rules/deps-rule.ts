/**
 * The shape of a dependency rule: RuleMeta plus one pure function from what changed in one
 * manifest or lockfile to hits. Rules do no I/O: the detector parses, loads advisories and turns
 * hits into findings (location, fingerprint, severity overrides, allow lists).
 */
import type { CustodyError } from "../../../model/errors.js";
import type { RuleMeta } from "../../../model/rule-meta.js";
import type { Severity } from "../../../model/severity.js";
import type { AdvisoryIndex } from "../advisories/advisory-index.js";
import type { AdvisoryStatus } from "../advisories/resolve-advisories.js";
import type { PackageDiff } from "../diff-packages.js";
import type { DepsOptions } from "../options.js";
import type { Ecosystem, FileKind, Package } from "../package.js";
import type { RegistryFacts } from "../registry/query-registry.js";

export interface DepsRuleContext {
  /** Repository-relative path of the file. */
  file: string;
  ecosystem: Ecosystem;
  kind: FileKind;
  /** Base → head difference of this file (empty when it could not be parsed). */
  diff: PackageDiff;
  /** Every package on the head side of the dependency files read for this change. */
  present: readonly Package[];
  advisories?: AdvisoryIndex | undefined;
  /** Which advisory source answered, or why none did (set when the change brings packages in). */
  advisoryStatus?: AdvisoryStatus | undefined;
  /** What the configured registry says about added names (undefined offline). */
  registry?: RegistryFacts | undefined;
  /** Why the configured registry could not be asked. */
  registryProblem?: string | undefined;
  options: DepsOptions;
  /** Set when the head version of the file could not be parsed. */
  error?: CustodyError | undefined;
}

export interface DepsHit {
  /** The package the hit is about; its line/anchor locate the finding. */
  package?: Package;
  /** The hit is about the base side of the file (a removed package). */
  side?: "base" | "head";
  message: string;
  /** Overrides the rule's default severity (an advisory's own rating). */
  severity?: Severity;
  /** Line when known without the package (a parse error's line). */
  line?: number;
  /** Distinguishes two hits of one rule on one package name (advisory id and version, …).
   * Hits of one rule on one name in one folder with the same discriminator are reported once,
   * so a package named by both package.json and its lockfile is one finding. */
  discriminator?: string;
  properties?: Record<string, unknown>;
}

export interface DepsRule {
  meta: RuleMeta & { id: `deps/${string}`; category: "dependency" };
  /** "change": about the whole change (the advisory source), run once with the first file's
   * context instead of once per file. */
  scope?: "change";
  check(context: DepsRuleContext): DepsHit[];
}

/** "npm package lodash@4.17.21" — how messages name a package. */
export function describePackage(item: Package): string {
  const version = item.version ?? item.range;
  return `${item.ecosystem} package ${item.name}${version === undefined ? "" : `@${version}`}`;
}

/** Packages that came into the head side: added ones and the new side of changed ones. */
export function incoming(diff: PackageDiff): Package[] {
  return [...diff.added, ...diff.changed.map((change) => change.after)];
}

export function packageProperties(item: Package): Record<string, unknown> {
  return {
    ecosystem: item.ecosystem,
    package: item.name,
    ...(item.version === undefined ? {} : { version: item.version }),
    ...(item.range === undefined ? {} : { range: item.range }),
    direct: item.direct,
    ...(item.dev === undefined ? {} : { dev: item.dev }),
  };
}
