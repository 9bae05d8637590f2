/**
 * Identity matching for agent signatures: whole-value or `*suffix` comparison, case-insensitive,
 * over names, emails and logins, plus the parsing of `Name <email>` trailer values.
 *
 * Invariant: no pattern is ever compiled into a RegExp. Signatures can come from a policy file,
 * and a policy author (or an attacker who edits one) must not be able to make the matcher slow
 * or make it match more than the literal text says. Comparison is `===` or `endsWith` on
 * lower-cased, whitespace-collapsed, NFC-normalised strings: linear time, no surprises.
 */

/** Lower-cases, applies NFC, trims and collapses runs of whitespace (folded trailers keep the
 * newline and indentation of the fold; a person reading the value sees one space). */
export function normalizeText(value: string): string {
  // Fast path, taken by nearly every email and most names of a history: printable ASCII words
  // separated by single spaces are already NFC and space-normalised.
  if (ASCII_WORDS.test(value)) {
    return value.toLowerCase();
  }
  return value.normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();
}

const ASCII_WORDS = /^[!-~]+(?: [!-~]+)*$/u;

/** True when `pattern` is a suffix pattern (`*+Copilot@users.noreply.github.com`). */
function isSuffixPattern(pattern: string): boolean {
  return pattern.startsWith("*");
}

/**
 * Does `value` match `pattern`? Whole-value comparison, or a suffix comparison when the pattern
 * starts with `*`. Both sides are normalised, so matching is case-insensitive. An empty value or
 * an empty pattern never matches (a missing email must not match a missing pattern).
 */
export function matchesPattern(value: string | undefined, pattern: string): boolean {
  if (value === undefined) {
    return false;
  }
  const text = normalizeText(value);
  if (text === "") {
    return false;
  }
  if (isSuffixPattern(pattern)) {
    // The suffix keeps its leading space (`* (aider)`), so normalise without trimming the start.
    const suffix = pattern.slice(1).normalize("NFC").replace(/\s+/gu, " ").trimEnd().toLowerCase();
    return suffix.trim() !== "" && text.endsWith(suffix);
  }
  const whole = normalizeText(pattern);
  return whole !== "" && text === whole;
}

/** A pattern normalised once, for matching many values (the registry compiles every signature). */
export interface CompiledPattern {
  /** The pattern as written, for evidence details. */
  source: string;
  suffix: boolean;
  /** Normalised whole value, or normalised suffix (leading space kept). */
  text: string;
}

export function compilePattern(pattern: string): CompiledPattern {
  if (isSuffixPattern(pattern)) {
    return { source: pattern, suffix: true, text: pattern.slice(1).normalize("NFC").replace(/\s+/gu, " ").trimEnd().toLowerCase() };
  }
  return { source: pattern, suffix: false, text: normalizeText(pattern) };
}

/** The first compiled pattern that an already-normalised value matches. Same rules as `matchesPattern`. */
export function firstCompiledMatch(normalized: string, patterns: readonly CompiledPattern[]): CompiledPattern | undefined {
  if (normalized === "") {
    return undefined;
  }
  for (const pattern of patterns) {
    if (
      pattern.suffix ? pattern.text.trim() !== "" && normalized.endsWith(pattern.text) : pattern.text !== "" && normalized === pattern.text
    ) {
      return pattern;
    }
  }
  return undefined;
}

/**
 * Patterns of many signatures indexed for one lookup per value: whole values in a map, suffixes
 * in a short list. `match` returns, per owner (a signature's position), the first of that
 * owner's patterns that matches — the same answer as `firstCompiledMatch` on each owner's list.
 */
export class PatternIndex {
  private readonly exact = new Map<string, { owner: number; pattern: CompiledPattern; order: number }[]>();
  private readonly suffixes: { owner: number; pattern: CompiledPattern; order: number }[] = [];

  add(owner: number, patterns: readonly CompiledPattern[]): void {
    patterns.forEach((pattern, order) => {
      if (pattern.text.trim() === "") {
        return;
      }
      if (pattern.suffix) {
        this.suffixes.push({ owner, pattern, order });
      } else {
        const list = this.exact.get(pattern.text) ?? [];
        list.push({ owner, pattern, order });
        this.exact.set(pattern.text, list);
      }
    });
  }

  match(normalized: string): ReadonlyMap<number, { pattern: CompiledPattern }> {
    const best = new Map<number, { pattern: CompiledPattern; order: number }>();
    if (normalized === "") {
      return best;
    }
    const consider = (entry: { owner: number; pattern: CompiledPattern; order: number }): void => {
      const known = best.get(entry.owner);
      if (known === undefined || entry.order < known.order) {
        best.set(entry.owner, entry);
      }
    };
    for (const entry of this.exact.get(normalized) ?? []) {
      consider(entry);
    }
    for (const entry of this.suffixes) {
      if (normalized.endsWith(entry.pattern.text)) {
        consider(entry);
      }
    }
    return best;
  }
}

/** A person or bot as a trailer names it. */
export interface ParsedIdentity {
  name: string;
  email?: string;
}

/**
 * Parses a trailer value of the form `Name <email>` (the form `Co-authored-by` and
 * `Signed-off-by` use). A value without angle brackets is all name (`Generated-by: Claude Code`);
 * a value that is only `<email>` has an empty name. Never throws: trailer values are untrusted
 * text and a malformed one simply yields a name.
 */
export function parseIdentity(value: string): ParsedIdentity {
  const text = value.normalize("NFC").replace(/\s+/gu, " ").trim();
  const open = text.lastIndexOf("<");
  const close = text.lastIndexOf(">");
  if (open === -1 || close < open) {
    return { name: text };
  }
  const email = text.slice(open + 1, close).trim();
  const name = text.slice(0, open).trim();
  return email === "" ? { name } : { name, email };
}

/** Renders an identity for an evidence detail: `Claude <noreply@anthropic.com>`. */
export function formatIdentity(identity: { name?: string; email?: string }): string {
  const name = identity.name?.trim() ?? "";
  const email = identity.email?.trim() ?? "";
  if (email === "") {
    return name;
  }
  return name === "" ? `<${email}>` : `${name} <${email}>`;
}

/**
 * A name that no person carries: a GitHub App login (`dependabot[bot]`). GitHub reserves the
 * `[bot]` suffix for apps, so a commit name or login ending in it is automation, never a person —
 * unlike `Claude`, `Devin` or `Jules`, which are also people's names.
 */
export function isBotName(value: string | undefined): boolean {
  return value !== undefined && normalizeText(value).endsWith("[bot]");
}

/**
 * The bot login behind a GitHub no-reply email (`49699333+dependabot[bot]@users.noreply.github.com`
 * → `dependabot[bot]`), or undefined when the email is not a bot's no-reply address.
 */
export function botLoginFromEmail(email: string | undefined): string | undefined {
  if (email === undefined) {
    return undefined;
  }
  const text = normalizeText(email);
  const domain = "@users.noreply.github.com";
  if (!text.endsWith(domain)) {
    return undefined;
  }
  const local = text.slice(0, -domain.length);
  const plus = local.indexOf("+");
  const login = plus === -1 ? local : local.slice(plus + 1);
  return login.endsWith("[bot]") && login.length > "[bot]".length ? login : undefined;
}
