/**
 * Calls and function summaries. A call is matched against the rules' call sinks (by resolved
 * callee path or by method name on a named receiver), against sanitizers, schema validators
 * and path normalisers, and against request sources that are calls (`req.get('x')`). A call
 * of a known function applies its summary: each function is walked once with its parameters
 * as placeholder taints, recording which parameters reach its return value and which reach
 * sinks; at a call the placeholders are replaced by the arguments' taints.
 */
import type { FlowStep } from "../../../model/finding.js";
import { SCHEMA_METHODS, SCHEMA_MODULES, SCHEMA_NAME } from "../sanitizers.js";
import { REQUEST_PARAM_NAMES, ROUTE_METHODS, isSourceCall } from "../sources.js";
import type { CallSinkSpec, TaintRule } from "../taint-rule.js";
import type { AnyNode } from "./ast-nodes.js";
import { REQUEST_TYPE_NAMES, isFunctionNode, keyName, staticPropertyName, typeName, unwrap } from "./ast-nodes.js";
import type { Frame, Summary } from "./engine-core.js";
import { chainRoot, setsPlainContentType } from "./content-type.js";
import { ExpressionLayer } from "./expressions.js";
import type { EnvKey, FunctionRef, Taint, Value } from "../taint-value.js";
import type { Env } from "../taint-value.js";
import { ALL_BITS, EMPTY, classBit, deepTaints, joinValues, mergeTaints, sanitize, taintedValue, withStep } from "../taint-value.js";

const PATH_NORMALISERS = new Set([
  "path.resolve",
  "path.normalize",
  "path.join",
  "path.posix.resolve",
  "path.posix.normalize",
  "path.posix.join",
  "path.win32.resolve",
  "fs.realpathSync",
  "fs.promises.realpath",
]);
const NON_PROPAGATING_METHODS = new Set([
  "includes",
  "startsWith",
  "endsWith",
  "indexOf",
  "lastIndexOf",
  "test",
  "has",
  "localeCompare",
  "charCodeAt",
  "codePointAt",
  "search",
  "toFixed",
]);
const CALLBACK_METHODS = new Set(["map", "forEach", "filter", "find", "findLast", "some", "every", "flatMap", "then", "sort"]);
const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)$/;
interface IndexedSink {
  rule: TaintRule;
  sink: CallSinkSpec;
  order: number;
}

const ESCAPER_NAME = /escape|sanitiz|encode|htmlspecialchars/i;
const MARKUP = /[<>]/;

/** `replace(/[<>]/g, "")` or `replace("<", "&lt;")`: markup removed, or replaced by an entity (or by a function building one). */
function escapesMarkup(argNodes: readonly AnyNode[]): boolean {
  const [pattern, replacement] = argNodes.map(unwrap);
  if (pattern === undefined || replacement === undefined) {
    return false;
  }
  const source =
    (pattern.regex as { pattern?: string } | undefined)?.pattern ?? (typeof pattern.value === "string" ? pattern.value : undefined);
  if (source === undefined || !MARKUP.test(source)) {
    return false;
  }
  return (
    isFunctionNode(replacement) ||
    (replacement.type === "Literal" &&
      typeof replacement.value === "string" &&
      (replacement.value === "" || replacement.value.startsWith("&"))) ||
    replacement.type === "Identifier"
  );
}

const RESPONSE_SENDERS = new Set(["send", "json", "end", "write", "render", "status", "redirect", "sendFile", "download"]);

export abstract class CallLayer extends ExpressionLayer {
  private readonly escapers = new WeakMap<object, boolean>();

  protected summarise(ref: FunctionRef): Summary {
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
      const name = id.type === "Identifier" ? id.name : undefined;
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
      if (index === 0 && this.lambdaHandlers.has(node) && !isRequest) {
        value = this.sourceValue(name ?? "event", param, frame);
      }
      if (index === 0 && this.messageHandlers.has(node)) {
        value = { taints: [], props: new Map([["data", this.sourceValue(`${name ?? "event"}.data`, param, frame)]]) };
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
  protected applySummary(
    ref: FunctionRef,
    args: readonly Value[],
    argNodes: readonly (AnyNode | undefined)[],
    call: AnyNode,
    frame: Frame,
  ): Value {
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
                {
                  ...outer,
                  steps: [...outer.steps, step, ...taint.steps],
                  sanitized: outer.sanitized | taint.sanitized,
                  normalized: outer.normalized || taint.normalized,
                },
                returnStep,
              ),
            );
          }
        } else {
          taints.push(taint);
        }
      }
      const props =
        value.props === undefined ? undefined : new Map([...value.props].map(([key, prop]) => [key, instantiate(prop)] as const));
      return { ...value, taints: mergeTaints(taints), ...(props ? { props } : {}), fresh: undefined };
    };
    const result = instantiate(summary.returns);
    return this.isHtmlEscaper(ref) ? sanitize(result, classBit("xss")) : result;
  }

  // ---------------------------------------------------------------- calls

  protected evalCall(node: AnyNode, env: Env, frame: Frame): Value {
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

    // `addEventListener('message', handler)`: the handler's event carries another window's data.
    const eventName = argNodes[0];
    if (
      (method ?? (callee.type === "Identifier" ? callee.name : undefined)) === "addEventListener" &&
      eventName?.type === "Literal" &&
      eventName.value === "message" &&
      args[1]?.fn !== undefined
    ) {
      this.messageHandlers.add(args[1].fn.node);
    }
    if (method !== undefined && callee.type === "MemberExpression" && setsPlainContentType(method, argNodes)) {
      const key = this.rootKey(callee, frame);
      if (key !== undefined) {
        (frame.plainResponses ??= new Set()).add(key);
      }
    }
    this.matchCallSinks(node, callee, calleeValue, receiver, method, args, argNodes, frame);
    const ref = calleeValue.ref;

    // Models: call results that are user input, and wrappers that return the function they wrap.
    if (ref !== undefined) {
      const sourceLabel = this.options.models.sources.get(`${ref}()`);
      if (sourceLabel !== undefined) {
        return this.sourceValue(sourceLabel, node, frame);
      }
      if (this.options.models.passThrough.has(ref) && args[0] !== undefined) {
        return args[0];
      }
    }
    // `fn.bind(thisArg)` is still `fn` for what it does with its arguments.
    if (method === "bind" && receiver !== undefined && (receiver.fn !== undefined || receiver.ref !== undefined)) {
      return receiver;
    }

    // Sanitizers.
    const sanitizerBits =
      ref === undefined ? undefined : (this.sanitizerBits.get(ref) ?? this.sanitizerBits.get(ref.replace(/\.default$/, "")));
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
        const callbackArgs =
          receiver !== undefined && method !== undefined && CALLBACK_METHODS.has(method) ? [taintedValue(deepTaints(receiver))] : [];
        this.applySummary(arg.fn, callbackArgs, [], node, frame);
      }
    }
    // `s.replace(/</g, "&lt;")`: one link of an HTML-escaping replace chain.
    if ((method === "replace" || method === "replaceAll") && receiver !== undefined && escapesMarkup(argNodes)) {
      return sanitize(taintedValue(deepTaints(receiver)), classBit("xss"));
    }
    if (method !== undefined && NON_PROPAGATING_METHODS.has(method)) {
      return EMPTY;
    }
    if (receiver !== undefined && receiver.request !== undefined && method !== undefined && RESPONSE_SENDERS.has(method)) {
      return EMPTY;
    }
    // Calling a tainted value (`req.query('x')` on Express 3-style APIs) returns tainted data.
    const calleeTaints =
      receiver !== undefined && receiver.request === undefined && deepTaints(receiver).length > 0 ? [] : calleeValue.taints;
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

  /**
   * A function named like an escaper (`escapeHtml`, `sanitize`, `encodeForHtml`) whose body
   * replaces markup characters with entities: its result is clean for XSS whatever the
   * replace chain's details (the name is the author's statement of intent, the body the evidence).
   */
  protected isHtmlEscaper(ref: FunctionRef): boolean {
    const known = this.escapers.get(ref.node);
    if (known !== undefined) {
      return known;
    }
    const node = ref.node as AnyNode;
    const text = this.states.get(ref.file)?.file.text.slice(node.start, node.end) ?? "";
    const verdict =
      ESCAPER_NAME.test(ref.name) && /\.replace(?:All)?\s*\(/.test(text) && /&(?:lt|gt|amp|quot|#0?3[49]|#x2[27]|#60|#62);/.test(text);
    this.escapers.set(ref.node, verdict);
    return verdict;
  }

  /** The variable a method chain is called on (`res` in `res.status(200).send`). */
  protected rootKey(callee: AnyNode, frame: Frame): EnvKey | undefined {
    const root = chainRoot(callee.object as AnyNode);
    return root === undefined ? undefined : (frame.fileState.file.scope.variableOf(root) ?? `global:${root.name as string}`);
  }

  protected isSchema(receiver: Value, callee: AnyNode): boolean {
    if (receiver.ref !== undefined && SCHEMA_MODULES.has(receiver.ref.split(".")[0] ?? "")) {
      return true;
    }
    const object = unwrap(callee.object as AnyNode);
    const name = object.type === "Identifier" ? object.name : object.type === "MemberExpression" ? staticPropertyName(object) : undefined;
    return name !== undefined && SCHEMA_NAME.test(name);
  }

  protected receiverNames(callee: AnyNode): string[] {
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

  protected matchCallSinks(
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
    const index = this.callSinkIndex();
    const byCallee = ref === undefined ? undefined : (index.byCallee.get(ref) ?? index.byCallee.get(ref.replace(/\.default$/, "")));
    const byMethod = method === undefined || calleeValue.fn !== undefined ? undefined : index.byMethod.get(method);
    if (byCallee === undefined && byMethod === undefined) {
      return;
    }
    const receiverNames = byMethod !== undefined && callee.type === "MemberExpression" ? this.receiverNames(callee) : [];
    const matched = new Set<IndexedSink>(byCallee);
    for (const entry of byMethod ?? []) {
      if (entry.sink.receiver === undefined || receiverNames.some((name) => entry.sink.receiver?.test(name) === true)) {
        matched.add(entry);
      }
    }
    // In table order (rule, then sink), as reports are ordered.
    for (const entry of [...matched].sort((a, b) => a.order - b.order)) {
      this.checkCallSink(entry.sink, entry.rule, node, callee, args, argNodes, frame);
    }
  }

  private sinkIndex: { byCallee: Map<string, IndexedSink[]>; byMethod: Map<string, IndexedSink[]> } | undefined;

  /** Call sinks by callee path and by method name, built once: a call looks up, not scans. */
  private callSinkIndex(): { byCallee: Map<string, IndexedSink[]>; byMethod: Map<string, IndexedSink[]> } {
    if (this.sinkIndex !== undefined) {
      return this.sinkIndex;
    }
    const index = { byCallee: new Map<string, IndexedSink[]>(), byMethod: new Map<string, IndexedSink[]>() };
    const add = (map: Map<string, IndexedSink[]>, key: string, entry: IndexedSink): void => {
      const list = map.get(key) ?? [];
      if (!list.includes(entry)) {
        list.push(entry);
      }
      map.set(key, list);
    };
    let order = 0;
    for (const rule of this.rules) {
      for (const sink of rule.sinks) {
        if (sink.kind !== "call") {
          continue;
        }
        const entry: IndexedSink = { rule, sink, order: order++ };
        for (const callee of sink.callees ?? []) {
          add(index.byCallee, callee, entry);
        }
        for (const method of sink.methods ?? []) {
          add(index.byMethod, method, entry);
        }
      }
    }
    this.sinkIndex = index;
    return index;
  }

  protected checkCallSink(
    sink: CallSinkSpec,
    rule: TaintRule,
    node: AnyNode,
    callee: AnyNode,
    args: readonly Value[],
    argNodes: readonly AnyNode[],
    frame: Frame,
  ): void {
    const objectArg = (key: string): AnyNode | undefined =>
      argNodes.find(
        (arg) =>
          arg.type === "ObjectExpression" &&
          (arg.properties as AnyNode[]).some((p) => p.type === "Property" && keyName(p)?.toLowerCase() === key),
      );
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
      case "shell-c-array": {
        const program = argNodes[0] === undefined ? undefined : unwrap(argNodes[0]);
        const vector = argNodes[1] === undefined ? undefined : unwrap(argNodes[1]);
        const isShell = program?.type === "Literal" && typeof program.value === "string" && SHELLS.test(program.value);
        const hasDashC =
          vector?.type === "ArrayExpression" &&
          (vector.elements as (AnyNode | null)[]).some((e) => e?.type === "Literal" && e.value === "-c");
        if (!isShell || !hasDashC) {
          return;
        }
        break;
      }
      case "not-function":
        checked = checked.filter((entry) => entry.value.fn === undefined && !isFunctionNode(entry.node));
        break;
      case "not-object-literal":
        checked = checked.filter(
          (entry) => entry.value.objectLiteral !== true && entry.node.type !== "ObjectExpression" && entry.node.type !== "ArrayExpression",
        );
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
    if (rule.vulnClass === "xss" && callee.type === "MemberExpression" && frame.plainResponses !== undefined) {
      const key = this.rootKey(callee, frame);
      if (key !== undefined && frame.plainResponses.has(key)) {
        return;
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
