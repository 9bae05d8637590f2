/**
 * What is accepted without a finding: built-in stopwords and placeholder shapes (documentation
 * keys, `${VAR}`, `<your-key>`), path globs, and the user's plain-substring allowlists. User
 * patterns are matched as substrings or picomatch globs, never compiled into a RegExp: a policy
 * file is input, and a hostile pattern must not be able to hang the scanner.
 */
import picomatch from "picomatch";
import type { SecretsAllowlist } from "./options.js";

/** Case-insensitive substrings that mark a value as a sample, not a credential. */
const DEFAULT_STOPWORDS: readonly string[] = [
  "example",
  "dummy",
  "xxxx",
  "placeholder",
  "redacted",
  "changeme",
  "your_",
  "your-",
  "yourkey",
  "insert",
  "replace_me",
  "replaceme",
  "sample",
  "fake",
  "notreal",
  "not_real",
  "0000000000",
  "1234567890",
  "abcdefghij",
];

/** Secrets longer than this are not judged by stopwords (see isAllowed). */
const MAX_STOPWORD_SECRET = 200;

/** Shapes of template variables and fill-in-here markers. Literal regexes, fixed at build. */
const PLACEHOLDERS: readonly RegExp[] = [
  /\$\{[^}]*\}/, // ${VAR}
  /\$\([^)]*\)/, // $(VAR)
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /\{\{[^}]*\}\}/, // {{ var }}
  /<[^<>]{1,80}>/, // <your-key>
  /^%[A-Za-z_(]/, // %(name)s, %VAR%
  /^\*+$|^\.{3,}$|^x+$/i, // ****, ..., xxxxx
];

export function isPlaceholder(secret: string): boolean {
  return PLACEHOLDERS.some((pattern) => pattern.test(secret));
}

export interface CompiledAllowlist {
  pathAllowed: (path: string) => boolean;
  stopwords: readonly string[];
  values: readonly string[];
  lines: readonly string[];
}

export function compileAllowlist(allowlist: SecretsAllowlist | undefined): CompiledAllowlist {
  const globs = allowlist?.paths ?? [];
  const matcher = globs.length > 0 ? picomatch(globs, { dot: true }) : undefined;
  return {
    pathAllowed: (path) => matcher?.(path) ?? false,
    stopwords: [...DEFAULT_STOPWORDS, ...(allowlist?.stopwords ?? []).map((word) => word.toLowerCase())],
    values: allowlist?.values ?? [],
    lines: allowlist?.lines ?? [],
  };
}

/** The secret or its line is accepted by stopword, placeholder or user substring. */
export function isAllowed(secret: string, lineText: string, allowlist: CompiledAllowlist): boolean {
  const lower = secret.toLowerCase();
  // Long key material (PEM bodies) contains any short word by chance; stopwords judge short values.
  if (secret.length <= MAX_STOPWORD_SECRET && allowlist.stopwords.some((word) => lower.includes(word))) {
    return true;
  }
  if (isPlaceholder(secret)) {
    return true;
  }
  if (allowlist.values.some((value) => secret.includes(value))) {
    return true;
  }
  return allowlist.lines.some((value) => lineText.includes(value));
}
