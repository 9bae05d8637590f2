/**
 * Expressions: identifiers (and the imports they name), member reads (where request paths
 * become sources), templates and concatenation (where a fixed prefix cleans URL classes),
 * objects, arrays, JSX attribute sinks, destructuring and assignment (where property-write
 * sinks and CommonJS exports are seen). Calls are the layer above.
 */
import type { AnyNode } from "./ast-nodes.js";
import { isFunctionNode, keyName, moduleExportName, staticPropertyName, unwrap } from "./ast-nodes.js";
import type { Frame } from "./engine-core.js";
import { FIXED_ORIGIN } from "./engine-core.js";
import { GuardLayer } from "./guards.js";
import { classifyMemberPath } from "../sources.js";
import { NON_VALUE_KEYS } from "../scope-map.js";
import type { EnvKey, Taint, Value } from "../taint-value.js";
import type { Env } from "../taint-value.js";
import { EMPTY, classBit, deepTaints, joinValues, mapTaints, mergeTaints, sanitize, taintedValue, withStep } from "../taint-value.js";

/** `/users/…`, `./x`, `../x`, `?q=…`, `#…`: relative references that stay on the same origin. */
const SAME_SITE_PATH = /^(?:\/[^/\\]|\.{1,2}\/|[?#])/;

function isTaintedForWrite(value: Value): boolean {
  return deepTaints(value).length > 0;
}

/* eslint-disable @typescript-eslint/switch-exhaustiveness-check -- AST switches handle the node kinds that carry flow; the rest fall to a generic default */

export abstract class ExpressionLayer extends GuardLayer {
  // ---------------------------------------------------------------- binding

  protected bindPattern(pattern: AnyNode, value: Value, env: Env, frame: Frame, addStep: boolean): void {
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
            const rest: Value = {
              ...value,
              props: value.props ? new Map([...value.props].filter(([key]) => !used.includes(key))) : undefined,
              fresh: undefined,
            };
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

  protected evalIdentifier(node: AnyNode, env: Env, frame: Frame): Value {
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
              : moduleExportName(specifier.imported as AnyNode);
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
  protected member(object: Value, name: string, node?: AnyNode, frame?: Frame): Value {
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
      const ref = `${object.ref}.${name}`;
      const source = node && frame ? this.options.models.sources.get(ref) : undefined;
      if (source !== undefined && node && frame) {
        return this.sourceValue(source, node, frame);
      }
      return { taints: object.taints, ref };
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
        taint.origin.kind === "source"
          ? { ...taint, origin: { ...taint.origin, label, step: this.step(node, frame, `User input from ${label}`) } }
          : taint,
      );
      return { taints: relabelled, fresh: label };
    }
    return { taints: object.taints };
  }

  protected evalExpr(node: AnyNode, env: Env, frame: Frame): Value {
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

  protected evalInner(node: AnyNode, env: Env, frame: Frame): Value {
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
        const unknownHead =
          head === "" && firstExpression !== undefined && deepTaints(firstExpression).length === 0 && firstExpression.literal === undefined;
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
        const unknownPrefix =
          prefix === undefined && leftTaints.length === 0 && left.fn === undefined && !this.isLiteralChain(node.left as AnyNode);
        const rightTaints = unknownPrefix
          ? this.originSanitized(deepTaints(right))
          : prefix === undefined
            ? deepTaints(right)
            : this.prefixSanitized(prefix, deepTaints(right));
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
  protected evalChildren(node: AnyNode, env: Env, frame: Frame): Value {
    let taints: Taint[] = [];
    for (const [key, child] of Object.entries(node)) {
      if (NON_VALUE_KEYS.has(key) || child === null || typeof child !== "object") {
        continue;
      }
      const children = Array.isArray(child) ? (child as unknown[]) : [child];
      for (const item of children) {
        if (
          item !== null &&
          typeof item === "object" &&
          typeof (item as AnyNode).type === "string" &&
          !(item as AnyNode).type.startsWith("TS")
        ) {
          taints = mergeTaints(taints, deepTaints(this.evalExpr(item as AnyNode, env, frame)));
        }
      }
    }
    return taintedValue(taints);
  }

  protected originSanitized(taints: readonly Taint[]): Taint[] {
    const bits = classBit("ssrf") | classBit("open-redirect");
    return taints.map((taint) => ({ ...taint, sanitized: taint.sanitized | bits }));
  }

  /** `"a" + "b"` chains are literals even when no single literal value was tracked. */
  protected isLiteralChain(node: AnyNode): boolean {
    const current = unwrap(node);
    return (
      current.type === "Literal" ||
      current.type === "TemplateLiteral" ||
      (current.type === "BinaryExpression" && this.isLiteralChain(current.left as AnyNode))
    );
  }

  /** A constant prefix that fixes the origin (`https://api.example.com/…`) or a same-site path (`/users/…`). */
  protected prefixSanitized(prefix: string, taints: readonly Taint[]): Taint[] {
    let bits = 0;
    if (FIXED_ORIGIN.test(prefix)) {
      bits = classBit("ssrf") | classBit("open-redirect");
    } else if (SAME_SITE_PATH.test(prefix)) {
      bits = classBit("ssrf") | classBit("open-redirect");
    }
    return bits === 0 ? [...taints] : taints.map((taint) => ({ ...taint, sanitized: taint.sanitized | bits }));
  }

  protected evalObject(node: AnyNode, env: Env, frame: Frame): Value {
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
        props.set(
          name,
          value.fn && isFunctionNode(property.value as AnyNode) && value.fn.name === "anonymous function"
            ? { ...value, fn: { ...value.fn, name } }
            : value,
        );
      }
    }
    return { taints, props, objectLiteral: true };
  }

  protected evalClass(node: AnyNode, env: Env, frame: Frame): void {
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

  protected evalJsx(node: AnyNode, env: Env, frame: Frame): void {
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

  protected evalAssignment(node: AnyNode, env: Env, frame: Frame): Value {
    const left = unwrap(node.left as AnyNode);
    const operator = node.operator as string;
    if (left.type === "Identifier" && (operator === "||=" || operator === "??=" || operator === "&&=")) {
      // Logical assignment with a known constant on the left: `||=`/`??=` keep a set value and
      // `&&=` keeps an empty one, so the right side is never evaluated into it.
      const old = this.evalIdentifier(left, env, frame);
      const kept = old.literal !== undefined && (operator === "&&=" ? old.literal === "" : operator === "??=" || old.literal !== "");
      if (kept) {
        return old;
      }
    }
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

  /** `exports.handler = async (event) => …`: a Lambda-style entry point. */
  protected markExportedHandler(name: string, value: Value): void {
    if (name === "handler" && value.fn !== undefined) {
      this.lambdaHandlers.add(value.fn.node);
    }
  }

  protected assignMember(left: AnyNode, value: Value, env: Env, frame: Frame): void {
    const name = staticPropertyName(left);
    const objectNode = unwrap(left.object as AnyNode);
    // Sinks on property writes: innerHTML/outerHTML on anything, `location.href` on the resolved path.
    if (name !== undefined) {
      const objectRef = this.peekValue(objectNode, env, frame).ref;
      const ref = objectRef === undefined ? undefined : `${objectRef}.${name}`;
      for (const rule of this.rules) {
        for (const sink of rule.sinks) {
          if (sink.kind === "assign" && sink.properties.includes(name)) {
            this.checkSink(value, rule, left, `.${name}`, frame);
          } else if (sink.kind === "ref-assign" && ref !== undefined && sink.refs.includes(ref)) {
            this.checkSink(value, rule, left, sink.label, frame);
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
        this.markExportedHandler(name, value);
        frame.fileState.exports.set(name, value);
        return;
      }
    }
    if (objectNode.type === "MemberExpression") {
      const inner = unwrap(objectNode.object as AnyNode);
      if (inner.type === "Identifier" && inner.name === "module" && staticPropertyName(objectNode) === "exports" && name !== undefined) {
        this.markExportedHandler(name, value);
        frame.fileState.exports.set(name, value);
        return;
      }
    }
    // `window.onmessage = (event) => …`
    if (name === "onmessage" && value.fn !== undefined) {
      this.messageHandlers.add(value.fn.node);
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
}
