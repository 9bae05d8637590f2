/**
 * Functions whose result is clean for some vulnerability classes, as data. Matched against the
 * resolved callee path (module member or global). A value that passes through one is clean for
 * the classes listed; `all` is for conversions after which no injection is possible (numbers,
 * schema-validated values).
 */
import type { VulnClass } from "./taint-rule.js";

export interface SanitizerSpec {
  callees: readonly string[];
  clears: readonly VulnClass[] | "all";
  why: string;
}

export const SANITIZERS: readonly SanitizerSpec[] = [
  {
    callees: [
      "Number",
      "parseInt",
      "parseFloat",
      "Number.parseInt",
      "Number.parseFloat",
      "Math.floor",
      "Math.round",
      "Math.ceil",
      "Math.abs",
      "Boolean",
      "BigInt",
    ],
    clears: "all",
    why: "numbers and booleans carry no payload",
  },
  {
    callees: [
      "escape-html",
      "he.encode",
      "he.escape",
      "dompurify.sanitize",
      "isomorphic-dompurify.sanitize",
      "DOMPurify.sanitize",
      "sanitize-html",
      "xss",
      "validator.escape",
      "lodash.escape",
      "_.escape",
      "entities.encode",
      "entities.encodeHTML",
    ],
    clears: ["xss"],
    why: "HTML encoders",
  },
  {
    callees: ["encodeURIComponent", "querystring.escape"],
    clears: ["xss", "ssrf", "open-redirect", "path-traversal"],
    why: "encoded: no scheme, host, slash or markup survives",
  },
  { callees: ["path.basename"], clears: ["path-traversal"], why: "a base name has no directory part" },
  { callees: ["shell-quote.quote", "shell-escape"], clears: ["command-injection"], why: "shell quoting" },
  {
    callees: ["sqlstring.escape", "mysql.escape", "mysql2.escape", "pg-format", "pg.escapeLiteral"],
    clears: ["sql-injection"],
    why: "SQL literal escaping",
  },
];

/** Schema libraries whose `.parse()`/`.validate()` result is validated data. */
export const SCHEMA_MODULES: ReadonlySet<string> = new Set(["zod", "joi", "yup", "valibot", "superstruct", "@sinclair/typebox"]);
export const SCHEMA_METHODS: ReadonlySet<string> = new Set([
  "parse",
  "parseAsync",
  "safeParse",
  "safeParseAsync",
  "validate",
  "validateAsync",
  "validateSync",
  "cast",
]);
/** A receiver named like a schema (`userSchema.parse(body)`) counts too: schemas are often built in another file. */
export const SCHEMA_NAME = /schema$/i;
