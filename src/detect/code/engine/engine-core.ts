/**
 * The base of the taint engine: the state every layer shares (files, function summaries, hits,
 * the time budget), how nodes become locations and flow steps, and how a taint reaching a sink
 * becomes a hit (or, inside a function being summarised, a parameter-to-sink entry of its
 * summary). The layers above it — guards, expressions, calls and summaries, statements, files —
 * each add one concern; methods a lower layer needs from a higher one are declared abstract here.
 */
import type { Program } from "oxc-parser";
import type { FlowStep, Location } from "../../../model/finding.js";
import type { LineIndex } from "../parse-module.js";
import type { ScopeMap } from "../scope-map.js";
import { SANITIZERS } from "../sanitizers.js";
import type { CompiledModels } from "../models/compile-models.js";
import type { TaintRule } from "../taint-rule.js";
import type { EnvKey, FunctionRef, Taint, Value } from "../taint-value.js";
import { Env } from "../taint-value.js";
import { ALL_BITS, bitsOf, classBit, deepTaints } from "../taint-value.js";
import type { AnyNode } from "./ast-nodes.js";

export interface EngineFile {
  path: string;
  text: string;
  program: Program;
  lines: LineIndex;
  scope: ScopeMap;
}

export interface EngineOptions {
  argv: boolean;
  env: boolean;
  extraSanitizers: readonly string[];
  timeBudgetMs: number;
  /** Sources, sanitizers and summaries from the package models (their sinks are in the rules). */
  models: CompiledModels;
}

export interface TaintHit {
  rule: TaintRule;
  source: { label: string; step: FlowStep };
  steps: FlowStep[];
  sink: FlowStep;
  sinkLabel: string;
}

export class BudgetExceeded extends Error {
  constructor(readonly path: string) {
    super(`time budget exceeded in ${path}`);
  }
}

export interface Summary {
  returns: Value;
  sinks: {
    index: number;
    rule: TaintRule;
    sink: FlowStep;
    sinkLabel: string;
    steps: readonly FlowStep[];
    sanitized: number;
    normalized: boolean;
  }[];
  done: boolean;
}

export interface FileState {
  file: EngineFile;
  status: "pending" | "running" | "done";
  env: Env;
  exports: Map<string, Value>;
  cjs?: Value;
  functions: AnyNode[];
}

export interface Frame {
  fileState: FileState;
  fnNode?: object;
  returns: Value[];
  /** Response variables whose Content-Type was set to a non-HTML type (content-type.ts). */
  plainResponses?: Set<EnvKey>;
}

export interface Fact {
  key: EnvKey;
  bits: number;
  needsNormalized: boolean;
  /** Member path from the variable to the checked value (`["body"]` for `req.body`). */
  path?: readonly string[];
}

/** A constant prefix that fixes the origin: `https://api.example.com/`. */
export const FIXED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+[/?#]/i;

export abstract class EngineCore {
  protected readonly states = new Map<string, FileState>();
  protected readonly summaries = new Map<object, Summary>();
  protected readonly routeHandlers = new Set<object>();
  protected readonly nextHandlers = new Set<object>();
  /** AWS Lambda / Netlify handlers (`exports.handler`, `export const handler`): the event is user input. */
  protected readonly lambdaHandlers = new Set<object>();
  /** `addEventListener('message', fn)` / `onmessage = fn`: `event.data` comes from any window. */
  protected readonly messageHandlers = new Set<object>();
  protected readonly sanitizerBits = new Map<string, number>();
  protected readonly hits: TaintHit[] = [];
  protected deadline = Number.POSITIVE_INFINITY;
  protected budgetPath = "";
  protected ticks = 0;
  protected depth = 0;

  constructor(
    files: readonly EngineFile[],
    protected readonly rules: readonly TaintRule[],
    protected readonly resolve: (fromPath: string, specifier: string) => string | undefined,
    protected readonly options: EngineOptions,
  ) {
    for (const file of files) {
      this.states.set(file.path, { file, status: "pending", env: new Env(), exports: new Map(), functions: [] });
    }
    for (const spec of SANITIZERS) {
      for (const callee of spec.callees) {
        this.sanitizerBits.set(callee, bitsOf(spec.clears));
      }
    }
    for (const [callee, bits] of options.models.sanitizers) {
      this.sanitizerBits.set(callee, bits);
    }
    for (const name of options.extraSanitizers) {
      this.sanitizerBits.set(name, ALL_BITS);
    }
  }

  protected tick(): void {
    if ((++this.ticks & 255) === 0 && performance.now() > this.deadline) {
      throw new BudgetExceeded(this.budgetPath);
    }
  }

  // ---------------------------------------------------------------- locations and steps

  protected location(node: AnyNode, frame: Frame): Location {
    const file = frame.fileState.file;
    const start = file.lines.position(node.start);
    const end = file.lines.position(node.end);
    return { path: file.path, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  }

  protected step(node: AnyNode, frame: Frame, message: string): FlowStep {
    return { location: this.location(node, frame), message };
  }

  protected text(node: AnyNode, frame: Frame, max = 60): string {
    const raw = frame.fileState.file.text.slice(node.start, node.end).replace(/\s+/g, " ");
    return raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
  }

  protected sourceValue(label: string, node: AnyNode, frame: Frame): Value {
    const taint: Taint = {
      origin: { kind: "source", label, step: this.step(node, frame, `User input from ${label}`) },
      steps: [],
      sanitized: 0,
      normalized: false,
    };
    return { taints: [taint], fresh: label };
  }

  // ---------------------------------------------------------------- functions

  protected functionName(node: AnyNode): string {
    const id = node.id as AnyNode | null | undefined;
    return id?.type === "Identifier" ? id.name : "anonymous function";
  }

  protected fnValue(node: AnyNode, env: Env, frame: Frame, name?: string): Value {
    return { taints: [], fn: { node, file: frame.fileState.file.path, closure: env, name: name ?? this.functionName(node) } };
  }

  // ---------------------------------------------------------------- reporting

  protected reportTaint(taint: Taint, rule: TaintRule, sink: FlowStep, sinkLabel: string, frame: Frame): void {
    if ((taint.sanitized & classBit(rule.vulnClass)) !== 0) {
      return;
    }
    if (taint.origin.kind === "source") {
      this.hits.push({ rule, source: { label: taint.origin.label, step: taint.origin.step }, steps: [...taint.steps], sink, sinkLabel });
      return;
    }
    const summary = this.summaries.get(taint.origin.fn);
    const index = taint.origin.index;
    const duplicate = summary?.sinks.some(
      (known) =>
        known.index === index &&
        known.rule === rule &&
        known.sanitized === taint.sanitized &&
        known.sink.location.startLine === sink.location.startLine &&
        known.sink.location.startColumn === sink.location.startColumn,
    );
    if (summary !== undefined && frame.fnNode !== undefined && duplicate !== true && summary.sinks.length < 64) {
      summary.sinks.push({
        index: taint.origin.index,
        rule,
        sink,
        sinkLabel,
        steps: taint.steps,
        sanitized: taint.sanitized,
        normalized: taint.normalized,
      });
    }
  }

  protected checkSink(value: Value, rule: TaintRule, sinkNode: AnyNode, sinkLabel: string, frame: Frame): void {
    const taints = deepTaints(value);
    if (taints.length === 0) {
      return;
    }
    const sink = this.step(sinkNode, frame, `Reaches ${sinkLabel} (${rule.title})`);
    for (const taint of taints) {
      this.reportTaint(taint, rule, sink, sinkLabel, frame);
    }
  }

  // ---------------------------------------------------------------- provided by the layers above

  protected abstract evalExpr(node: AnyNode, env: Env, frame: Frame): Value;
  protected abstract evalIdentifier(node: AnyNode, env: Env, frame: Frame): Value;
  protected abstract member(object: Value, name: string, node?: AnyNode, frame?: Frame): Value;
  protected abstract bindPattern(pattern: AnyNode, value: Value, env: Env, frame: Frame, addStep: boolean): void;
  protected abstract evalCall(node: AnyNode, env: Env, frame: Frame): Value;
  protected abstract applySummary(
    ref: FunctionRef,
    args: readonly Value[],
    argNodes: readonly (AnyNode | undefined)[],
    call: AnyNode,
    frame: Frame,
  ): Value;
  protected abstract execBlock(statements: readonly AnyNode[], env: Env, frame: Frame): boolean;
  protected abstract exec(node: AnyNode, env: Env, frame: Frame): boolean;
  protected abstract importValue(state: FileState, specifier: string, imported: string): Value;
}
