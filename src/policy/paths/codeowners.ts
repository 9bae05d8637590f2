/**
 * CODEOWNERS, parsed the way GitHub reads it: one `pattern owner…` per line, `#` comments,
 * gitignore-style patterns, and the LAST matching line wins (a later line with no owners
 * un-owns a path). Patterns are compiled by the policy's linear-time glob matcher (./glob.ts),
 * never into a RegExp, so no CODEOWNERS line can make matching a long path slow.
 * Lines GitHub would ignore (negation `!`, a `[range]`, an owner that is not `@user`,
 * `@org/team` or an email) are kept as `problems` rather than thrown: a broken CODEOWNERS in
 * the repository under review is a fact to report, not a reason to stop.
 */
import { compileGlob } from "./glob.js";
export { CODEOWNERS_PATHS } from "../schema/default-paths.js";

export interface CodeownersRule {
  /** The pattern as written. */
  pattern: string;
  /** `@user`, `@org/team` or an email, as written. Empty: the path has no owner. */
  owners: string[];
  /** 1-based line in the file. */
  line: number;
  matches: (path: string) => boolean;
}

export interface CodeownersFile {
  file: string;
  rules: CodeownersRule[];
  problems: { line: number; message: string }[];
}

const OWNER = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

export function parseCodeowners(text: string, file: string): CodeownersFile {
  const rules: CodeownersRule[] = [];
  const problems: CodeownersFile["problems"] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw).trim();
    if (content === "" || /^\^?\[[^\]]*\](?:\[\d+\])?(?:\s|$)/.test(content)) {
      // Blank, comment, or a GitLab-style section header that GitHub does not know.
      return;
    }
    const [rawPattern = "", ...owners] = content.split(/\s+/);
    const pattern = rawPattern.replaceAll("\\#", "#");
    if (pattern.startsWith("!")) {
      problems.push({ line, message: `negation "${pattern}" is not supported in CODEOWNERS; GitHub ignores this line` });
      return;
    }
    if (/\[[^\]]*\]/.test(pattern)) {
      problems.push({ line, message: `character ranges "${pattern}" are not supported in CODEOWNERS; GitHub ignores this line` });
      return;
    }
    const badOwner = owners.find((owner) => !OWNER.test(owner));
    if (badOwner !== undefined) {
      problems.push({ line, message: `"${badOwner}" is not a @user, @org/team or email; GitHub ignores this line` });
      return;
    }
    let matches: (path: string) => boolean;
    try {
      matches = compilePattern(pattern);
    } catch (error) {
      problems.push({
        line,
        message: `"${pattern}" cannot be used: ${error instanceof Error ? error.message : String(error)}; Custody ignores this line`,
      });
      return;
    }
    rules.push({ pattern, owners, line, matches });
  });
  return { file, rules, problems };
}

function stripComment(line: string): string {
  // `#` starts a comment unless escaped as `\#`.
  for (let index = 0; index < line.length; index++) {
    if (line[index] === "#" && (index === 0 || line[index - 1] !== "\\")) {
      return line.slice(0, index);
    }
  }
  return line;
}

/**
 * gitignore semantics: a leading or inner `/` anchors the pattern at the root, otherwise it
 * matches at any depth; a trailing `/` matches only a directory (so everything below it); a
 * pattern naming a directory also owns everything inside it (unless its last segment is a wildcard).
 */
function compilePattern(pattern: string): (path: string) => boolean {
  let body = pattern;
  const directoryOnly = body.endsWith("/");
  body = body.replace(/\/+$/, "");
  const anchored = body.startsWith("/") || body.includes("/");
  body = body.replace(/^\/+/, "");
  if (body === "" || body === "*" || body === "**") {
    return () => true;
  }
  const base = anchored || body.startsWith("**/") ? body : `**/${body}`;
  // `docs/*` owns only the files directly in docs/ (GitHub's documented example), so a pattern
  // whose last segment has a wildcard is not extended to the directory's contents.
  const lastSegment = base.slice(base.lastIndexOf("/") + 1);
  const globs = directoryOnly ? [`${base}/**`] : lastSegment.includes("*") ? [base] : [base, `${base}/**`];
  // gitignore syntax has no braces, groups or alternation: those characters are literal there.
  const compiled = globs.map((glob) => compileGlob(glob.replace(/[{}()|]/g, (char) => `\\${char}`)));
  return (path) => compiled.some((entry) => entry.test(path));
}

/** The owners of a path: the last matching rule's owners, or `undefined` when no rule matches. */
export function ownersOf(codeowners: CodeownersFile, path: string): { owners: string[]; rule: CodeownersRule } | undefined {
  for (let index = codeowners.rules.length - 1; index >= 0; index--) {
    const rule = codeowners.rules[index];
    if (rule?.matches(path) === true) {
      return { owners: rule.owners, rule };
    }
  }
  return undefined;
}
