/**
 * Abstract values of the taint engine. A value carries the taints that reach it (each with its
 * origin — a user-input source or a function parameter while a summary is built — the flow
 * steps so far and the classes it has been sanitized for), optional per-property values (so
 * `{ a: tainted, b: "x" }.b` stays clean), and what it is when that matters for matching: a
 * module path (`child_process.exec`), a function, a request object, a constant string.
 * Values are immutable; environments map variables to values.
 */
import type { FlowStep } from "../../model/finding.js";
import type { Variable } from "./scope-map.js";
import type { VulnClass } from "./taint-rule.js";
import { VULN_CLASSES } from "./taint-rule.js";

interface SourceOrigin {
  kind: "source";
  /** How the source reads in code: `req.query.url`, `c.req.query("u")`. */
  label: string;
  step: FlowStep;
}

interface ParamOrigin {
  kind: "param";
  /** The function node whose summary is being built. */
  fn: object;
  index: number;
}

export interface Taint {
  origin: SourceOrigin | ParamOrigin;
  steps: readonly FlowStep[];
  /** Bit set of classes this taint is clean for. */
  sanitized: number;
  /** Went through path.resolve/normalize/join: a prefix check then confines it. */
  normalized: boolean;
}

export interface FunctionRef {
  node: object;
  file: string;
  closure: Env;
  name: string;
}

export interface Value {
  taints: readonly Taint[];
  props?: ReadonlyMap<string, Value>;
  /** Resolved module member or global path: `fs.promises.readFile`, `fetch`, `pg.Pool()`. */
  ref?: string;
  fn?: FunctionRef;
  /** A request object or a part of one on the way to a source: root name and path so far,
   * and request paths a guard has validated (`if (!validate(req.body)) return`). */
  request?: { root: string; path: readonly string[]; sanitized?: ReadonlyMap<string, number> };
  /** This value is a source just read; reading a property extends its label. */
  fresh?: string;
  /** Constant string value, when known. */
  literal?: string;
  objectLiteral?: boolean;
  /** `new URL(v)`: a guard on this value also cleans `v`. */
  alias?: EnvKey;
}

export type EnvKey = Variable | string;

/**
 * Variables to values, as a chain of layers: a function body or a branch writes into its own
 * layer and reads through to the enclosing ones. Layers make branching and closures cost what
 * they change, not the size of everything in scope (copying maps made big files quadratic).
 */
export class Env {
  private readonly own = new Map<EnvKey, Value>();
  constructor(private readonly parent?: Env) {}

  get(key: EnvKey): Value | undefined {
    return this.own.get(key) ?? this.parent?.get(key);
  }

  set(key: EnvKey, value: Value): void {
    this.own.set(key, value);
  }

  child(): Env {
    return new Env(this);
  }

  /** Writes back branches that ran in child layers of this one. `replace`: the only path that continues. */
  absorb(branches: readonly Env[], replace: boolean): void {
    const keys = new Set<EnvKey>();
    for (const branch of branches) {
      for (const key of branch.own.keys()) {
        keys.add(key);
      }
    }
    for (const key of keys) {
      let joined: Value | undefined = replace ? undefined : this.get(key);
      for (const branch of branches) {
        const value = branch.get(key);
        if (value !== undefined) {
          joined = joined === undefined ? value : joinValues(joined, value);
        }
      }
      if (joined !== undefined) {
        this.own.set(key, joined);
      }
    }
  }
}

export const EMPTY: Value = { taints: [] };
const MAX_STEPS = 16;
const MAX_TAINTS = 12;

export function classBit(vulnClass: VulnClass): number {
  return 1 << VULN_CLASSES.indexOf(vulnClass);
}

export const ALL_BITS = (1 << VULN_CLASSES.length) - 1;

export function bitsOf(classes: readonly VulnClass[] | "all"): number {
  return classes === "all" ? ALL_BITS : classes.reduce((bits, vulnClass) => bits | classBit(vulnClass), 0);
}

function sameOrigin(a: Taint, b: Taint): boolean {
  if (a.origin.kind === "source" && b.origin.kind === "source") {
    return (
      a.origin.label === b.origin.label &&
      a.origin.step.location.startLine === b.origin.step.location.startLine &&
      a.origin.step.location.startColumn === b.origin.step.location.startColumn
    );
  }
  if (a.origin.kind === "param" && b.origin.kind === "param") {
    return a.origin.fn === b.origin.fn && a.origin.index === b.origin.index;
  }
  return false;
}

/** Union of taint lists, one entry per origin and sanitization state, bounded. */
export function mergeTaints(...lists: (readonly Taint[])[]): Taint[] {
  const out: Taint[] = [];
  for (const list of lists) {
    for (const taint of list) {
      if (out.length >= MAX_TAINTS) {
        return out;
      }
      if (
        !out.some(
          (seen) =>
            seen === taint || (sameOrigin(seen, taint) && seen.sanitized === taint.sanitized && seen.normalized === taint.normalized),
        )
      ) {
        out.push(taint);
      }
    }
  }
  return out;
}

/** Every taint on a value and its properties (a tainted object taints what it is sent as). */
export function deepTaints(value: Value, depth = 0): Taint[] {
  if (value.props === undefined || depth > 3) {
    return [...value.taints];
  }
  return mergeTaints(value.taints, ...[...value.props.values()].map((prop) => deepTaints(prop, depth + 1)));
}

export function taintedValue(taints: readonly Taint[]): Value {
  return taints.length === 0 ? EMPTY : { taints };
}

/** Join of two values (branches, `a || b`). */
export function joinValues(a: Value, b: Value): Value {
  if (a === b || b === EMPTY) {
    return a;
  }
  if (a === EMPTY) {
    return b;
  }
  let props: Map<string, Value> | undefined;
  if (a.props !== undefined || b.props !== undefined) {
    props = new Map(a.props);
    for (const [key, value] of b.props ?? []) {
      const mine = props.get(key);
      props.set(key, mine === undefined ? value : joinValues(mine, value));
    }
  }
  const joined: Value = { taints: mergeTaints(a.taints, b.taints) };
  return {
    ...joined,
    ...(props === undefined ? {} : { props }),
    ...(a.ref !== undefined && a.ref === b.ref ? { ref: a.ref } : {}),
    ...((a.fn ?? b.fn) ? { fn: a.fn ?? b.fn } : {}),
    ...((a.request ?? b.request) ? { request: a.request ?? b.request } : {}),
    ...(a.objectLiteral === true && b.objectLiteral === true ? { objectLiteral: true } : {}),
  };
}

export function mapTaints(value: Value, map: (taint: Taint) => Taint, depth = 0): Value {
  const taints = value.taints.map(map);
  if (value.props === undefined || depth > 3) {
    return { ...value, taints };
  }
  const props = new Map<string, Value>();
  for (const [key, prop] of value.props) {
    props.set(key, mapTaints(prop, map, depth + 1));
  }
  return { ...value, taints, props };
}

export function withStep(taint: Taint, step: FlowStep): Taint {
  if (taint.steps.length >= MAX_STEPS) {
    return taint;
  }
  return { ...taint, steps: [...taint.steps, step] };
}

export function sanitize(value: Value, bits: number, needsNormalized = false): Value {
  if (bits === 0) {
    return value;
  }
  return mapTaints(value, (taint) => (needsNormalized && !taint.normalized ? taint : { ...taint, sanitized: taint.sanitized | bits }));
}
