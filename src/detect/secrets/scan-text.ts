/**
 * The scanning core: text in, matches out, the secret never among them. One Aho–Corasick pass
 * finds which keywords occur and where; only the rules owning those keywords run their regex,
 * and only over the lines holding a hit (or, for lines longer than `max_line_length` such as
 * minified bundles, over a capped window around each hit; multi-line rules scan forward from
 * the hit line by a bounded span). Cost therefore grows with the bytes scanned plus the bytes
 * near hits, not with the number of rules. Text containing a NUL is binary and is skipped.
 *
 * Every match passes, in order: entropy floor, the rule's validator, stopwords / placeholders /
 * user allowlists, an inline `custody:ignore`, and the baseline. What survives is reported with a
 * redacted form and a fingerprint only.
 */
import type { Severity } from "../../model/severity.js";
import { atLeast } from "../../model/severity.js";
import { compileAllowlist, isAllowed, type CompiledAllowlist } from "./allowlist.js";
import { isIgnoredInline } from "./inline-ignore.js";
import { HIT_SPACING, KeywordAutomaton } from "./keyword-automaton.js";
import type { SecretsAllowlist, SecretsOptions } from "./options.js";
import { redactSecret, secretFingerprint } from "./redact-secret.js";
import { SECRET_RULES } from "./rules/index.js";
import { FIRST_NON_EMPTY_GROUP, type SecretRule } from "./secret-rule.js";
import { shannonEntropy } from "./shannon-entropy.js";

/** Around a hit on an over-long line, the regex sees this many chars either side (> HIT_SPACING). */
const LONG_LINE_RADIUS = 2 * HIT_SPACING;
/** Multi-line rules (PEM blocks) look this far past the hit line. */
const MULTILINE_SPAN = 16_384;
/** A pathological window stops after this many regex matches. */
const MAX_MATCHES_PER_WINDOW = 200;

export interface SecretMatch {
  ruleId: string;
  severity: Severity;
  /** What was found, for a person ("GitHub personal access token"): the rule description's first
   * clause without its parenthesised format markers, so no output echoes a key's shape. */
  kind: string;
  /** 1-based line and column (in UTF-16 code units) of the secret's first and last char. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** At most 4 leading chars and the length; see redact-secret.ts. */
  redacted: string;
  fingerprint: string;
  /** Shannon entropy of the secret, rounded to 2 decimals. */
  entropy: number;
}

export interface ScanOptions {
  allowlist?: Partial<SecretsAllowlist>;
  /** Per-rule overrides from the policy. */
  rules?: SecretsOptions["rules"];
  min_severity?: Severity;
  max_line_length?: number;
  /** Accepted fingerprints (see baseline.ts). */
  baseline?: ReadonlySet<string>;
}

interface CompiledRule {
  rule: SecretRule;
  /** The rule's regex with `g` and `d` added: compiled once here, from the literal's source. */
  regex: RegExp;
}

const COMPILED: readonly CompiledRule[] = SECRET_RULES.map((rule) => {
  let flags = rule.regex.flags;
  for (const flag of ["g", "d"]) {
    flags += flags.includes(flag) ? "" : flag;
  }
  return { rule, regex: new RegExp(rule.regex.source, flags) };
});

const KEYWORDS: readonly string[] = [...new Set(SECRET_RULES.flatMap((rule) => rule.keywords))];
const RULES_BY_KEYWORD: readonly number[][] = KEYWORDS.map((keyword) =>
  SECRET_RULES.flatMap((rule, index) => (rule.keywords.includes(keyword) ? [index] : [])),
);
const AUTOMATON = new KeywordAutomaton(KEYWORDS);
const KINDS: readonly string[] = SECRET_RULES.map((rule) =>
  (rule.meta.description.split(":")[0] ?? rule.meta.id).replace(/\s*\([^)]*\)/g, "").replace(/\.$/, ""),
);

/** The keywords of every rule, deduplicated (the benchmark greps for the same set). */
export function secretKeywords(): readonly string[] {
  return KEYWORDS;
}

interface Window {
  start: number;
  end: number;
  /** 0-based line index and start offset of the line holding `start`. */
  line: number;
  lineStart: number;
}

interface Candidate extends SecretMatch {
  start: number;
  end: number;
  generic: boolean;
}

export interface SecretScanner {
  scan(text: string, path: string): SecretMatch[];
}

/** Prepares options once (allowlist, overrides) for many scans (history walks). */
export function createSecretScanner(options: ScanOptions = {}): SecretScanner {
  const allowlist = compileAllowlist({
    paths: options.allowlist?.paths ?? [],
    values: options.allowlist?.values ?? [],
    lines: options.allowlist?.lines ?? [],
    stopwords: options.allowlist?.stopwords ?? [],
  });
  const minSeverity = options.min_severity ?? "info";
  const maxLineLength = options.max_line_length ?? 10_000;
  const severities = SECRET_RULES.map((rule) => options.rules?.[rule.meta.id]?.severity ?? rule.meta.severity);
  const enabled = SECRET_RULES.map(
    (rule, index) => options.rules?.[rule.meta.id]?.enabled !== false && atLeast(severities[index] ?? "info", minSeverity),
  );
  const baseline = options.baseline ?? new Set<string>();
  return {
    scan: (text, path) => {
      if (allowlist.pathAllowed(path)) {
        return [];
      }
      return scanWith(text, path, { allowlist, severities, enabled, baseline, maxLineLength });
    },
  };
}

/** Scans one text (a file, or the added lines of one file joined by `\n`). */
export function scanText(text: string, path: string, options: ScanOptions = {}): SecretMatch[] {
  return createSecretScanner(options).scan(text, path);
}

interface Prepared {
  allowlist: CompiledAllowlist;
  severities: readonly Severity[];
  enabled: readonly boolean[];
  baseline: ReadonlySet<string>;
  maxLineLength: number;
}

/** Rules that judge a file by its name alone (keystores), checked before any text is read. */
const PATH_ONLY: readonly number[] = SECRET_RULES.flatMap((rule, index) => (rule.pathOnly === true ? [index] : []));

function pathFindings(path: string, prepared: Prepared): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const index of PATH_ONLY) {
    const rule = SECRET_RULES[index];
    if (rule === undefined || prepared.enabled[index] !== true || rule.path?.test(path) !== true) {
      continue;
    }
    const fingerprint = secretFingerprint(rule.meta.id, path, path);
    if (prepared.baseline.has(fingerprint)) {
      continue;
    }
    found.push({
      ruleId: rule.meta.id,
      severity: prepared.severities[index] ?? rule.meta.severity,
      kind: KINDS[index] ?? rule.meta.id,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      redacted: "(the whole file)",
      fingerprint,
      entropy: 0,
    });
  }
  return found;
}

function scanWith(text: string, path: string, prepared: Prepared): SecretMatch[] {
  const byPath = PATH_ONLY.length > 0 ? pathFindings(path, prepared) : [];
  const hits = AUTOMATON.scan(text);
  if (hits.binary) {
    return byPath;
  }
  const pathOk = new Map<number, boolean>();
  const appliesTo = (ruleIndex: number, rule: SecretRule): boolean => {
    if (rule.path === undefined) {
      return rule.pathOnly !== true;
    }
    let ok = pathOk.get(ruleIndex);
    if (ok === undefined) {
      ok = rule.pathOnly !== true && rule.path.test(path);
      pathOk.set(ruleIndex, ok);
    }
    return ok;
  };
  const windows = new Map<number, Window[]>();
  for (let h = 0; h < hits.offset.length; h++) {
    const offset = hits.offset[h] ?? 0;
    const lineStart = hits.lineStart[h] ?? 0;
    const lineEnd = hits.lineEnd[h] ?? text.length;
    const line = hits.line[h] ?? 0;
    const longLine = lineEnd - lineStart > prepared.maxLineLength;
    for (const ruleIndex of RULES_BY_KEYWORD[hits.keyword[h] ?? 0] ?? []) {
      if (prepared.enabled[ruleIndex] !== true) {
        continue;
      }
      const rule = SECRET_RULES[ruleIndex];
      if (rule === undefined || !appliesTo(ruleIndex, rule)) {
        continue;
      }
      let start = longLine ? Math.max(lineStart, offset - LONG_LINE_RADIUS) : lineStart;
      let startLine = line;
      let startLineStart = lineStart;
      if (rule.multiline === true && rule.lookBehind !== undefined && lineStart > 0) {
        // Back up whole lines, at most lookBehind chars, so line numbers stay exact.
        const floor = Math.max(0, lineStart - rule.lookBehind);
        while (startLineStart > floor) {
          const previous = text.lastIndexOf("\n", startLineStart - 2) + 1;
          if (previous < floor) {
            break;
          }
          startLineStart = previous;
          startLine--;
        }
        start = startLineStart;
      }
      let end: number;
      if (rule.multiline === true) {
        end = Math.min(text.length, offset + MULTILINE_SPAN);
      } else {
        end = longLine ? Math.min(lineEnd, offset + LONG_LINE_RADIUS) : lineEnd;
      }
      let list = windows.get(ruleIndex);
      if (list === undefined) {
        list = [];
        windows.set(ruleIndex, list);
      }
      list.push({ start, end, line: startLine, lineStart: startLineStart });
    }
  }

  const candidates: Candidate[] = [];
  for (const [ruleIndex, list] of windows) {
    const compiled = COMPILED[ruleIndex];
    if (compiled === undefined) {
      continue;
    }
    for (const window of mergeWindows(list)) {
      collectMatches(text, path, window, compiled, ruleIndex, prepared, candidates);
    }
  }
  return byPath.length > 0 ? [...byPath, ...settle(candidates)] : settle(candidates);
}

function mergeWindows(list: Window[]): Window[] {
  list.sort((a, b) => a.start - b.start);
  const merged: Window[] = [];
  for (const window of list) {
    const last = merged[merged.length - 1];
    if (last !== undefined && window.start <= last.end) {
      last.end = Math.max(last.end, window.end);
    } else {
      merged.push({ ...window });
    }
  }
  return merged;
}

/** Line index and line-start offset of `offset`, counting newlines from the window start. */
function locate(text: string, window: Window, offset: number): { line: number; lineStart: number } {
  let line = window.line;
  let lineStart = window.lineStart;
  let at = text.indexOf("\n", window.start);
  while (at !== -1 && at < offset) {
    line++;
    lineStart = at + 1;
    at = text.indexOf("\n", at + 1);
  }
  return { line, lineStart };
}

function collectMatches(
  text: string,
  path: string,
  window: Window,
  compiled: CompiledRule,
  ruleIndex: number,
  prepared: Prepared,
  out: Candidate[],
): void {
  const { rule, regex } = compiled;
  const slice = text.slice(window.start, window.end);
  regex.lastIndex = 0;
  let count = 0;
  for (let match = regex.exec(slice); match !== null; match = regex.exec(slice)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
    }
    if (++count > MAX_MATCHES_PER_WINDOW) {
      break;
    }
    const group = rule.secretGroup === FIRST_NON_EMPTY_GROUP ? firstNonEmptyGroup(match) : rule.secretGroup;
    const secret = match[group];
    const span = match.indices?.[group];
    if (secret === undefined || secret.length === 0 || span === undefined) {
      continue;
    }
    const entropy = shannonEntropy(secret);
    if (rule.entropy !== undefined && entropy < rule.entropy) {
      continue;
    }
    if (rule.validate !== undefined && !rule.validate(secret, match)) {
      continue;
    }
    const start = window.start + span[0];
    const end = window.start + span[1];
    const first = locate(text, window, start);
    const newline = text.indexOf("\n", start);
    const lineText = text.slice(first.lineStart, newline === -1 ? text.length : newline);
    if (isAllowed(secret, lineText, prepared.allowlist) || isIgnoredInline(lineText, rule.meta.id)) {
      continue;
    }
    const fingerprint = secretFingerprint(rule.meta.id, path, secret);
    if (prepared.baseline.has(fingerprint)) {
      continue;
    }
    const last = locate(text, window, end - 1);
    out.push({
      ruleId: rule.meta.id,
      severity: prepared.severities[ruleIndex] ?? rule.meta.severity,
      kind: KINDS[ruleIndex] ?? rule.meta.id,
      line: first.line + 1,
      column: start - first.lineStart + 1,
      endLine: last.line + 1,
      endColumn: end - 1 - last.lineStart + 1,
      redacted: redactSecret(secret),
      fingerprint,
      entropy: Math.round(entropy * 100) / 100,
      start,
      end,
      generic: rule.generic === true,
    });
  }
}

function firstNonEmptyGroup(match: RegExpExecArray): number {
  for (let group = 1; group < match.length; group++) {
    if (match[group] !== undefined && match[group] !== "") {
      return group;
    }
  }
  return 0;
}

/** Drops duplicates and generic matches overlapping a specific one; orders by position. */
function settle(candidates: Candidate[]): SecretMatch[] {
  const specific = candidates.filter((c) => !c.generic);
  const seen = new Set<string>();
  const kept: SecretMatch[] = [];
  candidates.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  for (const candidate of candidates) {
    const key = `${candidate.ruleId}:${String(candidate.start)}:${String(candidate.end)}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (candidate.generic && specific.some((s) => s.start < candidate.end && candidate.start < s.end)) {
      continue;
    }
    kept.push({
      ruleId: candidate.ruleId,
      severity: candidate.severity,
      kind: candidate.kind,
      line: candidate.line,
      column: candidate.column,
      endLine: candidate.endLine,
      endColumn: candidate.endColumn,
      redacted: candidate.redacted,
      fingerprint: candidate.fingerprint,
      entropy: candidate.entropy,
    });
  }
  return kept;
}
