/**
 * Taint knowledge as data: what a package's API does with user input. One row says where in the
 * package (an access path, see access-path.ts) and what happens there:
 *  - `sink`: a value reaching that argument (or written to that member) is a `class` vulnerability;
 *  - `source`: the value read or returned there is user input;
 *  - `sanitizer`: the return value is clean for `clears` (a class list, or "all");
 *  - `summary`: the return value is the argument itself (`util.promisify(fn)` is still `fn`).
 * Rows are grouped one file a package, each file with samples that must (invalid) and must not
 * (valid) produce a finding; models/index.test.ts replays them all. Users add rows for their own
 * wrappers in the policy (`detectors.code.models`), in the same shape.
 */
import type { SinkCondition, VulnClass } from "../taint-rule.js";

export type ModelKind = "sink" | "source" | "sanitizer" | "summary";

export interface TaintModel {
  kind: ModelKind;
  /** Access path from the package: `Member[exec].Argument[0]`, `ReturnValue.Member[raw].Argument[0]`. */
  path: string;
  /** Sinks: the class of vulnerability. */
  class?: VulnClass;
  /** Sanitizers: the classes the return value is clean for. */
  clears?: readonly VulnClass[] | "all";
  /** Sinks on a method: also match it on a receiver with one of these names when the receiver's origin is not known (`db.any(…)` where `db` came from another module). */
  receivers?: readonly string[];
  /** Sinks: an extra condition from the rule vocabulary (e.g. `shell-option`). */
  condition?: SinkCondition;
  /** How the sink or source reads in messages; defaults to the path in code form. */
  label?: string;
}

export interface ModelSample {
  name: string;
  code: string;
  /** The class the sample is about. */
  class: VulnClass;
  file?: string;
  /** Invalid samples: the 1-based line of the sink. */
  line?: number;
}

export interface PackageModels {
  /** npm package name (`fs-extra`, `@aws-sdk/client-s3`) or `global` for browser and runtime globals. */
  package: string;
  /** Why these rows, in one line, with where the API is documented. */
  doc: string;
  models: readonly TaintModel[];
  samples: { invalid: readonly ModelSample[]; valid: readonly ModelSample[] };
}
