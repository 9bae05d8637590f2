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
 */
import type { Node, Program } from "oxc-parser";
import type { FlowStep, Location } from "../../model/finding.js";
import type { LineIndex } from "./parse-module.js";
import type { ScopeMap } from "./scope-map.js";
import { NON_VALUE_KEYS } from "./scope-map.js";
import { ALL_CLASSES, SANITIZERS, SCHEMA_METHODS, SCHEMA_MODULES, SCHEMA_NAME } from "./sanitizers.js";
import { NEXT_ROUTE_EXPORTS, REQUEST_PARAM_NAMES, ROUTE_METHODS, classifyMemberPath, isSourceCall } from "./sources.js";
import type { CallSinkSpec, TaintRule } from "./taint-rule.js";
import type { EnvKey, FunctionRef, Taint, Value } from "./taint-value.js";
import { Env } from "./taint-value.js";
import {
  ALL_BITS,
  EMPTY,
  bitsOf,
  classBit,
  deepTaints,
  joinValues,
  mapTaints,
  mergeTaints,
  sanitize,
  taintedValue,
  withStep,
} from "./taint-value.js";

/* eslint-disable @typescript-eslint/switch-exhaustiveness-check -- AST switches handle the node kinds that carry flow; the rest fall to a generic default */

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

type AnyNode = Node & Record<string, unknown>;

interface Summary {
  returns: Value;
  sinks: { index: number; rule: TaintRule; sink: FlowStep; sinkLabel: string; steps: readonly FlowStep[]; sanitized: number; normalized: boolean }[];
  done: boolean;
}

interface FileState {
  file: EngineFile;
  status: "pending" | "running" | "done";
  env: Env;
  exports: Map<string, Value>;
  cjs?: Value;
  functions: AnyNode[];
}

interface Frame {
  fileState: FileState;
  fnNode?: object;
  returns: Value[];
}

interface Fact {
  key: EnvKey;
  bits: number;
  needsNormalized: boolean;
  /** Member path from the variable to the checked value (`["body"]` for `req.body`). */
  path?: readonly string[];
}

const FIXED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+[/?#]/i;
const SAME_SITE_PATH = /^\/[^/\\]/;
const HOSTISH = new Set(["host", "hostname", "origin"]);
const PATH_NORMALISERS = new Set(["path.resolve", "path.normalize", "path.join", "path.posix.resolve", "path.posix.normalize", "path.posix.join", "path.win32.resolve", "fs.realpathSync", "fs.promises.realpath"]);
const NON_PROPAGATING_METHODS = new Set(["includes", "startsWith", "endsWith", "indexOf", "lastIndexOf", "test", "has", "localeCompare", "charCodeAt", "codePointAt", "search", "toFixed"]);
const CALLBACK_METHODS = new Set(["map", "forEach", "filter", "find", "findLast", "some", "every", "flatMap", "then", "sort"]);
const PROTO_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const RESPONSE_SENDERS = new Set(["send", "json", "end", "write", "render", "status", "redirect", "sendFile", "download"]);

function isFunctionNode(node: AnyNode | null | undefined): boolean {
  return node !== null && node !== undefined && (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression");
}

function normaliseModule(specifier: string): string {
  return specifier.replace(/^node:/, "").replace(/\//g, ".");
}

function staticPropertyName(node: AnyNode): string | undefined {
  const property = node.property as AnyNode;
  if (node.computed !== true && (property.type === "Identifier" || property.type === "PrivateIdentifier")) {
    return property.name;
  }
  if (property.type === "Literal" && (typeof property.value === "string" || typeof property.value === "number")) {
    return String(property.value);
  }
  return undefined;
}

function keyName(node: AnyNode): string | undefined {
  if (node.computed === true) {
    const key = node.key as AnyNode;
    return key.type === "Literal" && typeof key.value === "string" ? key.value : undefined;
  }
  const key = node.key as AnyNode;
  if (key.type === "Identifier") {
    return key.name;
  }
  if (key.type === "Literal") {
    return String(key.value);
  }
  return undefined;
}

/** Unwraps TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and parentheses. */
function unwrap(node: AnyNode): AnyNode {
  let current = node;
  while (
    current.type === "TSAsExpression" ||
    current.type === "TSNonNullExpression" ||
    current.type === "TSSatisfiesExpression" ||
    current.type === "TSTypeAssertion" ||
    current.type === "ParenthesizedExpression" ||
    current.type === "ChainExpression"
  ) {
    current = current.expression as AnyNode;
  }
  return current;
}

export class TaintEngine {
  private readonly states = new Map<string, FileState>();
  private readonly summaries = new Map<object, Summary>();
  private readonly routeHandlers = new Set<object>();
  private readonly nextHandlers = new Set<object>();
  private readonly sanitizerBits = new Map<string, number>();
  private readonly hits: TaintHit[] = [];
  private deadline = Number.POSITIVE_INFINITY;
  private budgetPath = "";
  private ticks = 0;
  private depth = 0;

  constructor(
    files: readonly EngineFile[],
    private readonly rules: readonly TaintRule[],
    private readonly resolve: (fromPath: string, specifier: string) => string | undefined,
    private readonly options: EngineOptions,
  ) {
    for (const file of files) {
      this.states.set(file.path, { file, status: "pending", env: new Env(), exports: new Map(), functions: [] });
    }
    for (const spec of SANITIZERS) {
      for (const callee of spec.callees) {
        this.sanitizerBits.set(callee, bitsOf(spec.clears));
      }
    }
    for (const name of options.extraSanitizers) {
      this.sanitizerBits.set(name, ALL_BITS);
    }
  }

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

  private tick(): void {
    if ((++this.ticks & 255) === 0 && performance.now() > this.deadline) {
      throw new BudgetExceeded(this.budgetPath);
    }
  }

  // ---------------------------------------------------------------- files and modules

  private runFile(state: FileState): void {
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

  private collectFunctions(state: FileState): void {
    for (const fn of state.file.scope.functions) {
      state.functions.push(fn as AnyNode);
    }
  }

  private collectExports(state: FileState, frame: Frame): void {
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
          const exported = this.moduleExportName(specifier.exported as AnyNode);
          const local = specifier.local as AnyNode;
          const value =
            source === null
              ? this.evalIdentifier(local, state.env, frame)
              : this.importValue(state, String(source.value), this.moduleExportName(local));
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

  private moduleExportName(node: AnyNode): string {
    return node.type === "Identifier" ? (node.name) : String(node.value);
  }

  private declaredIds(declaration: AnyNode): AnyNode[] {
    if (declaration.type === "VariableDeclaration") {
      return (declaration.declarations as AnyNode[]).flatMap((d) => this.patternIds(d.id as AnyNode));
    }
    const id = declaration.id as AnyNode | null | undefined;
    return id ? [id] : [];
  }

  private patternIds(pattern: AnyNode): AnyNode[] {
    switch (pattern.type) {
      case "Identifier":
        return [pattern];
      case "ObjectPattern":
        return (pattern.properties as AnyNode[]).flatMap((p) => this.patternIds((p.type === "RestElement" ? p.argument : p.value) as AnyNode));
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
  private importValue(state: FileState, specifier: string, imported: string): Value {
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

  // ---------------------------------------------------------------- locations and steps

  private location(node: AnyNode, frame: Frame): Location {
    const file = frame.fileState.file;
    const start = file.lines.position(node.start);
    const end = file.lines.position(node.end);
    return { path: file.path, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  }

  private step(node: AnyNode, frame: Frame, message: string): FlowStep {
    return { location: this.location(node, frame), message };
  }

  private text(node: AnyNode, frame: Frame, max = 60): string {
    const raw = frame.fileState.file.text.slice(node.start, node.end).replace(/\s+/g, " ");
    return raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
  }

  private sourceValue(label: string, node: AnyNode, frame: Frame): Value {
    const taint: Taint = {
      origin: { kind: "source", label, step: this.step(node, frame, `User input from ${label}`) },
      steps: [],
      sanitized: 0,
      normalized: false,
    };
    return { taints: [taint], fresh: label };
  }

  // ---------------------------------------------------------------- functions

  private functionName(node: AnyNode): string {
    const id = node.id as AnyNode | null | undefined;
    return id?.type === "Identifier" ? (id.name) : "anonymous function";
  }

  private fnValue(node: AnyNode, env: Env, frame: Frame, name?: string): Value {
    return { taints: [], fn: { node, file: frame.fileState.file.path, closure: env, name: name ?? this.functionName(node) } };
  }

  private summarise(ref: FunctionRef): Summary {
    const existing = this.summaries.get(ref.node);
    if (existing !== undefined) {
      return existing;
    }
    const summary: Summary = { returns: EMPTY, sinks: [], done: false };
    this.summaries.set(ref.node, summary);
    const fileState = this.states.get(ref.file);
    if (fileState === undefined || this.depth > 60) {
      summary.done = true;
      return summary;
    }
    const node = ref.node as AnyNode;
    const frame: Frame = { fileState, fnNode: node, returns: [] };
    const env = ref.closure.child();
    const params = node.params as AnyNode[];
    params.forEach((param, index) => {
      const paramTaint: Taint = { origin: { kind: "param", fn: node, index }, steps: [], sanitized: 0, normalized: false };
      let value: Value = { taints: [paramTaint] };
      const target = param.type === "TSParameterProperty" ? (param.parameter as AnyNode) : param;
      const id = target.type === "AssignmentPattern" ? (target.left as AnyNode) : target;
      const name = id.type === "Identifier" ? (id.name) : undefined;
      const isRequest =
        (name !== undefined && REQUEST_PARAM_NAMES.has(name)) ||
        (index === 0 && (this.routeHandlers.has(node) || this.nextHandlers.has(node))) ||
        REQUEST_TYPE_NAMES.has(typeName(id) ?? "");
      if (isRequest) {
        value = { ...value, request: { root: name ?? "req", path: [] } };
      }
      if (index === 1 && this.nextHandlers.has(node)) {
        value = { taints: [], props: new Map([["params", this.sourceValue("params", param, frame)]]) };
      }
      this.bindPattern(id.type === "RestElement" ? (id.argument as AnyNode) : id, value, env, frame, false);
    });
    this.depth++;
    try {
      const body = node.body as AnyNode;
      if (body.type === "BlockStatement") {
        this.execBlock(body.body as AnyNode[], env, frame);
      } else {
        frame.returns.push(this.evalExpr(body, env, frame));
      }
    } finally {
      this.depth--;
    }
    summary.returns = frame.returns.reduce(joinValues, EMPTY);
    summary.done = true;
    return summary;
  }

  /** Applies a callee's summary at a call: maps its parameter taints to the arguments' taints. */
  private applySummary(ref: FunctionRef, args: readonly Value[], argNodes: readonly (AnyNode | undefined)[], call: AnyNode, frame: Frame): Value {
    const summary = this.summarise(ref);
    const node = ref.node;
    const passStep = (index: number): FlowStep => {
      const argNode = argNodes[index] ?? call;
      return this.step(argNode, frame, `Passed to ${ref.name}() as argument ${String(index + 1)}`);
    };
    // A snapshot: applying a recursive function's own summary adds to it while we iterate.
    for (const sink of [...summary.sinks]) {
      const arg = args[sink.index];
      if (arg === undefined) {
        continue;
      }
      const step = passStep(sink.index);
      for (const taint of deepTaints(arg)) {
        const combined: Taint = {
          ...taint,
          steps: [...taint.steps, step, ...sink.steps],
          sanitized: taint.sanitized | sink.sanitized,
          normalized: taint.normalized || sink.normalized,
        };
        this.reportTaint(combined, sink.rule, sink.sink, sink.sinkLabel, frame);
      }
    }
    const returnStep = this.step(call, frame, `Returned from ${ref.name}()`);
    const instantiate = (value: Value): Value => {
      const taints: Taint[] = [];
      for (const taint of value.taints) {
        if (taint.origin.kind === "param" && taint.origin.fn === node) {
          const arg = args[taint.origin.index];
          if (arg === undefined) {
            continue;
          }
          const step = passStep(taint.origin.index);
          for (const outer of deepTaints(arg)) {
            taints.push(
              withStep(
                { ...outer, steps: [...outer.steps, step, ...taint.steps], sanitized: outer.sanitized | taint.sanitized, normalized: outer.normalized || taint.normalized },
                returnStep,
              ),
            );
          }
        } else {
          taints.push(taint);
        }
      }
      const props = value.props === undefined ? undefined : new Map([...value.props].map(([key, prop]) => [key, instantiate(prop)] as const));
      return { ...value, taints: mergeTaints(taints), ...(props ? { props } : {}), fresh: undefined };
    };
    return instantiate(summary.returns);
  }

  // ---------------------------------------------------------------- reporting

  private reportTaint(taint: Taint, rule: TaintRule, sink: FlowStep, sinkLabel: string, frame: Frame): void {
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
      summary.sinks.push({ index: taint.origin.index, rule, sink, sinkLabel, steps: taint.steps, sanitized: taint.sanitized, normalized: taint.normalized });
    }
  }

  private checkSink(value: Value, rule: TaintRule, sinkNode: AnyNode, sinkLabel: string, frame: Frame): void {
    const taints = deepTaints(value);
    if (taints.length === 0) {
      return;
    }
    const sink = this.step(sinkNode, frame, `Reaches ${sinkLabel} (${rule.title})`);
    for (const taint of taints) {
      this.reportTaint(taint, rule, sink, sinkLabel, frame);
    }
  }

  // ---------------------------------------------------------------- statements

  private execBlock(statements: readonly AnyNode[], env: Env, frame: Frame): boolean {
    // Function declarations are hoisted: calls above the declaration see them.
    for (const statement of statements) {
      const declaration = statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" ? (statement.declaration as AnyNode | null) : statement;
      if (declaration?.type === "FunctionDeclaration" && declaration.id) {
        const variable = frame.fileState.file.scope.variableOf(declaration.id);
        if (variable) {
          env.set(variable, this.fnValue(declaration, env, frame));
        }
        this.markNextHandler(statement, declaration);
      }
    }
    for (const statement of statements) {
      if (this.exec(statement, env, frame)) {
        return true;
      }
    }
    return false;
  }

  private markNextHandler(statement: AnyNode, declaration: AnyNode): void {
    if (statement.type !== "ExportNamedDeclaration") {
      return;
    }
    if (declaration.type === "FunctionDeclaration") {
      const id = declaration.id as AnyNode | null;
      if (id && NEXT_ROUTE_EXPORTS.has(id.name as string)) {
        this.nextHandlers.add(declaration);
      }
    } else if (declaration.type === "VariableDeclaration") {
      for (const declarator of declaration.declarations as AnyNode[]) {
        const id = declarator.id as AnyNode;
        const init = declarator.init ? unwrap(declarator.init as AnyNode) : undefined;
        if (id.type === "Identifier" && NEXT_ROUTE_EXPORTS.has(id.name) && init && isFunctionNode(init)) {
          this.nextHandlers.add(init);
        }
      }
    }
  }

  /** Executes one statement; returns true when control never continues past it. */
  private exec(node: AnyNode, env: Env, frame: Frame): boolean {
    this.tick();
    switch (node.type) {
      case "VariableDeclaration":
        for (const declarator of node.declarations as AnyNode[]) {
          const init = declarator.init as AnyNode | null;
          const value = init ? this.evalExpr(init, env, frame) : EMPTY;
          this.bindPattern(declarator.id as AnyNode, value, env, frame, true);
        }
        return false;
      case "ExpressionStatement":
        this.evalExpr(node.expression as AnyNode, env, frame);
        return false;
      case "ReturnStatement": {
        const argument = node.argument as AnyNode | null;
        if (argument) {
          frame.returns.push(this.evalExpr(argument, env, frame));
        }
        return true;
      }
      case "ThrowStatement":
        this.evalExpr(node.argument as AnyNode, env, frame);
        return true;
      case "BreakStatement":
      case "ContinueStatement":
        return true;
      case "BlockStatement":
      case "StaticBlock":
        return this.execBlock(node.body as AnyNode[], env, frame);
      case "IfStatement":
        return this.execIf(node, env, frame);
      case "ForStatement": {
        if (node.init) {
          const init = node.init as AnyNode;
          if (init.type === "VariableDeclaration") {
            this.exec(init, env, frame);
          } else {
            this.evalExpr(init, env, frame);
          }
        }
        this.loop(env, (layer) => {
          if (node.test) {
            this.evalExpr(node.test as AnyNode, layer, frame);
          }
          this.exec(node.body as AnyNode, layer, frame);
          if (node.update) {
            this.evalExpr(node.update as AnyNode, layer, frame);
          }
        });
        return false;
      }
      case "ForInStatement":
      case "ForOfStatement": {
        const right = this.evalExpr(node.right as AnyNode, env, frame);
        // Keys of a tainted object and elements of a tainted array are tainted.
        const element = taintedValue(deepTaints(right));
        const left = node.left as AnyNode;
        const target = left.type === "VariableDeclaration" ? ((left.declarations as AnyNode[])[0]?.id as AnyNode | undefined) : left;
        this.loop(env, (layer) => {
          if (target) {
            this.bindPattern(target, element, layer, frame, true);
          }
          this.exec(node.body as AnyNode, layer, frame);
        });
        return false;
      }
      case "WhileStatement":
      case "DoWhileStatement":
        this.loop(env, (layer) => {
          this.evalExpr(node.test as AnyNode, layer, frame);
          this.exec(node.body as AnyNode, layer, frame);
        });
        return false;
      case "TryStatement": {
        const blockExits = this.exec(node.block as AnyNode, env, frame);
        const handler = node.handler as AnyNode | null;
        if (handler) {
          const handlerEnv = env.child();
          if (handler.param) {
            this.bindPattern(handler.param as AnyNode, EMPTY, handlerEnv, frame, false);
          }
          this.exec(handler.body as AnyNode, handlerEnv, frame);
          env.absorb([handlerEnv], false);
        }
        const finalizer = node.finalizer as AnyNode | null;
        const finalExits = finalizer ? this.exec(finalizer, env, frame) : false;
        return finalExits || (blockExits && !handler);
      }
      case "SwitchStatement": {
        this.evalExpr(node.discriminant as AnyNode, env, frame);
        const branches: Env[] = [];
        for (const switchCase of node.cases as AnyNode[]) {
          const caseEnv = env.child();
          if (switchCase.test) {
            this.evalExpr(switchCase.test as AnyNode, caseEnv, frame);
          }
          this.execBlock(switchCase.consequent as AnyNode[], caseEnv, frame);
          branches.push(caseEnv);
        }
        env.absorb(branches, false);
        return false;
      }
      case "LabeledStatement":
        return this.exec(node.body as AnyNode, env, frame);
      case "FunctionDeclaration":
        return false;
      case "ClassDeclaration":
        this.evalClass(node, env, frame);
        return false;
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration": {
        const declaration = node.declaration as AnyNode | null;
        if (declaration) {
          if (node.type === "ExportNamedDeclaration") {
            this.markNextHandler(node, declaration);
          }
          if (declaration.type.endsWith("Declaration")) {
            return this.exec(declaration, env, frame);
          }
          this.evalExpr(declaration, env, frame);
        }
        return false;
      }
      case "WithStatement":
        this.evalExpr(node.object as AnyNode, env, frame);
        return this.exec(node.body as AnyNode, env, frame);
      default:
        // Imports, empty statements and TypeScript declarations carry no runtime flow here.
        return false;
    }
  }

  /** Two passes over a loop body: enough for a value assigned late in one iteration to reach a use early in the next. */
  private loop(env: Env, body: (layer: Env) => void): void {
    const layer = env.child();
    body(layer);
    body(layer);
    env.absorb([layer], false);
  }


  private execIf(node: AnyNode, env: Env, frame: Frame): boolean {
    const test = node.test as AnyNode;
    this.evalExpr(test, env, frame);
    const facts = this.guardFacts(test, env, frame);
    const thenEnv = env.child();
    this.applyFacts(thenEnv, facts.whenTrue);
    const thenExits = this.exec(node.consequent as AnyNode, thenEnv, frame);
    const elseEnv = env.child();
    this.applyFacts(elseEnv, facts.whenFalse);
    const alternate = node.alternate as AnyNode | null;
    const elseExits = alternate ? this.exec(alternate, elseEnv, frame) : false;
    if (thenExits && elseExits) {
      return true;
    }
    env.absorb(thenExits ? [elseEnv] : elseExits ? [thenEnv] : [thenEnv, elseEnv], true);
    return false;
  }

  // ---------------------------------------------------------------- guards (sanitizing ifs)

  private applyFacts(env: Env, facts: readonly Fact[]): void {
    for (const fact of facts) {
      const value = env.get(fact.key);
      if (value === undefined) {
        continue;
      }
      if (value.request !== undefined) {
        // Sources are created on each read of a request path, so the guard is remembered on the request itself.
        if (fact.path !== undefined && fact.path.length > 0 && !fact.needsNormalized) {
          const sanitized = new Map(value.request.sanitized);
          const key = [...value.request.path, ...fact.path].join(".");
          sanitized.set(key, (sanitized.get(key) ?? 0) | fact.bits);
          env.set(fact.key, { ...value, request: { ...value.request, sanitized } });
        }
        continue;
      }
      env.set(fact.key, sanitize(value, fact.bits, fact.needsNormalized));
      if (value.alias !== undefined) {
        const aliased = env.get(value.alias);
        if (aliased) {
          env.set(value.alias, sanitize(aliased, fact.bits, fact.needsNormalized));
        }
      }
    }
  }

  /** The variable a checked expression is about: `u` in `u.hostname`, `v` in `new URL(v).host`. */
  private subjectKey(node: AnyNode, frame: Frame): EnvKey | undefined {
    const current = unwrap(node);
    if (current.type === "Identifier") {
      return frame.fileState.file.scope.variableOf(current) ?? undefined;
    }
    if (current.type === "MemberExpression") {
      return this.subjectKey(current.object as AnyNode, frame);
    }
    if ((current.type === "NewExpression" || current.type === "CallExpression") && (current.arguments as AnyNode[]).length > 0) {
      const first = (current.arguments as AnyNode[])[0];
      return first ? this.subjectKey(first, frame) : undefined;
    }
    if (current.type === "AwaitExpression") {
      return this.subjectKey(current.argument as AnyNode, frame);
    }
    return undefined;
  }

  /** Static member names after the root identifier: `req.body.url` → ["body", "url"]. */
  private memberPath(node: AnyNode): string[] | undefined {
    const current = unwrap(node);
    if (current.type === "Identifier") {
      return [];
    }
    if (current.type !== "MemberExpression") {
      return undefined;
    }
    const name = staticPropertyName(current);
    const parent = this.memberPath(current.object as AnyNode);
    return name === undefined || parent === undefined ? undefined : [...parent, name];
  }

  private isHostish(node: AnyNode): boolean {
    const current = unwrap(node);
    return current.type === "MemberExpression" && HOSTISH.has(staticPropertyName(current) ?? "");
  }

  private literalString(node: AnyNode, env: Env, frame: Frame): string | undefined {
    const current = unwrap(node);
    if (current.type === "Literal" && typeof current.value === "string") {
      return current.value;
    }
    if (current.type === "TemplateLiteral") {
      const quasi = (current.quasis as AnyNode[])[0];
      return ((quasi?.value as { cooked?: string | null } | undefined)?.cooked ?? undefined) ?? undefined;
    }
    if (current.type === "BinaryExpression" && current.operator === "+") {
      return this.literalString(current.left as AnyNode, env, frame);
    }
    if (current.type === "Identifier") {
      const variable = frame.fileState.file.scope.variableOf(current);
      return variable ? env.get(variable)?.literal : undefined;
    }
    return undefined;
  }

  private guardFacts(test: AnyNode, env: Env, frame: Frame): { whenTrue: Fact[]; whenFalse: Fact[] } {
    const node = unwrap(test);
    const none = { whenTrue: [], whenFalse: [] };
    if (node.type === "UnaryExpression" && node.operator === "!") {
      const inner = this.guardFacts(node.argument as AnyNode, env, frame);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    if (node.type === "LogicalExpression") {
      const left = this.guardFacts(node.left as AnyNode, env, frame);
      const right = this.guardFacts(node.right as AnyNode, env, frame);
      if (node.operator === "&&") {
        return { whenTrue: [...left.whenTrue, ...right.whenTrue], whenFalse: [] };
      }
      if (node.operator === "||") {
        return { whenTrue: [], whenFalse: [...left.whenFalse, ...right.whenFalse] };
      }
      return none;
    }
    const fact = (subject: AnyNode, bits: number, needsNormalized = false): Fact[] => {
      const key = this.subjectKey(subject, frame);
      return key === undefined ? [] : [{ key, bits, needsNormalized, path: this.memberPath(subject) }];
    };
    const urlBits = classBit("ssrf") | classBit("open-redirect");
    if (node.type === "BinaryExpression") {
      const operator = node.operator as string;
      const left = unwrap(node.left as AnyNode);
      const right = unwrap(node.right as AnyNode);
      const equal = operator === "===" || operator === "==";
      const notEqual = operator === "!==" || operator === "!=";
      // indexOf(x) !== -1 and friends behave like includes(x).
      if (left.type === "CallExpression" && this.calleeMethod(left) === "indexOf") {
        const isMinusOne = right.type === "UnaryExpression" && right.operator === "-";
        const present = (notEqual && isMinusOne) || operator === ">=" || (operator === ">" && isMinusOne);
        const absent = (equal && isMinusOne) || operator === "<";
        const inner = this.membershipFacts(left, env, frame);
        return present ? { whenTrue: inner, whenFalse: [] } : absent ? { whenTrue: [], whenFalse: inner } : none;
      }
      if (!equal && !notEqual) {
        return none;
      }
      if (left.type === "UnaryExpression" && left.operator === "typeof" && right.type === "Literal" && (right.value === "number" || right.value === "boolean")) {
        const facts = fact(left.argument as AnyNode, ALL_BITS);
        return equal ? { whenTrue: facts, whenFalse: [] } : { whenTrue: [], whenFalse: facts };
      }
      const [subject, other] = right.type === "Literal" || right.type === "TemplateLiteral" ? [left, right] : [right, left];
      const literal = other.type === "Literal" && typeof other.value === "string" ? other.value : undefined;
      if (literal === undefined) {
        return none;
      }
      if (PROTO_KEYS.has(literal)) {
        // `key === "__proto__"` is the dangerous case; the safe path is where it is false.
        const facts = fact(subject, classBit("prototype-pollution"));
        return equal ? { whenTrue: [], whenFalse: facts } : { whenTrue: facts, whenFalse: [] };
      }
      const facts = this.isHostish(subject) ? fact(subject, urlBits) : subject.type === "Identifier" ? fact(subject, ALL_BITS) : [];
      return equal ? { whenTrue: facts, whenFalse: [] } : { whenTrue: [], whenFalse: facts };
    }
    if (node.type === "MemberExpression" && staticPropertyName(node) === "success") {
      // schema.safeParse(x).success
      const object = unwrap(node.object as AnyNode);
      if (object.type === "CallExpression" && this.calleeMethod(object) === "safeParse") {
        const first = (object.arguments as AnyNode[])[0];
        return { whenTrue: first ? fact(first, ALL_BITS) : [], whenFalse: [] };
      }
      return none;
    }
    if (node.type !== "CallExpression") {
      return none;
    }
    const method = this.calleeMethod(node);
    const args = node.arguments as AnyNode[];
    const first = args[0];
    if (method === "includes" || method === "has") {
      return { whenTrue: this.membershipFacts(node, env, frame), whenFalse: this.protoListFacts(node, frame) };
    }
    if (method === "startsWith" && first) {
      const callee = node.callee as AnyNode;
      const subject = callee.object as AnyNode;
      const prefix = this.literalString(first, env, frame);
      const bits = classBit("path-traversal");
      const facts = fact(subject, bits, true);
      if (prefix !== undefined && FIXED_ORIGIN.test(prefix)) {
        facts.push(...fact(subject, urlBits));
      }
      return { whenTrue: facts, whenFalse: [] };
    }
    if (method === "test" && first) {
      const callee = unwrap(node.callee as AnyNode);
      const regex = unwrap(callee.object as AnyNode);
      const pattern = (regex.regex as { pattern?: string } | undefined)?.pattern;
      // Only fully anchored allowlist patterns (`/^[a-z0-9]+$/`) prove the whole value safe.
      if (pattern !== undefined && pattern.startsWith("^") && pattern.endsWith("$") && !pattern.includes(".*") && !pattern.includes(".+")) {
        return { whenTrue: fact(first, ALL_BITS), whenFalse: [] };
      }
      return none;
    }
    // Validator calls: an ajv compiled validator `validate(body)`, `ajv.validate(schema, body)`,
    // `Object.hasOwn`-style checks are not validators.
    const calleeValue = this.peekValue(node.callee as AnyNode, env, frame);
    if (calleeValue.ref !== undefined && /^ajv(?:\.default)?\(\)\.(?:compile|getSchema)\(\)$/.test(calleeValue.ref) && first) {
      return { whenTrue: fact(first, ALL_BITS), whenFalse: [] };
    }
    if (calleeValue.ref !== undefined && /^ajv(?:\.default)?\(\)\.validate$/.test(calleeValue.ref) && args[1]) {
      return { whenTrue: fact(args[1], ALL_BITS), whenFalse: [] };
    }
    return none;
  }

  private membershipFacts(call: AnyNode, env: Env, frame: Frame): Fact[] {
    const first = (call.arguments as AnyNode[])[0];
    if (!first || this.isProtoList(call)) {
      return [];
    }
    const key = this.subjectKey(first, frame);
    if (key === undefined) {
      return [];
    }
    // Membership of a host in an allowlist cleans URL classes; of the whole value, everything.
    const bits = this.isHostish(first) ? classBit("ssrf") | classBit("open-redirect") : unwrap(first).type === "Identifier" ? ALL_BITS : 0;
    return bits === 0 ? [] : [{ key, bits, needsNormalized: false }];
  }

  private isProtoList(call: AnyNode): boolean {
    const callee = unwrap(call.callee as AnyNode);
    const object = callee.type === "MemberExpression" ? unwrap(callee.object as AnyNode) : undefined;
    return object?.type === "ArrayExpression" && (object.elements as (AnyNode | null)[]).some((e) => e?.type === "Literal" && PROTO_KEYS.has(String(e.value)));
  }

  private protoListFacts(call: AnyNode, frame: Frame): Fact[] {
    const first = (call.arguments as AnyNode[])[0];
    if (!first || !this.isProtoList(call)) {
      return [];
    }
    const key = this.subjectKey(first, frame);
    return key === undefined ? [] : [{ key, bits: classBit("prototype-pollution"), needsNormalized: false }];
  }

  private calleeMethod(call: AnyNode): string | undefined {
    const callee = unwrap(call.callee as AnyNode);
    return callee.type === "MemberExpression" ? staticPropertyName(callee) : undefined;
  }

  /** Evaluates an expression without side effects that matter (for guards: callee refs). */
  private peekValue(node: AnyNode, env: Env, frame: Frame): Value {
    const current = unwrap(node);
    if (current.type === "Identifier") {
      return this.evalIdentifier(current, env, frame);
    }
    if (current.type === "MemberExpression") {
      const name = staticPropertyName(current);
      const object = this.peekValue(current.object as AnyNode, env, frame);
      return name === undefined ? EMPTY : this.member(object, name);
    }
    return EMPTY;
  }

  // ---------------------------------------------------------------- binding

  private bindPattern(pattern: AnyNode, value: Value, env: Env, frame: Frame, addStep: boolean): void {
    this.tick();
    switch (pattern.type) {
      case "Identifier": {
        const variable = frame.fileState.file.scope.variableOf(pattern);
        const name = pattern.name;
        const stepped =
          addStep && value.taints.length > 0
            ? mapTaints(value, (taint) => withStep(taint, this.step(pattern, frame, `Assigned to ${name}`)))
            : value;
        env.set(variable ?? `global:${name}`, stepped);
        return;
      }
      case "ObjectPattern": {
        const used: string[] = [];
        for (const property of pattern.properties as AnyNode[]) {
          if (property.type === "RestElement") {
            // The rest of a tainted object is tainted (minus the properties taken above).
            const rest: Value = { ...value, props: value.props ? new Map([...value.props].filter(([key]) => !used.includes(key))) : undefined, fresh: undefined };
            this.bindPattern(property.argument as AnyNode, rest, env, frame, addStep);
            continue;
          }
          const name = keyName(property);
          let propValue: Value;
          if (name === undefined) {
            const keyValue = this.evalExpr(property.key as AnyNode, env, frame);
            propValue = { taints: mergeTaints(deepTaints(value), keyValue.taints) };
          } else {
            used.push(name);
            propValue = this.member(value, name, property.key as AnyNode, frame);
          }
          this.bindPattern(property.value as AnyNode, propValue, env, frame, addStep);
        }
        return;
      }
      case "ArrayPattern": {
        const element = taintedValue(deepTaints(value));
        for (const item of pattern.elements as (AnyNode | null)[]) {
          if (item) {
            this.bindPattern(item.type === "RestElement" ? (item.argument as AnyNode) : item, element, env, frame, addStep);
          }
        }
        return;
      }
      case "AssignmentPattern": {
        const fallback = this.evalExpr(pattern.right as AnyNode, env, frame);
        this.bindPattern(pattern.left as AnyNode, joinValues(value, fallback), env, frame, addStep);
        return;
      }
      case "RestElement":
        this.bindPattern(pattern.argument as AnyNode, value, env, frame, addStep);
        return;
      case "MemberExpression":
        this.assignMember(pattern, value, env, frame);
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- expressions

  private evalIdentifier(node: AnyNode, env: Env, frame: Frame): Value {
    const name = node.name as string;
    if (name === "undefined") {
      return EMPTY;
    }
    const variable = frame.fileState.file.scope.variableOf(node);
    if (variable === undefined) {
      return env.get(`global:${name}`) ?? { taints: [], ref: name };
    }
    const known = env.get(variable);
    if (known !== undefined) {
      return known;
    }
    const definition = variable.defs[0];
    if (definition?.type === "ImportBinding") {
      const declaration = definition.parent as unknown as AnyNode | null;
      const specifier = definition.node as unknown as AnyNode;
      if (declaration?.type === "ImportDeclaration") {
        const source = String((declaration.source as AnyNode).value);
        const imported =
          specifier.type === "ImportDefaultSpecifier"
            ? "default"
            : specifier.type === "ImportNamespaceSpecifier"
              ? "*"
              : this.moduleExportName(specifier.imported as AnyNode);
        const value = this.importValue(frame.fileState, source, imported);
        env.set(variable, value);
        return value;
      }
    }
    if (definition?.type === "FunctionName") {
      return this.fnValue(definition.node as unknown as AnyNode, frame.fileState.env, frame);
    }
    return EMPTY;
  }

  /** Reading property `name` of a value. */
  private member(object: Value, name: string, node?: AnyNode, frame?: Frame): Value {
    if (object.request !== undefined) {
      const path = [...object.request.path, name];
      const kind = classifyMemberPath(path);
      if (kind === "source" && node && frame) {
        const dotted = path.join(".");
        let bits = 0;
        for (const [guarded, guardBits] of object.request.sanitized ?? []) {
          if (dotted === guarded || dotted.startsWith(`${guarded}.`)) {
            bits |= guardBits;
          }
        }
        const source = this.sourceValue(`${object.request.root}.${dotted}`, node, frame);
        return bits === 0 ? source : { ...sanitize(source, bits), fresh: source.fresh };
      }
      if (kind === "intermediate") {
        return { taints: [], request: { ...object.request, path } };
      }
      return EMPTY;
    }
    if (object.ref !== undefined) {
      if (object.ref === "process" && ((name === "argv" && this.options.argv) || (name === "env" && this.options.env)) && node && frame) {
        return this.sourceValue(`process.${name}`, node, frame);
      }
      return { taints: object.taints, ref: `${object.ref}.${name}` };
    }
    const own = object.props?.get(name);
    if (own !== undefined) {
      return own;
    }
    if (object.taints.length === 0 || name === "length") {
      return EMPTY;
    }
    if (object.fresh !== undefined && node && frame && object.fresh.length < 80) {
      const label = `${object.fresh}.${name}`;
      const relabelled = object.taints.map((taint) =>
        taint.origin.kind === "source" ? { ...taint, origin: { ...taint.origin, label, step: this.step(node, frame, `User input from ${label}`) } } : taint,
      );
      return { taints: relabelled, fresh: label };
    }
    return { taints: object.taints };
  }

  private evalExpr(node: AnyNode, env: Env, frame: Frame): Value {
    this.tick();
    if (this.depth > 400) {
      return EMPTY;
    }
    this.depth++;
    try {
      return this.evalInner(node, env, frame);
    } finally {
      this.depth--;
    }
  }

  private evalInner(node: AnyNode, env: Env, frame: Frame): Value {
    switch (node.type) {
      case "Identifier":
        return this.evalIdentifier(node, env, frame);
      case "Literal":
        return typeof node.value === "string" ? { taints: [], literal: node.value } : EMPTY;
      case "TemplateLiteral": {
        const expressions = (node.expressions as AnyNode[]).map((e) => this.evalExpr(e, env, frame));
        const quasis = node.quasis as AnyNode[];
        const head = (quasis[0]?.value as { cooked?: string | null } | undefined)?.cooked ?? "";
        if (expressions.length === 0) {
          return { taints: [], literal: head };
        }
        // `${base}${input}`: an untainted value we cannot see before the input usually is a
        // configured origin (Semgrep's fixtures label these safe); a literal prefix must fix the origin itself.
        const firstExpression = expressions[0];
        const unknownHead = head === "" && firstExpression !== undefined && deepTaints(firstExpression).length === 0 && firstExpression.literal === undefined;
        const taints = mergeTaints(...expressions.map((e) => deepTaints(e)));
        return { taints: unknownHead ? this.originSanitized(taints) : this.prefixSanitized(head, taints) };
      }
      case "TaggedTemplateExpression": {
        // sql`...${x}` tags (prisma.$queryRaw, slonik, postgres.js) parameterise; the result is not a raw string.
        this.evalExpr(node.tag as AnyNode, env, frame);
        for (const expression of (node.quasi as AnyNode).expressions as AnyNode[]) {
          this.evalExpr(expression, env, frame);
        }
        return EMPTY;
      }
      case "BinaryExpression": {
        const left = this.evalExpr(node.left as AnyNode, env, frame);
        const right = this.evalExpr(node.right as AnyNode, env, frame);
        if (node.operator !== "+") {
          return EMPTY;
        }
        const prefix = this.literalString(node.left as AnyNode, env, frame) ?? left.literal;
        const literal = left.literal !== undefined && right.literal !== undefined ? left.literal + right.literal : undefined;
        const leftTaints = deepTaints(left);
        const unknownPrefix = prefix === undefined && leftTaints.length === 0 && left.fn === undefined && !this.isLiteralChain(node.left as AnyNode);
        const rightTaints = unknownPrefix ? this.originSanitized(deepTaints(right)) : prefix === undefined ? deepTaints(right) : this.prefixSanitized(prefix, deepTaints(right));
        const taints = mergeTaints(leftTaints, rightTaints);
        return literal === undefined ? taintedValue(taints) : { taints, literal };
      }
      case "LogicalExpression": {
        const left = this.evalExpr(node.left as AnyNode, env, frame);
        const right = this.evalExpr(node.right as AnyNode, env, frame);
        return node.operator === "&&" ? right : joinValues(left, right);
      }
      case "ConditionalExpression": {
        this.evalExpr(node.test as AnyNode, env, frame);
        return joinValues(this.evalExpr(node.consequent as AnyNode, env, frame), this.evalExpr(node.alternate as AnyNode, env, frame));
      }
      case "UnaryExpression":
        this.evalExpr(node.argument as AnyNode, env, frame);
        // +x, -x, !x, typeof x, void x: numbers, booleans, type names.
        return EMPTY;
      case "UpdateExpression":
        return EMPTY;
      case "AwaitExpression":
      case "TSAsExpression":
      case "TSNonNullExpression":
      case "TSSatisfiesExpression":
      case "TSTypeAssertion":
      case "TSInstantiationExpression":
      case "ParenthesizedExpression":
      case "ChainExpression":
        return this.evalExpr((node.argument ?? node.expression) as AnyNode, env, frame);
      case "SequenceExpression": {
        let last = EMPTY;
        for (const expression of node.expressions as AnyNode[]) {
          last = this.evalExpr(expression, env, frame);
        }
        return last;
      }
      case "AssignmentExpression":
        return this.evalAssignment(node, env, frame);
      case "MemberExpression": {
        const object = this.evalExpr(node.object as AnyNode, env, frame);
        const name = staticPropertyName(node);
        if (name !== undefined) {
          return this.member(object, name, node, frame);
        }
        const key = this.evalExpr(node.property as AnyNode, env, frame);
        if (object.request !== undefined) {
          return EMPTY;
        }
        return taintedValue(mergeTaints(deepTaints(object), key.taints.length > 0 && object.taints.length > 0 ? key.taints : []));
      }
      case "ObjectExpression":
        return this.evalObject(node, env, frame);
      case "ArrayExpression": {
        const taints: Taint[][] = [];
        for (const element of node.elements as (AnyNode | null)[]) {
          if (element) {
            const value = this.evalExpr(element.type === "SpreadElement" ? (element.argument as AnyNode) : element, env, frame);
            taints.push(deepTaints(value));
          }
        }
        return { taints: mergeTaints(...taints), objectLiteral: true };
      }
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        return this.fnValue(node, env, frame);
      case "ClassExpression":
        this.evalClass(node, env, frame);
        return EMPTY;
      case "CallExpression":
      case "NewExpression":
        return this.evalCall(node, env, frame);
      case "ImportExpression": {
        this.evalExpr(node.source as AnyNode, env, frame);
        return EMPTY;
      }
      case "JSXElement":
      case "JSXFragment":
        this.evalJsx(node, env, frame);
        return EMPTY;
      case "ThisExpression":
      case "Super":
      case "MetaProperty":
        return EMPTY;
      default:
        return this.evalChildren(node, env, frame);
    }
  }

  /** Unknown node kinds: evaluate children so nested calls and sinks are still seen. */
  private evalChildren(node: AnyNode, env: Env, frame: Frame): Value {
    let taints: Taint[] = [];
    for (const [key, child] of Object.entries(node)) {
      if (NON_VALUE_KEYS.has(key) || child === null || typeof child !== "object") {
        continue;
      }
      const children = Array.isArray(child) ? (child as unknown[]) : [child];
      for (const item of children) {
        if (item !== null && typeof item === "object" && typeof (item as AnyNode).type === "string" && !(item as AnyNode).type.startsWith("TS")) {
          taints = mergeTaints(taints, deepTaints(this.evalExpr(item as AnyNode, env, frame)));
        }
      }
    }
    return taintedValue(taints);
  }

  private originSanitized(taints: readonly Taint[]): Taint[] {
    const bits = classBit("ssrf") | classBit("open-redirect");
    return taints.map((taint) => ({ ...taint, sanitized: taint.sanitized | bits }));
  }

  /** `"a" + "b"` chains are literals even when no single literal value was tracked. */
  private isLiteralChain(node: AnyNode): boolean {
    const current = unwrap(node);
    return current.type === "Literal" || current.type === "TemplateLiteral" || (current.type === "BinaryExpression" && this.isLiteralChain(current.left as AnyNode));
  }

  /** A constant prefix that fixes the origin (`https://api.example.com/…`) or a same-site path (`/users/…`). */
  private prefixSanitized(prefix: string, taints: readonly Taint[]): Taint[] {
    let bits = 0;
    if (FIXED_ORIGIN.test(prefix)) {
      bits = classBit("ssrf") | classBit("open-redirect");
    } else if (SAME_SITE_PATH.test(prefix)) {
      bits = classBit("ssrf") | classBit("open-redirect");
    }
    return bits === 0 ? [...taints] : taints.map((taint) => ({ ...taint, sanitized: taint.sanitized | bits }));
  }

  private evalObject(node: AnyNode, env: Env, frame: Frame): Value {
    const props = new Map<string, Value>();
    let taints: Taint[] = [];
    for (const property of node.properties as AnyNode[]) {
      if (property.type === "SpreadElement") {
        const spread = this.evalExpr(property.argument as AnyNode, env, frame);
        for (const [key, value] of spread.props ?? []) {
          props.set(key, value);
        }
        taints = mergeTaints(taints, spread.taints);
        continue;
      }
      const name = keyName(property);
      const value = this.evalExpr(property.value as AnyNode, env, frame);
      if (name === undefined) {
        const key = this.evalExpr(property.key as AnyNode, env, frame);
        taints = mergeTaints(taints, key.taints, deepTaints(value));
      } else {
        props.set(name, value.fn && isFunctionNode(property.value as AnyNode) && value.fn.name === "anonymous function" ? { ...value, fn: { ...value.fn, name } } : value);
      }
    }
    return { taints, props, objectLiteral: true };
  }

  private evalClass(node: AnyNode, env: Env, frame: Frame): void {
    if (node.superClass) {
      this.evalExpr(node.superClass as AnyNode, env, frame);
    }
    // Methods are analysed on their own at the end of the file (their `req` params are sources).
    const id = node.id as AnyNode | null;
    if (id) {
      const variable = frame.fileState.file.scope.variableOf(id);
      if (variable) {
        env.set(variable, EMPTY);
      }
    }
  }

  private evalJsx(node: AnyNode, env: Env, frame: Frame): void {
    if (node.type === "JSXElement") {
      const opening = node.openingElement as AnyNode;
      for (const attribute of opening.attributes as AnyNode[]) {
        if (attribute.type === "JSXSpreadAttribute") {
          this.evalExpr(attribute.argument as AnyNode, env, frame);
          continue;
        }
        const value = attribute.value as AnyNode | null;
        if (value?.type !== "JSXExpressionContainer") {
          continue;
        }
        const expression = value.expression as AnyNode;
        if (expression.type === "JSXEmptyExpression") {
          continue;
        }
        const evaluated = this.evalExpr(expression, env, frame);
        const name = (attribute.name as AnyNode).name;
        for (const rule of this.rules) {
          for (const sink of rule.sinks) {
            if (sink.kind === "jsx" && sink.attribute === name) {
              const payload = evaluated.props ? this.member(evaluated, sink.property) : evaluated;
              this.checkSink(payload, rule, attribute, sink.label, frame);
            }
          }
        }
      }
    }
    for (const child of (node.children as AnyNode[] | undefined) ?? []) {
      if (child.type === "JSXExpressionContainer" && (child.expression as AnyNode).type !== "JSXEmptyExpression") {
        this.evalExpr(child.expression as AnyNode, env, frame);
      } else if (child.type === "JSXElement" || child.type === "JSXFragment") {
        this.evalJsx(child, env, frame);
      } else if (child.type === "JSXSpreadChild") {
        this.evalExpr(child.expression as AnyNode, env, frame);
      }
    }
  }

  // ---------------------------------------------------------------- assignment

  private evalAssignment(node: AnyNode, env: Env, frame: Frame): Value {
    const left = unwrap(node.left as AnyNode);
    let value = this.evalExpr(node.right as AnyNode, env, frame);
    if (node.operator !== "=") {
      // x += y: the old value stays in.
      const old = left.type === "Identifier" ? this.evalIdentifier(left, env, frame) : EMPTY;
      value = taintedValue(mergeTaints(deepTaints(old), deepTaints(value)));
    }
    if (left.type === "MemberExpression") {
      this.assignMember(left, value, env, frame);
    } else {
      this.bindPattern(left, value, env, frame, true);
    }
    return value;
  }

  private assignMember(left: AnyNode, value: Value, env: Env, frame: Frame): void {
    const name = staticPropertyName(left);
    const objectNode = unwrap(left.object as AnyNode);
    // Sinks on property writes: innerHTML/outerHTML.
    if (name !== undefined) {
      for (const rule of this.rules) {
        for (const sink of rule.sinks) {
          if (sink.kind === "assign" && sink.properties.includes(name)) {
            this.checkSink(value, rule, left, `.${name}`, frame);
          }
        }
      }
    } else {
      const key = this.evalExpr(left.property as AnyNode, env, frame);
      this.evalExpr(objectNode, env, frame);
      // obj[userKey] = userValue: `__proto__` as key rewrites Object.prototype.
      if (key.taints.length > 0 && isTaintedForWrite(value)) {
        for (const rule of this.rules) {
          for (const sink of rule.sinks) {
            if (sink.kind === "computed-write") {
              this.checkSink(key, rule, left, sink.label, frame);
            }
          }
        }
      }
    }
    // CommonJS exports.
    if (objectNode.type === "Identifier" && frame.fileState.file.scope.variableOf(objectNode) === undefined) {
      const objectName = objectNode.name;
      if (objectName === "module" && name === "exports") {
        frame.fileState.cjs = value;
        return;
      }
      if (objectName === "exports" && name !== undefined) {
        frame.fileState.exports.set(name, value);
        return;
      }
    }
    if (objectNode.type === "MemberExpression") {
      const inner = unwrap(objectNode.object as AnyNode);
      if (inner.type === "Identifier" && inner.name === "module" && staticPropertyName(objectNode) === "exports" && name !== undefined) {
        frame.fileState.exports.set(name, value);
        return;
      }
    }
    // Track the write on the root variable: field-sensitive for `o.x = v`, whole-object otherwise.
    if (objectNode.type === "Identifier") {
      const key: EnvKey = frame.fileState.file.scope.variableOf(objectNode) ?? `global:${objectNode.name}`;
      const current = env.get(key) ?? EMPTY;
      if (current.request !== undefined || current.ref !== undefined) {
        return;
      }
      if (name !== undefined) {
        const props = new Map(current.props);
        props.set(name, value);
        env.set(key, { ...current, props });
      } else if (value.taints.length > 0 || value.props !== undefined) {
        env.set(key, { ...current, taints: mergeTaints(current.taints, deepTaints(value)) });
      }
    }
  }

  // ---------------------------------------------------------------- calls

  private evalCall(node: AnyNode, env: Env, frame: Frame): Value {
    const callee = unwrap(node.callee as AnyNode);
    const isNew = node.type === "NewExpression";
    let receiver: Value | undefined;
    let calleeValue: Value;
    let method: string | undefined;
    if (callee.type === "MemberExpression") {
      receiver = this.evalExpr(callee.object as AnyNode, env, frame);
      method = staticPropertyName(callee);
      calleeValue = method === undefined ? EMPTY : this.member(receiver, method, callee, frame);
    } else if (callee.type === "Identifier" && callee.name === "require" && frame.fileState.file.scope.variableOf(callee) === undefined) {
      const first = (node.arguments as AnyNode[])[0];
      if (first?.type === "Literal" && typeof first.value === "string") {
        return this.importValue(frame.fileState, first.value, "*");
      }
      return EMPTY;
    } else {
      calleeValue = this.evalExpr(callee, env, frame);
    }
    const argNodes = (node.arguments as AnyNode[]).map((arg) => (arg.type === "SpreadElement" ? (arg.argument as AnyNode) : arg));
    const args = argNodes.map((arg) => this.evalExpr(arg, env, frame));

    // Sources that are calls: req.get('x'), c.req.query('x'), await request.json().
    if (receiver?.request !== undefined && method !== undefined) {
      const path = [...receiver.request.path, method];
      if (isSourceCall(path)) {
        const first = argNodes[0];
        const argText = first?.type === "Literal" ? this.text(first, frame, 30) : "";
        return this.sourceValue(`${receiver.request.root}.${path.join(".")}(${argText})`, node, frame);
      }
    }

    this.matchCallSinks(node, callee, calleeValue, receiver, method, args, argNodes, frame);
    const ref = calleeValue.ref;

    // Sanitizers.
    const sanitizerBits = ref === undefined ? undefined : this.sanitizerBits.get(ref) ?? this.sanitizerBits.get(ref.replace(/\.default$/, ""));
    if (sanitizerBits !== undefined) {
      return sanitizerBits === ALL_BITS ? EMPTY : sanitize(taintedValue(deepTaints(args[0] ?? EMPTY)), sanitizerBits);
    }
    if (method !== undefined && SCHEMA_METHODS.has(method) && receiver !== undefined && this.isSchema(receiver, callee)) {
      return EMPTY;
    }
    if (ref !== undefined && PATH_NORMALISERS.has(ref)) {
      return taintedValue(mergeTaints(...args.map((arg) => deepTaints(arg))).map((taint) => ({ ...taint, normalized: true })));
    }

    // Route registration: app.get('/x', handler) — the handler's first parameter is a request.
    if (method !== undefined && ROUTE_METHODS.has(method) && receiver?.request === undefined) {
      for (const arg of args) {
        if (arg.fn && !this.summaries.has(arg.fn.node)) {
          this.routeHandlers.add(arg.fn.node);
        }
      }
    }

    if (calleeValue.fn !== undefined) {
      return this.applySummary(calleeValue.fn, args, argNodes, node, frame);
    }

    // Unknown function: callbacks run with the receiver's elements, and the result carries the
    // taint of its inputs (string methods, JSON.parse, new URL(x), Buffer.from, …).
    for (const arg of args) {
      if (arg.fn !== undefined) {
        const callbackArgs = receiver !== undefined && method !== undefined && CALLBACK_METHODS.has(method) ? [taintedValue(deepTaints(receiver))] : [];
        this.applySummary(arg.fn, callbackArgs, [], node, frame);
      }
    }
    if (method !== undefined && NON_PROPAGATING_METHODS.has(method)) {
      return EMPTY;
    }
    if (receiver !== undefined && receiver.request !== undefined && method !== undefined && RESPONSE_SENDERS.has(method)) {
      return EMPTY;
    }
    // Calling a tainted value (`req.query('x')` on Express 3-style APIs) returns tainted data.
    const calleeTaints = receiver !== undefined && receiver.request === undefined && deepTaints(receiver).length > 0 ? [] : calleeValue.taints;
    const inputs = [calleeTaints, ...args.filter((arg) => arg.fn === undefined).map((arg) => deepTaints(arg))];
    if (receiver !== undefined && receiver.request === undefined) {
      inputs.push(deepTaints(receiver));
    }
    const result: Value = { taints: mergeTaints(...inputs) };
    const resultRef = ref === undefined ? undefined : `${ref}()`;
    const first = argNodes[0];
    const alias = isNew && ref === "URL" && first?.type === "Identifier" ? frame.fileState.file.scope.variableOf(first) : undefined;
    return { ...result, ...(resultRef === undefined ? {} : { ref: resultRef }), ...(alias ? { alias } : {}) };
  }

  private isSchema(receiver: Value, callee: AnyNode): boolean {
    if (receiver.ref !== undefined && SCHEMA_MODULES.has(receiver.ref.split(".")[0] ?? "")) {
      return true;
    }
    const object = unwrap(callee.object as AnyNode);
    const name = object.type === "Identifier" ? (object.name) : object.type === "MemberExpression" ? staticPropertyName(object) : undefined;
    return name !== undefined && SCHEMA_NAME.test(name);
  }

  private receiverNames(callee: AnyNode): string[] {
    const names: string[] = [];
    let current = unwrap(callee.object as AnyNode);
    for (let hops = 0; hops < 8; hops++) {
      if (current.type === "Identifier") {
        names.push(current.name);
        break;
      }
      if (current.type === "MemberExpression") {
        const name = staticPropertyName(current);
        if (name !== undefined && names.length === 0) {
          names.push(name);
        }
        current = unwrap(current.object as AnyNode);
      } else if (current.type === "CallExpression") {
        current = unwrap(current.callee as AnyNode);
        if (current.type === "MemberExpression") {
          current = unwrap(current.object as AnyNode);
        }
      } else if (current.type === "AwaitExpression") {
        current = unwrap(current.argument as AnyNode);
      } else {
        break;
      }
    }
    return names;
  }

  private matchCallSinks(
    node: AnyNode,
    callee: AnyNode,
    calleeValue: Value,
    receiver: Value | undefined,
    method: string | undefined,
    args: readonly Value[],
    argNodes: readonly AnyNode[],
    frame: Frame,
  ): void {
    const ref = calleeValue.ref;
    const receiverNames = callee.type === "MemberExpression" ? this.receiverNames(callee) : [];
    for (const rule of this.rules) {
      for (const sink of rule.sinks) {
        if (sink.kind !== "call") {
          continue;
        }
        const byCallee = ref !== undefined && (sink.callees?.includes(ref) === true || sink.callees?.includes(ref.replace(/\.default$/, "")) === true);
        const byMethod =
          !byCallee &&
          method !== undefined &&
          calleeValue.fn === undefined &&
          sink.methods?.includes(method) === true &&
          (sink.receiver === undefined || receiverNames.some((name) => sink.receiver?.test(name) === true));
        if (!byCallee && !byMethod) {
          continue;
        }
        this.checkCallSink(sink, rule, node, callee, args, argNodes, frame);
      }
    }
  }

  private checkCallSink(sink: CallSinkSpec, rule: TaintRule, node: AnyNode, callee: AnyNode, args: readonly Value[], argNodes: readonly AnyNode[], frame: Frame): void {
    const objectArg = (key: string): AnyNode | undefined =>
      argNodes.find((arg) => arg.type === "ObjectExpression" && (arg.properties as AnyNode[]).some((p) => p.type === "Property" && keyName(p)?.toLowerCase() === key));
    let checked: { value: Value; node: AnyNode }[] = [];
    const positions = sink.args === "all" ? args.map((_, index) => index) : sink.args;
    for (const index of positions) {
      const value = args[index];
      const argNode = argNodes[index];
      if (value !== undefined && argNode !== undefined) {
        checked.push({ value, node: argNode });
      }
    }
    switch (sink.condition) {
      case undefined:
        break;
      case "shell-option": {
        const shell = objectArg("shell");
        const property = shell ? (shell.properties as AnyNode[]).find((p) => p.type === "Property" && keyName(p) === "shell") : undefined;
        const shellValue = property ? unwrap(property.value as AnyNode) : undefined;
        if (!shellValue || (shellValue.type === "Literal" && (shellValue.value === false || shellValue.value === null))) {
          return;
        }
        break;
      }
      case "not-function":
        checked = checked.filter((entry) => entry.value.fn === undefined && !isFunctionNode(entry.node));
        break;
      case "not-object-literal":
        checked = checked.filter((entry) => entry.value.objectLiteral !== true && entry.node.type !== "ObjectExpression" && entry.node.type !== "ArrayExpression");
        break;
      case "location-header": {
        const name = argNodes[0];
        if (!(name?.type === "Literal" && typeof name.value === "string" && name.value.toLowerCase() === "location")) {
          return;
        }
        break;
      }
      case "location-in-headers": {
        checked = [];
        args.forEach((value, index) => {
          const location = value.props?.get("Location") ?? value.props?.get("location");
          const argNode = argNodes[index];
          if (location && argNode) {
            checked.push({ value: location, node: argNode });
          }
        });
        break;
      }
      case "no-root-option":
        if (objectArg("root")) {
          return;
        }
        break;
      case "shared-target": {
        const target = argNodes[0];
        if (!target || target.type === "ObjectExpression" || target.type === "ArrayExpression" || target.type === "CallExpression") {
          return;
        }
        checked = checked.filter((entry) => entry.node !== target);
        break;
      }
    }
    const calleeText = this.text(callee, frame, 40);
    const label = calleeText.includes("(") || calleeText.includes("…") ? sink.label : `${calleeText}()`;
    for (const entry of checked) {
      let value = entry.value;
      if (sink.objectProps !== undefined && value.objectLiteral === true && value.props !== undefined) {
        const picked = sink.objectProps.map((prop) => value.props?.get(prop)).filter((v): v is Value => v !== undefined);
        value = { taints: value.taints, props: new Map(picked.map((v, i) => [String(i), v])) };
      }
      this.checkSink(value, rule, node, label, frame);
    }
  }
}

/** TypeScript annotations that mark a parameter as a request whatever its name (`({ body }: Request)`). */
const REQUEST_TYPE_NAMES = new Set(["Request", "NextRequest", "FastifyRequest", "HonoRequest", "IncomingMessage", "NextApiRequest"]);

function typeName(param: AnyNode): string | undefined {
  const annotation = (param.typeAnnotation as AnyNode | null | undefined)?.typeAnnotation as AnyNode | undefined;
  if (annotation?.type !== "TSTypeReference") {
    return undefined;
  }
  const name = annotation.typeName as AnyNode;
  if (name.type === "Identifier") {
    return name.name;
  }
  return name.type === "TSQualifiedName" ? ((name.right as AnyNode).name as string) : undefined;
}

function isTaintedForWrite(value: Value): boolean {
  return deepTaints(value).length > 0;
}

export { ALL_CLASSES };
