/**
 * The taint interpreter. It walks each file's AST once in statement order with an environment
 * from variables (resolved by eslint-scope) to abstract values, and:
 *  - creates source taints where request input is read (sources.ts),
 *  - propagates them through assignments, templates, concatenation, properties,
 *    destructuring, spread, calls and returns,
 *  - cleans them through sanitizer calls and guarding `if`s (allowlists, prefix checks,
 *    validators),
 *  - reports a finding when a taint reaches a sink of a rule in TAINT_RULES.
 * Functions get one summary each (which parameters reach the return value and which reach
 * sinks, with the steps inside), built on first call or at the end of the file, so flows cross
 * function and file boundaries without re-walking bodies. Invariants: the engine never throws
 * on odd input (unknown nodes are walked generically) and checks its time budget as it goes.
 *
 * The interpreter is a stack of layers, one concern a file under engine/: engine-core (state,
 * steps, reporting), guards, expressions, calls (and summaries), statements; this file adds
 * files and modules (imports, exports, CommonJS) and the public entry points.
 */
import type { Value } from "./taint-value.js";
import { EMPTY, joinValues } from "./taint-value.js";
import type { AnyNode } from "./engine/ast-nodes.js";
import { moduleExportName, normaliseModule } from "./engine/ast-nodes.js";
import type { FileState, Frame, TaintHit } from "./engine/engine-core.js";
import { StatementLayer } from "./engine/statements.js";

export type { EngineFile, TaintHit } from "./engine/engine-core.js";
export { BudgetExceeded } from "./engine/engine-core.js";

/* eslint-disable @typescript-eslint/switch-exhaustiveness-check -- AST switches handle the node kinds that carry flow; the rest fall to a generic default */

export class TaintEngine extends StatementLayer {
  /** Analyses one file (and what it imports, on demand). Throws BudgetExceeded past its budget. */
  analyse(path: string): TaintHit[] {
    const state = this.states.get(path);
    if (state === undefined || state.status !== "pending") {
      return [];
    }
    const before = this.hits.length;
    this.deadline = performance.now() + this.options.timeBudgetMs;
    this.budgetPath = path;
    try {
      this.runFile(state);
    } finally {
      this.deadline = Number.POSITIVE_INFINITY;
      for (const summary of this.summaries.values()) {
        summary.done = true;
      }
    }
    return this.hits.slice(before);
  }

  /** Files already finished as a side effect of imports still count as analysed. */
  isDone(path: string): boolean {
    return this.states.get(path)?.status === "done";
  }

  allHits(): readonly TaintHit[] {
    return this.hits;
  }

  // ---------------------------------------------------------------- files and modules

  protected runFile(state: FileState): void {
    state.status = "running";
    try {
      const frame: Frame = { fileState: state, returns: [] };
      this.collectFunctions(state);
      this.execBlock(state.file.program.body as unknown as AnyNode[], state.env, frame);
      this.collectExports(state, frame);
      // Functions nobody called in this file (route handlers, exported APIs, methods) are
      // analysed on their own: sources inside them still reach sinks.
      for (const fn of state.functions) {
        if (!this.summaries.has(fn)) {
          this.summarise({ node: fn, file: state.file.path, closure: state.env, name: this.functionName(fn) });
        }
      }
    } finally {
      state.status = "done";
    }
  }

  protected collectFunctions(state: FileState): void {
    for (const fn of state.file.scope.functions) {
      state.functions.push(fn as AnyNode);
    }
  }

  protected collectExports(state: FileState, frame: Frame): void {
    for (const statement of state.file.program.body as unknown as AnyNode[]) {
      if (statement.type === "ExportNamedDeclaration") {
        const declaration = statement.declaration as AnyNode | null;
        if (declaration !== null) {
          for (const id of this.declaredIds(declaration)) {
            state.exports.set(id.name as string, this.evalIdentifier(id, state.env, frame));
          }
        }
        const source = statement.source as AnyNode | null;
        for (const specifier of (statement.specifiers as AnyNode[] | undefined) ?? []) {
          const exported = moduleExportName(specifier.exported as AnyNode);
          const local = specifier.local as AnyNode;
          const value =
            source === null
              ? this.evalIdentifier(local, state.env, frame)
              : this.importValue(state, String(source.value), moduleExportName(local));
          state.exports.set(exported, value);
        }
      } else if (statement.type === "ExportDefaultDeclaration") {
        const declaration = statement.declaration as AnyNode;
        const id = declaration.id as AnyNode | null | undefined;
        state.exports.set("default", id ? this.evalIdentifier(id, state.env, frame) : this.evalExpr(declaration, state.env, frame));
      } else if (statement.type === "ExportAllDeclaration" && statement.exported === null) {
        const target = this.importValue(state, String((statement.source as AnyNode).value), "*");
        for (const [name, value] of target.props ?? []) {
          if (name !== "default" && !state.exports.has(name)) {
            state.exports.set(name, value);
          }
        }
      }
    }
  }

  protected declaredIds(declaration: AnyNode): AnyNode[] {
    if (declaration.type === "VariableDeclaration") {
      return (declaration.declarations as AnyNode[]).flatMap((d) => this.patternIds(d.id as AnyNode));
    }
    const id = declaration.id as AnyNode | null | undefined;
    return id ? [id] : [];
  }

  protected patternIds(pattern: AnyNode): AnyNode[] {
    switch (pattern.type) {
      case "Identifier":
        return [pattern];
      case "ObjectPattern":
        return (pattern.properties as AnyNode[]).flatMap((p) =>
          this.patternIds((p.type === "RestElement" ? p.argument : p.value) as AnyNode),
        );
      case "ArrayPattern":
        return (pattern.elements as (AnyNode | null)[]).flatMap((e) => (e ? this.patternIds(e) : []));
      case "AssignmentPattern":
        return this.patternIds(pattern.left as AnyNode);
      case "RestElement":
        return this.patternIds(pattern.argument as AnyNode);
      default:
        return [];
    }
  }

  /** The value an import or require gives: a local file's exports, or a package path. */
  protected importValue(state: FileState, specifier: string, imported: string): Value {
    if (specifier.startsWith(".") || specifier.startsWith("/")) {
      const target = this.resolve(state.file.path, specifier);
      const targetState = target === undefined ? undefined : this.states.get(target);
      if (targetState === undefined) {
        return EMPTY;
      }
      if (targetState.status === "pending") {
        this.runFile(targetState);
      }
      const namespace: Value = { taints: [], props: targetState.exports };
      if (imported === "*") {
        return targetState.cjs === undefined ? namespace : joinValues(targetState.cjs, namespace);
      }
      if (imported === "default") {
        return targetState.exports.get("default") ?? targetState.cjs ?? namespace;
      }
      return targetState.exports.get(imported) ?? (targetState.cjs ? this.member(targetState.cjs, imported) : EMPTY);
    }
    const base = normaliseModule(specifier);
    return { taints: [], ref: imported === "*" || imported === "default" ? base : `${base}.${imported}` };
  }
}
