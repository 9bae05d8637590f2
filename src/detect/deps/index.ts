/**
 * Public surface of the dependency detector (SPEC capability 3, dependency review).
 */
export { depsDetector } from "./deps-detector.js";
export { readLockfile } from "./read-lockfile.js";
export { diffPackages, type PackageDiff } from "./diff-packages.js";
export { loadAdvisories, parseAdvisoryFile } from "./advisories/load-advisories.js";
export { buildAdvisoryIndex, type AdvisoryIndex } from "./advisories/advisory-index.js";
export { matchAdvisories, type AdvisoryMatch } from "./advisories/match-advisories.js";
export { queryOsvApi } from "./advisories/query-osv-api.js";
export { DEPS_RULES } from "./rules/index.js";
export type { DepsRule, DepsRuleContext, DepsHit } from "./rules/deps-rule.js";
export { LOCKFILE_PARSERS, parserFor, type LockfileParser } from "./parsers/index.js";
export { ECOSYSTEMS, type Ecosystem, type Package, type PackageSet, type FileKind } from "./package.js";
export { depsOptionsSchema, type DepsOptions } from "./options.js";
