/**
 * Canonical JSON in the manner of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings serialised as ECMAScript does (`JSON.stringify` already follows
 * ES Number-to-String and the minimal string escaping JCS requires). The same value always gives
 * the same bytes, which is what a leaf hash needs. Values JSON cannot carry (BigInt, NaN,
 * Infinity, functions, symbols, cycles) are refused rather than silently changed.
 * Deviation from JCS, on purpose: lone surrogates are kept as `JSON.stringify` escapes them
 * (`\udxxx`) instead of being refused, so a webhook carrying one is still recorded.
 */
import { CustodyError } from "../../model/errors.js";

export function canonicalJson(value: unknown): string {
  try {
    try {
      return JSON.stringify(sortedCopy(value, 0));
    } catch (error) {
      if (error !== INDEX_KEY) {
        throw error;
      }
      return concatenated(value, 0);
    }
  } catch (error) {
    if (error !== SLOW_PATH) {
      throw error;
    }
    // Something to refuse (or nesting deep enough to be a cycle): the careful walk names where.
    return serialise(value, "$", new Set());
  }
}

/** Thrown by the fast walks to hand over to the careful one; never escapes this module. */
const SLOW_PATH = new Error("canonical-json: slow path");
/**
 * Thrown by `sortedCopy` on a key starting with a digit: an object lists integer-like keys first,
 * in numeric order, whatever the insertion order, so a copy cannot carry the sorted order.
 */
const INDEX_KEY = new Error("canonical-json: integer-like key");
/** Deeper than any real payload; past it the careful walk checks for a cycle. */
const FAST_DEPTH = 512;

/**
 * The hot path (one call per ledger append, payloads of tens of KB): a copy of the value whose
 * objects have their keys inserted in sorted order, for the native `JSON.stringify` to write out —
 * it emits keys in insertion order and writes strings and numbers exactly as `serialise` does,
 * in one flat string. No path string per value, no visited set. Whatever `serialise` would refuse
 * or treat specially (toJSON, non-finite numbers, BigInt, functions, symbols, a `__proto__` key,
 * nesting past FAST_DEPTH, where cycles end) goes to `serialise` instead, so errors and their
 * paths come from one place.
 */
function sortedCopy(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) {
        throw SLOW_PATH;
      }
      return value;
    case "object":
      break;
    case "bigint":
    case "undefined":
    case "function":
    case "symbol":
      throw SLOW_PATH;
  }
  if (value === null) {
    return null;
  }
  if (depth >= FAST_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    throw SLOW_PATH;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // JSON.stringify writes an undefined array item as null, as `serialise` does.
      out[i] = item === undefined ? null : sortedCopy(item, depth + 1);
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 prescribes.
  const keys = Object.keys(record).sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) {
      continue;
    }
    const first = key.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) {
      throw INDEX_KEY;
    }
    if (key === "__proto__") {
      // Assigning it would set the copy's prototype instead of adding a key.
      throw SLOW_PATH;
    }
    out[key] = sortedCopy(item, depth + 1);
  }
  return out;
}

/** The same text built by concatenation, for values whose objects have integer-like keys. */
function concatenated(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) {
        throw SLOW_PATH;
      }
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    case "bigint":
    case "undefined":
    case "function":
    case "symbol":
      throw SLOW_PATH;
  }
  if (value === null) {
    return "null";
  }
  if (depth >= FAST_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    throw SLOW_PATH;
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i > 0 ? "," : "") + (item === undefined ? "null" : concatenated(item, depth + 1));
    }
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) {
      continue;
    }
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + concatenated(item, depth + 1);
    first = false;
  }
  return out + "}";
}

function refuse(path: string, what: string): never {
  throw new CustodyError(
    "PAYLOAD_INVALID",
    `The ledger cannot record the value at ${path}: ${what} has no JSON form. Event payloads must be plain JSON (objects, arrays, strings, finite numbers, booleans, null).`,
  );
}

function serialise(value: unknown, path: string, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) {
        refuse(path, String(value));
      }
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return refuse(path, "a BigInt");
    case "undefined":
    case "function":
    case "symbol":
      return refuse(path, `a ${typeof value}`);
    case "object":
      break;
  }
  if (value === null) {
    return "null";
  }
  // Dates and other values with toJSON are serialised as JSON.stringify would.
  const maybe = value as { toJSON?: unknown };
  if (typeof maybe.toJSON === "function") {
    return serialise((maybe.toJSON as () => unknown).call(value), path, seen);
  }
  if (seen.has(value)) {
    refuse(path, "a circular reference");
  }
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((item: unknown, i) => (item === undefined ? "null" : serialise(item, `${path}[${i}]`, seen))).join(",")}]`;
  } else {
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 prescribes.
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    out = `{${keys.map((k) => `${JSON.stringify(k)}:${serialise(record[k], `${path}.${k}`, seen)}`).join(",")}}`;
  }
  seen.delete(value);
  return out;
}
