/**
 * The dependency detector: for every manifest or lockfile the change touches, parse its base and
 * head versions, diff them, and run the rule table over the difference. A file that cannot be
 * parsed becomes a deps/lockfile-invalid finding and the other files are still checked.
 * Findings on the same package from a manifest and its lockfile in one directory are reported
 * once (manifests first, for their readable line; an inventory line takes the lockfile's richer
 * text, with the transitive packages folded in). Advisories come from resolve-advisories.ts,
 * which always says which source answered or why none did; a configured registry is asked
 * about the direct additions.
 */
import { dirname } from "node:path";
import type { Detector, DetectorInput } from "../../model/detector.js";
import { isCustodyError, type CustodyError } from "../../model/errors.js";
import type { Finding } from "../../model/finding.js";
import { fingerprint } from "../../model/fingerprint.js";
import { resolveAdvisories, type ResolvedAdvisories } from "./advisories/resolve-advisories.js";
import { diffPackages, type PackageDiff } from "./diff-packages.js";
import { lineOf } from "./lockfile-error.js";
import { depsOptionsSchema, type DepsOptions } from "./options.js";
import { normalizeName, type Package, type PackageSet } from "./package.js";
import { parserFor } from "./parsers/index.js";
import { readLockfile } from "./read-lockfile.js";
import { queryRegistry, type RegistryFacts } from "./registry/query-registry.js";
import { incoming, type DepsHit, type DepsRuleContext } from "./rules/deps-rule.js";
import { DEPS_RULES } from "./rules/index.js";

interface FileState {
  file: string;
  baseText?: string | undefined;
  headText?: string | undefined;
  base?: PackageSet | undefined;
  head?: PackageSet | undefined;
  error?: CustodyError | undefined;
  diff: PackageDiff;
}

const EMPTY_DIFF: PackageDiff = { added: [], removed: [], changed: [] };

export const depsDetector: Detector<DepsOptions> = {
  id: "deps",
  description: "Dependency review: added and changed packages, OSV advisories, typosquats, install scripts, licences, duplicate purposes.",
  optionsSchema: depsOptionsSchema,
  run: runDepsDetector,
};

async function runDepsDetector(input: DetectorInput<DepsOptions>): Promise<Finding[]> {
  const { options } = input;
  const states = await readFiles(input);
  const present = states.flatMap((state) => state.head?.packages ?? []);
  const brought = states.flatMap((state) => incoming(state.diff));
  const resolved: ResolvedAdvisories | undefined =
    brought.length === 0 ? undefined : await resolveAdvisories(options.advisories, input.repoDir, brought);
  const registry = await registryFor(
    options,
    states.flatMap((state) => state.diff.added.filter((item) => item.direct)),
  );
  const allowed = new Set(options.allow.packages);
  const isAllowed = (item: Package): boolean =>
    allowed.has(item.name) || allowed.has(`${item.ecosystem}:${item.name}`) || allowed.has(normalizeName(item.ecosystem, item.name));
  const findings: Finding[] = [];
  const kept = new Map<string, number>();
  let first = true;
  for (const state of states) {
    const parser = parserFor(state.file);
    if (parser === undefined) {
      continue;
    }
    const context: DepsRuleContext = {
      file: state.file,
      ecosystem: parser.ecosystem,
      kind: parser.kind,
      diff: state.diff,
      present,
      advisories: resolved?.index,
      advisoryStatus: resolved?.status,
      registry: registry.facts,
      registryProblem: registry.problem,
      options,
      error: state.error,
    };
    for (const rule of DEPS_RULES) {
      // A rule the policy turns off is not run at all (the engine would drop its findings anyway).
      if (options.rules[rule.meta.id]?.enabled === false || (rule.scope === "change" && !first)) {
        continue;
      }
      for (const hit of rule.check(context)) {
        if (hit.package !== undefined && isAllowed(hit.package)) {
          continue;
        }
        const severity = hit.severity ?? rule.meta.severity;
        // The same package reported from package.json and package-lock.json in one folder is one finding.
        // Rules put the version in `discriminator` where it matters (an advisory, an install script).
        const dedupKey = [
          rule.meta.id,
          dirname(state.file),
          hit.package?.ecosystem,
          hit.package === undefined ? state.file : normalizeName(hit.package.ecosystem, hit.package.name),
          hit.discriminator,
        ].join("\u0000");
        const earlier = kept.get(dedupKey);
        if (earlier !== undefined) {
          const finding = findings[earlier];
          // Inventory: the lockfile knows more (exact version, the transitive packages folded in);
          // keep the manifest's line, take the lockfile's words.
          if (
            finding !== undefined &&
            rule.meta.severity === "info" &&
            Object.keys(hit.properties ?? {}).length > Object.keys(finding.properties ?? {}).length
          ) {
            findings[earlier] = {
              ...finding,
              message: hit.message,
              ...(hit.properties === undefined ? {} : { properties: hit.properties }),
            };
          }
          continue;
        }
        kept.set(dedupKey, findings.length);
        findings.push(toFinding(rule.meta.id, severity, hit, state));
      }
    }
    first = false;
  }
  return findings;
}

async function readFiles(input: DetectorInput): Promise<FileState[]> {
  const files = input.change.files.filter((file) => !file.binary && parserFor(file.path) !== undefined);
  const states = await Promise.all(
    files.map(async (file): Promise<FileState> => {
      const basePath = file.oldPath ?? file.path;
      const [baseBytes, headBytes] = await Promise.all([
        file.status === "added" ? undefined : input.base.read(basePath),
        file.status === "deleted" ? undefined : input.head.read(file.path),
      ]);
      const state: FileState = {
        file: file.path,
        baseText: baseBytes?.toString("utf8"),
        headText: headBytes?.toString("utf8"),
        diff: EMPTY_DIFF,
      };
      // A base that no longer parses is not this change's fault: compare against nothing.
      state.base = tryRead(basePath, state.baseText).set;
      const head = tryRead(file.path, state.headText);
      state.head = head.set;
      state.error = head.error;
      state.diff = head.error === undefined ? diffPackages(state.base, state.head) : EMPTY_DIFF;
      return state;
    }),
  );
  // Manifests first: their lines are the ones a person edits.
  const rank = (state: FileState): number => (parserFor(state.file)?.kind === "manifest" ? 0 : 1);
  return states.sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
}

function tryRead(path: string, text: string | undefined): { set?: PackageSet; error?: CustodyError } {
  if (text === undefined) {
    return {};
  }
  try {
    return { set: readLockfile(path, text) };
  } catch (error) {
    if (isCustodyError(error, "LOCKFILE_INVALID")) {
      return { error };
    }
    throw error;
  }
}

async function registryFor(options: DepsOptions, added: readonly Package[]): Promise<{ facts?: RegistryFacts; problem?: string }> {
  if (options.registry === undefined || added.length === 0) {
    return {};
  }
  try {
    return { facts: await queryRegistry(options.registry, added) };
  } catch (error) {
    if (isCustodyError(error, "REGISTRY_UNAVAILABLE")) {
      return { problem: error.message };
    }
    throw error;
  }
}

function toFinding(ruleId: string, severity: Finding["severity"], hit: DepsHit, state: FileState): Finding {
  const text = hit.side === "base" ? state.baseText : state.headText;
  const item = hit.package;
  let line = hit.line ?? item?.line;
  if (line === undefined && item?.anchor !== undefined && text !== undefined) {
    line = lineOf(text, item.anchor);
  }
  return {
    ruleId,
    category: "dependency",
    severity,
    message: hit.message,
    location: { path: state.file, ...(line === undefined ? {} : { startLine: line }) },
    fingerprint: fingerprint(ruleId, state.file, item?.ecosystem, item?.name, item?.version ?? item?.range, hit.discriminator),
    ...(hit.properties === undefined ? {} : { properties: hit.properties }),
  };
}
