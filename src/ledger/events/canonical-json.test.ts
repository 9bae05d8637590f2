import { describe, expect, it } from "vitest";
import { isCustodyError } from "../../model/errors.js";
import { canonicalJson } from "./canonical-json.js";
import { leafText } from "./event-bytes.js";

describe("canonicalJson", () => {
  it("sorts keys by UTF-16 code units at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: [{ z: true, y: null }], "\u20ac": "e", "\ud83d\ude00": 0, A: "x" })).toBe(
      '{"A":"x","a":[{"y":null,"z":true}],"b":1,"\u20ac":"e","\ud83d\ude00":0}',
    );
  });

  it("writes numbers as ECMAScript does (RFC 8785 §3.2.2.3 examples)", () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.000001, 333333333.3333333, 2 ** 53 + 1])).toBe(
      "[1e+21,1e-7,0,0.000001,333333333.3333333,9007199254740992]",
    );
  });

  it("escapes strings minimally", () => {
    expect(canonicalJson('\u0000\n"\\/é')).toBe('"\\u0000\\n\\"\\\\/é"');
  });

  it("is independent of key insertion order", () => {
    expect(canonicalJson({ x: 1, y: { b: 2, a: 1 } })).toBe(canonicalJson({ y: { a: 1, b: 2 }, x: 1 }));
  });

  it.each([
    ["NaN", { a: Number.NaN }],
    ["Infinity", [Infinity]],
    ["a BigInt", { n: 1n }],
    ["a function", { f: () => 1 }],
  ])("refuses %s with PAYLOAD_INVALID naming the path", (_what, value) => {
    let error: unknown;
    try {
      canonicalJson(value);
    } catch (e) {
      error = e;
    }
    expect(isCustodyError(error, "PAYLOAD_INVALID")).toBe(true);
    expect((error as Error).message).toMatch(/\$/);
  });

  it("refuses cycles", () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/circular/);
  });

  it("gives a whole webhook payload the same bytes as a sort-then-stringify reference", () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : typeof v === "object" && v !== null
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    const payload = {
      zeta: [1, -0, 1e21, "é\u2028", null, { b: true, a: false }],
      alpha: { "\u00e9": 1, e: 2, E: 3, nested: [[{ y: 1, x: 2 }]] },
      gone: undefined,
    };
    expect(canonicalJson(payload)).toBe(JSON.stringify(sorted(payload)));
  });

  it("serialises values with toJSON, undefined array items and deep nesting as before", () => {
    expect(canonicalJson({ at: new Date(0), list: [undefined, 1] })).toBe('{"at":"1970-01-01T00:00:00.000Z","list":[null,1]}');
    let deep: unknown = { leaf: 1 };
    for (let i = 0; i < 700; i++) {
      deep = [deep];
    }
    expect(canonicalJson(deep)).toBe(`${"[".repeat(700)}{"leaf":1}${"]".repeat(700)}`);
  });

  it('sorts integer-like keys as strings ("10" before "9", "-x" before "5"), and keeps a __proto__ key', () => {
    expect(canonicalJson({ a: { "9": 1, "10": 2, "-x": 3, b: [{ "2": 0, "1": 0 }] } })).toBe(
      '{"a":{"-x":3,"10":2,"9":1,"b":[{"1":0,"2":0}]}}',
    );
    expect(canonicalJson(JSON.parse('{"z":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"z":1}');
  });

  it("names the exact path of a refused value deep inside a payload", () => {
    expect(() => canonicalJson({ a: [{ ok: 1 }, { b: { c: Number.NaN } }] })).toThrow(/\$\.a\[1\]\.b\.c/);
  });
});

describe("leafText", () => {
  it("equals the canonical JSON of the whole event, with and without optional fields", () => {
    const payload = { action: "opened", number: 7, pull_request: { title: "héllo", labels: [] } };
    const full = {
      seq: 12,
      kind: "pull_request.opened",
      source: "github-webhook" as const,
      deliveryId: "d-1",
      repository: "o/r",
      occurredAt: "2026-01-01T00:00:00Z",
      receivedAt: "2026-01-01T00:00:01.000Z",
    };
    expect(leafText(full, canonicalJson(payload))).toBe(canonicalJson({ ...full, payload }));
    const minimal = { seq: 0, kind: "check.result", source: "check" as const, receivedAt: "2026-01-01T00:00:01.000Z" };
    expect(leafText(minimal, canonicalJson(null))).toBe(canonicalJson({ ...minimal, payload: null }));
  });
});
