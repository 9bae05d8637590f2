/**
 * Builds a DepsRuleContext for rule tests: the defaults of the policy section and an empty diff,
 * overridden by what a test case sets. Test support only; no rule imports it.
 */
import type { PackageDiff } from "../diff-packages.js";
import { depsOptionsSchema, type DepsOptions } from "../options.js";
import type { Package } from "../package.js";
import type { DepsRuleContext } from "../rules/deps-rule.js";

export interface ContextSpec {
  added?: Package[];
  removed?: Package[];
  changed?: PackageDiff["changed"];
  present?: Package[];
  options?: Record<string, unknown>;
  advisories?: DepsRuleContext["advisories"];
  error?: DepsRuleContext["error"];
}

export function ruleContext(spec: ContextSpec = {}): DepsRuleContext {
  const options: DepsOptions = depsOptionsSchema.parse(spec.options ?? {});
  const added = spec.added ?? [];
  const changed = spec.changed ?? [];
  return {
    file: "package.json",
    ecosystem: "npm",
    kind: "manifest",
    diff: { added, removed: spec.removed ?? [], changed },
    present: spec.present ?? [...added, ...changed.map((change) => change.after)],
    advisories: spec.advisories,
    options,
    error: spec.error,
  };
}

export function npmPackage(name: string, extra: Partial<Package> = {}): Package {
  return { ecosystem: "npm", name, version: "1.0.0", direct: true, ...extra };
}
