/**
 * The shape of one taint rule: a vulnerability class with its metadata, its sinks as data, and
 * the samples that prove it (invalid: must be reported at `line`; valid: must stay quiet).
 * The engine matches sinks from these specs only; adding a sink is adding a row here.
 */
import type { RuleMeta } from "../../model/rule-meta.js";

export const VULN_CLASSES = [
  "ssrf",
  "sql-injection",
  "command-injection",
  "path-traversal",
  "xss",
  "open-redirect",
  "prototype-pollution",
  "code-injection",
] as const;
export type VulnClass = (typeof VULN_CLASSES)[number];

/** Extra conditions some sinks need beyond "a tainted value reaches argument N". */
export type SinkCondition =
  /** spawn/execFile: only with an options argument `{ shell: true }`. */
  | "shell-option"
  /** setTimeout/setInterval: only when the first argument is not a function. */
  | "not-function"
  /** res.send/write/end: not when the argument is an object or array literal (sent as JSON). */
  | "not-object-literal"
  /** res.setHeader/set/header: only when the header name is `Location`. */
  | "location-header"
  /** writeHead(status, headers): a `Location` property of the headers object. */
  | "location-in-headers"
  /** res.sendFile: not when an options object with `root` confines the path. */
  | "no-root-option"
  /** Object.assign: not when the target is a fresh object literal. */
  | "shared-target"
  /** spawn('sh', ['-c', cmd]): the argument array of a shell program run with `-c`. */
  | "shell-c-array";

export interface CallSinkSpec {
  kind: "call";
  /** Resolved callee paths: module members (`child_process.exec`, `fs.promises.readFile`) or globals (`fetch`). */
  callees?: readonly string[];
  /** Method names matched on any receiver whose root identifier matches `receiver`. */
  methods?: readonly string[];
  receiver?: RegExp;
  /** Argument positions checked, or "all". */
  args: readonly number[] | "all";
  /** For object arguments: only these properties are checked (`{ text, values }` → text). */
  objectProps?: readonly string[];
  condition?: SinkCondition;
  /** How the sink is named in messages, e.g. `fetch()`. */
  label: string;
}

export interface PropertyAssignSinkSpec {
  kind: "assign";
  properties: readonly string[];
  label: string;
}

export interface JsxAttributeSinkSpec {
  kind: "jsx";
  attribute: string;
  /** The property of the attribute's object holding the payload (`__html`). */
  property: string;
  label: string;
}

/** `obj[key] = value` with a user-controlled key and value. */
export interface ComputedWriteSinkSpec {
  kind: "computed-write";
  label: string;
}

/** A write to a resolved member path (`location.href = v`, `window.location = v`), from a model. */
export interface RefAssignSinkSpec {
  kind: "ref-assign";
  refs: readonly string[];
  label: string;
}

export type SinkSpec = CallSinkSpec | PropertyAssignSinkSpec | JsxAttributeSinkSpec | ComputedWriteSinkSpec | RefAssignSinkSpec;

export interface RuleSample {
  /** What the sample shows, for the test name. */
  name: string;
  code: string;
  /** File name (its extension picks the grammar). Defaults to `sample.ts`. */
  file?: string;
  /** Invalid samples: the 1-based line of the sink. */
  line?: number;
}

export interface TaintRule {
  meta: RuleMeta;
  vulnClass: VulnClass;
  /** Human name used in messages: "server-side request forgery". */
  title: string;
  /** One line for docs: where to read more. */
  doc: string;
  sinks: readonly SinkSpec[];
  samples: { invalid: readonly RuleSample[]; valid: readonly RuleSample[] };
}
