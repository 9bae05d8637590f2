/**
 * Canonical JSON in the manner of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings serialised as ECMAScript does (`JSON.stringify` already follows
 * ES Number-to-String and the minimal string escaping JCS requires). The same value always gives
 * the same bytes, which is what a leaf hash needs. Values JSON cannot carry (BigInt, NaN,
 * Infinity, functions, symbols, cycles) are refused rather than silently changed.
 * Deviation from JCS, on purpose: lone surrogates are kept as `JSON.stringify` escapes them
 * (`\udxxx`) instead of being refused, so a webhook carrying one is still recorded.
 */
import { CustodyError } from "../model/errors.js";

export function canonicalJson(value: unknown): string {
  return serialise(value, "$", new Set());
}

function refuse(path: string, what: string): never {
  throw new CustodyError("PAYLOAD_INVALID", `The ledger cannot record the value at ${path}: ${what} has no JSON form. Event payloads must be plain JSON (objects, arrays, strings, finite numbers, booleans, null).`);
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
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    out = `{${keys.map((k) => `${JSON.stringify(k)}:${serialise(record[k], `${path}.${k}`, seen)}`).join(",")}}`;
  }
  seen.delete(value);
  return out;
}
