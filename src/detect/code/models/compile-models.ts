/**
 * Turns model rows into what the engine matches on: call and member-write sinks per class,
 * source paths, sanitizer bits and pass-through summaries, all keyed by the engine's dotted
 * callee paths (`execa`, `knex().raw`, `document.location.href`).
 */
import { normaliseModule } from "../engine/ast-nodes.js";
import type { SinkSpec, TaintRule, VulnClass } from "../taint-rule.js";
import { ALL_BITS, bitsOf } from "../taint-value.js";
import { parseAccessPath } from "./access-path.js";
import type { PackageModels, TaintModel } from "./taint-model.js";

export interface CompiledModels {
  sinks: ReadonlyMap<VulnClass, readonly SinkSpec[]>;
  /** Member or call-result paths whose value is user input, with the label for messages. */
  sources: ReadonlyMap<string, string>;
  sanitizers: ReadonlyMap<string, number>;
  /** Calls whose result is their first argument (`util.promisify(fn)` behaves as `fn`). */
  passThrough: ReadonlySet<string>;
}

function escapeName(name: string): string {
  return name.replace(/[$]/g, "\\$");
}

export function packageBase(name: string): string {
  return name === "global" ? "" : normaliseModule(name);
}

/** One package's rows; throws AccessPathError (with the token) on a bad path. */
function compileInto(
  pkg: string,
  model: TaintModel,
  out: { sinks: Map<VulnClass, SinkSpec[]>; sources: Map<string, string>; sanitizers: Map<string, number>; passThrough: Set<string> },
): void {
  const parsed = parseAccessPath(packageBase(pkg), model.path);
  switch (model.kind) {
    case "sink": {
      const vulnClass = model.class;
      if (vulnClass === undefined) {
        return;
      }
      const list = out.sinks.get(vulnClass) ?? [];
      out.sinks.set(vulnClass, list);
      const label = model.label ?? parsed.targets[0] ?? pkg;
      if (parsed.args === undefined) {
        list.push({ kind: "ref-assign", refs: parsed.targets, label });
        return;
      }
      list.push({
        kind: "call",
        callees: parsed.targets,
        args: parsed.args,
        ...(parsed.objectProps === undefined ? {} : { objectProps: parsed.objectProps }),
        ...(model.condition === undefined ? {} : { condition: model.condition }),
        label: `${label}()`,
      });
      if (model.receivers !== undefined && model.receivers.length > 0) {
        // Method names are the last member of each target: `…().any` → `any`.
        const methods = [
          ...new Set(parsed.targets.map((target) => target.split(".").pop() ?? target).filter((name) => !name.endsWith(")"))),
        ];
        list.push({
          kind: "call",
          methods,
          receiver: new RegExp(`^(?:${model.receivers.map(escapeName).join("|")})$`),
          args: parsed.args,
          ...(parsed.objectProps === undefined ? {} : { objectProps: parsed.objectProps }),
          ...(model.condition === undefined ? {} : { condition: model.condition }),
          label: `${label}()`,
        });
      }
      return;
    }
    case "source":
      for (const target of parsed.targets) {
        out.sources.set(target, model.label ?? target);
      }
      return;
    case "sanitizer": {
      const bits = model.clears === undefined || model.clears === "all" ? ALL_BITS : bitsOf(model.clears);
      for (const target of parsed.targets) {
        // The path names the sanitizing function itself (its ReturnValue is what is clean).
        out.sanitizers.set(parsed.endsInCall ? target.replace(/\(\)$/, "") : target, bits);
      }
      return;
    }
    case "summary":
      for (const target of parsed.targets) {
        out.passThrough.add(parsed.endsInCall ? target.replace(/\(\)$/, "") : target);
      }
      return;
  }
}

export function compileModels(packages: readonly PackageModels[]): CompiledModels {
  const out = {
    sinks: new Map<VulnClass, SinkSpec[]>(),
    sources: new Map<string, string>(),
    sanitizers: new Map<string, number>(),
    passThrough: new Set<string>(),
  };
  for (const pkg of packages) {
    for (const model of pkg.models) {
      compileInto(pkg.package, model, out);
    }
  }
  return out;
}

/** The rules with each class's model sinks appended. */
export function withModelSinks(rules: readonly TaintRule[], models: CompiledModels): TaintRule[] {
  return rules.map((rule) => {
    const extra = models.sinks.get(rule.vulnClass);
    return extra === undefined || extra.length === 0 ? rule : { ...rule, sinks: [...rule.sinks, ...extra] };
  });
}
