/**
 * Guards: what an `if` test proves about a value on each branch. Allowlist membership
 * (`includes`, `has`, `indexOf`), equality with a constant, `typeof` number checks, anchored
 * regex tests, prefix checks after normalisation, schema and ajv validators, and
 * `__proto__` comparisons each yield facts (a variable, optionally a member path, and the
 * classes it is now clean for) that the statement layer applies to the branch environment.
 */
import type { AnyNode } from "./ast-nodes.js";
import { staticPropertyName, unwrap } from "./ast-nodes.js";
import type { Fact, Frame } from "./engine-core.js";
import { EngineCore, FIXED_ORIGIN } from "./engine-core.js";
import type { EnvKey, Value } from "../taint-value.js";
import type { Env } from "../taint-value.js";
import { ALL_BITS, EMPTY, classBit, sanitize } from "../taint-value.js";
import type { VulnClass } from "../taint-rule.js";

const HOSTISH = new Set(["host", "hostname", "origin"]);

/** Characters whose absence makes a value clean for a class (a forbidden-character check). */
const METACHARACTERS: readonly [VulnClass, RegExp][] = [
  ["command-injection", /[;&|`$]/],
  ["xss", /</],
  ["sql-injection", /'/],
];

/**
 * What a regex test proves. A fully anchored pattern without wildcards (`/^[a-z0-9]+$/`) is an
 * allowlist: a match is clean. An unanchored single character class is a forbidden-character
 * check: no match of `[^a-z0-9_-]` leaves only those characters; no match of `[;&|]` leaves no
 * shell metacharacter.
 */
function regexFacts(pattern: string | undefined, whole: Fact[], about: (bits: number) => Fact[]): { whenTrue: Fact[]; whenFalse: Fact[] } {
  if (pattern === undefined) {
    return { whenTrue: [], whenFalse: [] };
  }
  if (pattern.startsWith("^") && pattern.endsWith("$") && !pattern.includes(".*") && !pattern.includes(".+")) {
    return { whenTrue: whole, whenFalse: [] };
  }
  const single = /^\[(\^?)((?:\\.|[^\]\\])+)\][+*]?$/.exec(pattern);
  if (single === null) {
    return { whenTrue: [], whenFalse: [] };
  }
  const [, negated, body = ""] = single;
  if (negated === "^") {
    // Only the listed characters remain; a dot still spells `..`, a slash a directory.
    const allowed = body.replace(/\\[wd]|a-z|A-Z|0-9|_|-/g, "");
    if (/[^ .]/.test(allowed)) {
      return { whenTrue: [], whenFalse: [] };
    }
    return { whenTrue: [], whenFalse: about(allowed.includes(".") ? ALL_BITS & ~classBit("path-traversal") : ALL_BITS) };
  }
  let bits = 0;
  for (const [vulnClass, characters] of METACHARACTERS) {
    if (characters.test(body)) {
      bits |= classBit(vulnClass);
    }
  }
  return bits === 0 ? { whenTrue: [], whenFalse: [] } : { whenTrue: [], whenFalse: about(bits) };
}
const PROTO_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export abstract class GuardLayer extends EngineCore {
  protected applyFacts(env: Env, facts: readonly Fact[]): void {
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
  protected subjectKey(node: AnyNode, frame: Frame): EnvKey | undefined {
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
  protected memberPath(node: AnyNode): string[] | undefined {
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

  protected isHostish(node: AnyNode): boolean {
    const current = unwrap(node);
    return current.type === "MemberExpression" && HOSTISH.has(staticPropertyName(current) ?? "");
  }

  protected literalString(node: AnyNode, env: Env, frame: Frame): string | undefined {
    const current = unwrap(node);
    if (current.type === "Literal" && typeof current.value === "string") {
      return current.value;
    }
    if (current.type === "TemplateLiteral") {
      const quasi = (current.quasis as AnyNode[])[0];
      return (quasi?.value as { cooked?: string | null } | undefined)?.cooked ?? undefined;
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

  protected guardFacts(test: AnyNode, env: Env, frame: Frame): { whenTrue: Fact[]; whenFalse: Fact[] } {
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
      // `key in ALLOWED`: a key of a fixed table. `"__proto__" in {}` is true, so not a prototype guard.
      if (operator === "in" && left.type === "Identifier") {
        return { whenTrue: fact(left, ALL_BITS & ~classBit("prototype-pollution")), whenFalse: [] };
      }
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
      if (
        left.type === "UnaryExpression" &&
        left.operator === "typeof" &&
        right.type === "Literal" &&
        (right.value === "number" || right.value === "boolean")
      ) {
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
    // Own-key checks against a table: `ALLOWED.hasOwnProperty(k)`, `Object.hasOwn(ALLOWED, k)`,
    // `Object.prototype.hasOwnProperty.call(ALLOWED, k)`.
    if (method === "hasOwnProperty" && first && unwrap(first).type === "Identifier") {
      return { whenTrue: fact(first, ALL_BITS), whenFalse: [] };
    }
    const ownKey = args[1];
    if (
      ownKey &&
      unwrap(ownKey).type === "Identifier" &&
      (this.calleePath(node) === "Object.hasOwn" || (method === "call" && this.calleePath(node)?.endsWith("hasOwnProperty.call") === true))
    ) {
      return { whenTrue: fact(ownKey, ALL_BITS), whenFalse: [] };
    }
    if (method === "match" && first) {
      const callee = unwrap(node.callee as AnyNode);
      return regexFacts(
        (unwrap(first).regex as { pattern?: string } | undefined)?.pattern,
        fact(callee.object as AnyNode, ALL_BITS),
        (bits) => fact(callee.object as AnyNode, bits),
      );
    }
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
      return regexFacts(pattern, fact(first, ALL_BITS), (bits) => fact(first, bits));
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

  /** `Object.hasOwn` for `Object.hasOwn(…)`: the callee's static member path. */
  protected calleePath(call: AnyNode): string | undefined {
    const parts: string[] = [];
    let current = unwrap(call.callee as AnyNode);
    while (current.type === "MemberExpression") {
      const name = staticPropertyName(current);
      if (name === undefined) {
        return undefined;
      }
      parts.unshift(name);
      current = unwrap(current.object as AnyNode);
    }
    return current.type === "Identifier" ? [current.name, ...parts].join(".") : undefined;
  }

  protected membershipFacts(call: AnyNode, env: Env, frame: Frame): Fact[] {
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

  protected isProtoList(call: AnyNode): boolean {
    const callee = unwrap(call.callee as AnyNode);
    const object = callee.type === "MemberExpression" ? unwrap(callee.object as AnyNode) : undefined;
    return (
      object?.type === "ArrayExpression" &&
      (object.elements as (AnyNode | null)[]).some((e) => e?.type === "Literal" && PROTO_KEYS.has(String(e.value)))
    );
  }

  protected protoListFacts(call: AnyNode, frame: Frame): Fact[] {
    const first = (call.arguments as AnyNode[])[0];
    if (!first || !this.isProtoList(call)) {
      return [];
    }
    const key = this.subjectKey(first, frame);
    return key === undefined ? [] : [{ key, bits: classBit("prototype-pollution"), needsNormalized: false }];
  }

  protected calleeMethod(call: AnyNode): string | undefined {
    const callee = unwrap(call.callee as AnyNode);
    return callee.type === "MemberExpression" ? staticPropertyName(callee) : undefined;
  }

  /** Evaluates an expression without side effects that matter (for guards: callee refs). */
  protected peekValue(node: AnyNode, env: Env, frame: Frame): Value {
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
}
