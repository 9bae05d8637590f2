/**
 * The shape of one secrets rule: metadata, lower-case keywords for the prefilter, a regex whose
 * `secretGroup` captures the secret, optional entropy floor and validator, and samples that the
 * meta-test replays. Regexes are written as literals in the rule files (or assembled by
 * `assignedTo` from literal fragments) and compiled once when the table loads; nothing here ever
 * compiles user text.
 */
import type { RuleMeta } from "../../model/rule-meta.js";

export interface SecretRule {
  meta: RuleMeta & { category: "secret" };
  /** Lower-case substrings; the rule's regex only runs near a line holding one of them. */
  keywords: readonly string[];
  regex: RegExp;
  /** Capture group holding the secret (0 = the whole match; FIRST_NON_EMPTY_GROUP = the first
   * group that took part in the match, gitleaks' rule for regexes with several alternatives). */
  secretGroup: number;
  /** The rule applies only to files whose path matches (gitleaks' `path`, e.g. `\.tf$`). */
  path?: RegExp;
  /** File name the samples are scanned under (required with `path`; must match it). */
  samplePath?: string;
  /** The file's name alone is the finding (keystores such as `.p12`); `regex` is not run. */
  pathOnly?: boolean;
  /** Minimum Shannon entropy (bits/char) of the secret; below it the match is dropped. */
  entropy?: number;
  /** The secret may span lines (PEM blocks): the rule scans from the hit forward, not one line. */
  multiline?: boolean;
  /** Multi-line rules: the window also starts this many chars before the hit line (a manifest's
   * `data:` above its `kind: Secret`). */
  lookBehind?: number;
  /** A catch-all rule: a specific rule matching the same bytes wins over it. */
  generic?: boolean;
  /** Extra structural check (JWT header decodes, password is not a default); gets the whole match. */
  validate?: (secret: string, match: RegExpExecArray) => boolean;
  /** Lines this rule must find (generated; no real key committed). */
  truePositives: readonly string[];
  /** Lines this rule must not find. */
  falsePositives: readonly string[];
}

/** `secretGroup` value: the secret is the first capture group that matched. */
export const FIRST_NON_EMPTY_GROUP = -1;

/**
 * gitleaks' "semi-generic" shape: an identifier naming the provider, an assignment operator,
 * then the secret. Both arguments are regex source fragments written as literals in rule files.
 * Flags: case-insensitive (identifiers come in every case), multi-line (`$` ends a line).
 */
export function assignedTo(identifiers: string, secret: string): RegExp {
  return new RegExp(
    String.raw`[\w.-]{0,50}?(?:${identifiers})(?:[ \t\w.-]{0,30})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}(${secret})(?:[\x60'"\s;,)\]}]|\\[nr]|$)`,
    "im",
  );
}
