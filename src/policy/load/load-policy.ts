/**
 * Reads the policy file: YAML parsed with `yaml` (keeping each node's source range), then
 * validated ONCE by the zod schema into a typed `Policy` with every default filled in. Nothing
 * downstream re-checks the policy. Every problem becomes `CustodyError("POLICY_INVALID")` whose
 * position points at the offending YAML node (file, 1-based line and column, dotted key), so a
 * user can jump to it; no raw YAML or zod error escapes.
 */
import { isAbsolute, relative, resolve } from "node:path";
import type { Document, Node, ParsedNode } from "yaml";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import type { SourcePosition } from "../../model/errors.js";
import { CustodyError } from "../../model/errors.js";
import type { PolicySource } from "../../model/verdict.js";
import { readBoundedFile } from "../../sources/file/read-bounded-file.js";
import { gitBlobSha } from "./blob-sha.js";
import { DEFAULT_POLICY_PATHS } from "../schema/default-paths.js";
import type { Policy } from "../schema/policy-schema.js";
import { policySchema } from "../schema/policy-schema.js";
import { closestKey, knownKeysAt } from "./suggest-key.js";

/**
 * A policy file is a page of YAML; anything larger is a mistake or an attack on the parser.
 * The one cap, for a file on disk and for a blob at a commit alike.
 */
export const MAX_POLICY_BYTES = 1024 * 1024;

export interface LoadedPolicy {
  policy: Policy;
  /** The file it came from (relative to the repository when inside it), or `undefined` for the defaults. */
  source: string | undefined;
  /** Where it came from, with the blob sha of the bytes read: what every report names. */
  from: PolicySource;
}

export function defaultPolicy(): Policy {
  return policySchema.parse({ version: 1 });
}

/**
 * Reads the policy from the filesystem: the file named (`--policy FILE`, origin `file`), else the
 * first of DEFAULT_POLICY_PATHS in the working tree (origin `worktree`), else the defaults.
 * `custody check` reads the base commit's policy instead (./load-policy-at.ts); this is the
 * deliberate exception, and for commands that judge no change (explain, hook, ledger).
 */
export function loadPolicy(options: { repoDir: string; path?: string }): Promise<LoadedPolicy> {
  // Reading is synchronous (bounded, one small file); every failure still arrives as a rejection.
  return Promise.resolve(options).then(loadPolicySync);
}

function loadPolicySync(options: { repoDir: string; path?: string }): LoadedPolicy {
  const candidates = options.path === undefined ? DEFAULT_POLICY_PATHS : [options.path];
  for (const candidate of candidates) {
    const absolute = resolve(options.repoDir, candidate);
    const display = displayPath(options.repoDir, absolute);
    const bytes = readPolicyFile(absolute, display, options.path !== undefined);
    if (bytes !== undefined) {
      const origin = options.path === undefined ? "worktree" : "file";
      return {
        policy: parsePolicy(bytes.toString("utf8"), display),
        source: display,
        from: { origin, path: display, blobSha: gitBlobSha(bytes) },
      };
    }
  }
  return { policy: defaultPolicy(), source: undefined, from: { origin: "default" } };
}

/** Parses policy bytes read from anywhere (a blob at a commit, a file), after the one size cap. */
export function parsePolicyBytes(bytes: Buffer, display: string): Policy {
  if (bytes.length > MAX_POLICY_BYTES) {
    throw new CustodyError(
      "POLICY_INVALID",
      `The policy file ${display} is ${String(bytes.length)} bytes; a policy may be at most ${String(MAX_POLICY_BYTES)} bytes.`,
      {
        position: { file: display },
      },
    );
  }
  return parsePolicy(bytes.toString("utf8"), display);
}

function displayPath(repoDir: string, absolute: string): string {
  const inside = relative(resolve(repoDir), absolute);
  return inside === "" || inside.startsWith("..") || isAbsolute(inside) ? absolute : inside.split("\\").join("/");
}

function readPolicyFile(absolute: string, display: string, explicit: boolean): Buffer | undefined {
  const read = readBoundedFile(absolute, MAX_POLICY_BYTES);
  if (read.ok) {
    return read.bytes;
  }
  if (read.problem === "missing" && !explicit) {
    return undefined;
  }
  if (read.problem === "missing") {
    throw new CustodyError(
      "POLICY_NOT_FOUND",
      `The policy file ${display} does not exist. Check the --policy path, or run \`custody init\` to write a starter policy.`,
      {
        position: { file: display },
      },
    );
  }
  const limit = read.problem === "too-large" ? `; a policy may be at most ${String(MAX_POLICY_BYTES)} bytes` : "";
  throw new CustodyError("POLICY_INVALID", `The policy file ${display} ${read.detail}${limit}.`, { position: { file: display } });
}

/** Parses and validates policy text; `file` names it in error positions. */
export function parsePolicy(text: string, file: string): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError !== undefined) {
    const { line, col } = lineCounter.linePos(syntaxError.pos[0]);
    throw new CustodyError("POLICY_INVALID", `The policy is not valid YAML: ${firstLine(syntaxError.message)}.`, {
      position: { file, line, column: col },
      cause: syntaxError,
    });
  }
  // An unknown tag (`!!python/object`) would otherwise be dropped and its value read as plain
  // text: a policy must mean what it says, so it is an error at the tag.
  const tagWarning = doc.warnings.find((warning) => warning.code === "TAG_RESOLVE_FAILED");
  if (tagWarning !== undefined) {
    const { line, col } = lineCounter.linePos(tagWarning.pos[0]);
    throw new CustodyError(
      "POLICY_INVALID",
      `The policy uses a YAML tag Custody does not read (${firstLine(tagWarning.message).replace(/^Unresolved tag: /, "")}); remove the tag.`,
      {
        position: { file, line, column: col },
      },
    );
  }
  const huge = nonFiniteNumber(doc);
  if (huge !== undefined) {
    const { line, col } = lineCounter.linePos(huge.offset);
    throw new CustodyError("POLICY_INVALID", `The number ${huge.text} is too large to be read as a number; use a finite number.`, {
      position: { file, line, column: col },
    });
  }
  let data: unknown;
  try {
    // Aliases are capped so a few lines of YAML cannot expand into gigabytes (billion laughs).
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new CustodyError(
      "POLICY_INVALID",
      `The policy cannot be read as data: ${firstLine(error instanceof Error ? error.message : String(error))}.`,
      {
        position: { file, line: 1, column: 1 },
        cause: error,
      },
    );
  }
  if (data === null || data === undefined) {
    throw new CustodyError(
      "POLICY_INVALID",
      "The policy file is empty; it needs at least `version: 1` (run `custody init` for a starter policy).",
      {
        position: { file, line: 1, column: 1 },
      },
    );
  }
  const result = policySchema.safeParse(data);
  if (result.success) {
    return result.data;
  }
  throw issueError(result.error.issues, doc, lineCounter, file, data);
}

/** The first number scalar that overflows to Infinity (`1e400`), with its source text. */
function nonFiniteNumber(doc: Document.Parsed): { offset: number; text: string } | undefined {
  let found: { offset: number; text: string } | undefined;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "number" && !Number.isFinite(node.value) && node.source !== undefined && /\d/.test(node.source)) {
        found = { offset: node.range?.[0] ?? 0, text: node.source };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/[.:]\s*$/, "");
}

interface Located {
  issue: z.core.$ZodIssue;
  /** Path to the node the issue is about (for an unknown key: the key itself). */
  keyPath: (string | number)[];
  position: SourcePosition;
  offset: number;
  message: string;
}

function isAncestor(ancestor: readonly (string | number)[], path: readonly (string | number)[]): boolean {
  return ancestor.length < path.length && ancestor.every((segment, index) => segment === path[index]);
}

function issueError(
  issues: readonly z.core.$ZodIssue[],
  doc: Document.Parsed,
  lineCounter: LineCounter,
  file: string,
  data: unknown,
): CustodyError {
  const located = issues.map((issue): Located => {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== "symbol");
    const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
    const keyPath = unknownKey === undefined ? path : [...path, unknownKey];
    const node = unknownKey === undefined ? nodeAt(doc, path) : (keyNodeAt(doc, path, unknownKey) ?? nodeAt(doc, path));
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    const position: SourcePosition = { file, line, column: col };
    if (keyPath.length > 0) {
      position.key = keyPath.join(".");
    }
    return { issue, keyPath, position, offset, message: describeIssue(issue, path, data) };
  });
  // Report the problem nearest the top of the file; but when one issue is about a node inside
  // another's (an unknown key inside a scope that also fails a whole-scope check), the inner
  // one is the actual mistake.
  const leaves = located.filter((candidate) => !located.some((other) => isAncestor(candidate.keyPath, other.keyPath)));
  leaves.sort((a, b) => a.offset - b.offset);
  const [first] = leaves;
  if (first === undefined) {
    return new CustodyError("POLICY_INVALID", "The policy is invalid.", { position: { file } });
  }
  const others = located.length - 1;
  const more = others > 0 ? ` (${String(others)} more problem${others > 1 ? "s" : ""} besides this one)` : "";
  const where = first.position.key === undefined ? "" : `At \`${first.position.key}\`: `;
  const stop = /[.?!]$/.test(first.message) ? "" : ".";
  return new CustodyError("POLICY_INVALID", `${where}${first.message}${stop}${more} See docs/policy.md for every key.`, {
    position: first.position,
  });
}

function describeIssue(issue: z.core.$ZodIssue, path: (string | number)[], data: unknown): string {
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0] ?? "";
      const known = knownKeysAt(policySchema, path);
      const suggestion = closestKey(key, known);
      const hint =
        suggestion === undefined ? (known.length > 0 ? `; known keys here: ${known.join(", ")}` : "") : `; did you mean "${suggestion}"?`;
      const others = issue.keys.length > 1 ? ` (also unknown: ${issue.keys.slice(1).join(", ")})` : "";
      return `unknown key "${key}"${hint}${others}`;
    }
    case "invalid_value":
      if (valueAt(data, path) === undefined) {
        return `missing required key; expected ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
      }
      return `${showValue(valueAt(data, path))} is not allowed; expected ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "invalid_type":
      if (path.length === 0) {
        return `the policy must be a mapping of keys (version, fail_on, rules, …), got ${describeType(data)}`;
      }
      return valueAt(data, path) === undefined
        ? `missing required key (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${describeType(valueAt(data, path))}`;
    case "too_small":
    case "too_big":
    case "invalid_format":
    case "not_multiple_of":
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return issue.message;
  }
}

function describeType(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "a list";
  }
  if (typeof value === "object") {
    return "a mapping";
  }
  return `${typeof value} ${showValue(value)}`;
}

function showValue(value: unknown): string {
  // JSON.stringify returns undefined (despite its type) for undefined.
  return value === undefined ? "nothing" : JSON.stringify(value);
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object") {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The deepest YAML node along `path` that exists (the parent when a key is missing). */
function nodeAt(doc: Document.Parsed, path: readonly (string | number)[]): Node | undefined {
  let node: ParsedNode | null = doc.contents;
  for (const segment of path) {
    const next = childNode(node, segment);
    if (next === undefined) {
      break;
    }
    node = next;
  }
  return node ?? undefined;
}

function keyNodeAt(doc: Document.Parsed, path: readonly (string | number)[], key: string): Node | undefined {
  const parent = nodeAt(doc, path);
  if (!isMap(parent)) {
    return undefined;
  }
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return isScalar(pair?.key) ? pair.key : undefined;
}

function childNode(node: ParsedNode | null, segment: string | number): ParsedNode | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
    return pair?.value ?? undefined;
  }
  if (isSeq(node) && typeof segment === "number") {
    return node.items[segment];
  }
  return undefined;
}
