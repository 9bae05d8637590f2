/**
 * The one parse entry point of the code detector: JavaScript, TypeScript, JSX and TSX through
 * oxc-parser into an ESTree-compatible AST (with `range`, which eslint-scope needs), plus a
 * line index to turn offsets into 1-based line/column. Parse failures and minified files come
 * back as a typed failure, never as an exception, so one bad file cannot stop the analysis.
 */
import { parseSync } from "oxc-parser";
import type { EcmaScriptModule, Program } from "oxc-parser";

interface ParseProblem {
  message: string;
  line?: number;
  column?: number;
}

export type ParseOutcome =
  /** `recovered`: the parser reported an error but still built a tree (e.g. `await` outside
   * an async function); the tree is analysed and the error reported as info. */
  | { ok: true; program: Program; lines: LineIndex; recovered?: ParseProblem; specifiers: string[] }
  | { ok: false; reason: "syntax" | "minified"; message: string; line?: number; column?: number };

const JS_TS_EXTENSION = /\.(?:[cm]?[jt]sx?)$/i;

/** True for paths the code detector parses (declaration files carry no runtime flows). */
export function isAnalysableScript(path: string): boolean {
  return JS_TS_EXTENSION.test(path) && !/\.d\.[cm]?ts$/i.test(path);
}

function langOf(path: string): "js" | "jsx" | "ts" | "tsx" {
  const lower = path.toLowerCase();
  if (lower.endsWith(".tsx")) {
    return "tsx";
  }
  if (/\.[cm]?ts$/.test(lower)) {
    return "ts";
  }
  // Plain .js files in React projects routinely contain JSX; the JSX grammar is a superset.
  return "jsx";
}

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        this.starts.push(i + 1);
      }
    }
  }
  /** 1-based line and column of a UTF-16 offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

/** Minified bundles: few, very long lines. Analysing them yields noise at unreadable positions. */
function looksMinified(text: string): boolean {
  if (text.length < 2_000) {
    return false;
  }
  let lines = 1;
  let longest = 0;
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      lines++;
      current = 0;
    } else if (++current > longest) {
      longest = current;
    }
  }
  return longest > 1_000 && text.length / lines > 300;
}

export function parseModule(path: string, text: string): ParseOutcome {
  if (looksMinified(text)) {
    return { ok: false, reason: "minified", message: "the file looks minified (very long lines); it was not analysed" };
  }
  const lang = langOf(path);
  const lower = path.toLowerCase();
  const sourceType = lower.endsWith(".cjs") || lower.endsWith(".cts") ? "commonjs" : "unambiguous";
  let result = parseSync(path, text, { lang, sourceType, range: true, preserveParens: false });
  if (result.errors.length > 0 && lang === "jsx") {
    // Flow-typed or TypeScript-in-.js files: retry once with the TypeScript grammar.
    const retry = parseSync(path, text, { lang: "tsx", sourceType, range: true, preserveParens: false });
    if (retry.errors.length === 0) {
      result = retry;
    }
  }
  const lines = new LineIndex(text);
  const specifiers = relativeSpecifiersOf(result.module, text);
  // Only errors stop the analysis; warnings and advice from the parser are not ours to report.
  const first = result.errors.find((error) => (error.severity as string) === "Error");
  if (first !== undefined) {
    const label = first.labels[0];
    const at = label === undefined ? undefined : lines.position(label.start);
    if (result.program.body.length > 0) {
      return {
        ok: true,
        program: result.program,
        lines,
        specifiers,
        recovered: { message: first.message, line: at?.line, column: at?.column },
      };
    }
    return { ok: false, reason: "syntax", message: first.message, line: at?.line, column: at?.column };
  }
  return { ok: true, program: result.program, lines, specifiers };
}

/** A CommonJS `require("./x")` or dynamic `import("./x")` with a literal relative path. */
const REQUIRE_CALL = /\b(?:require|import)\s*\(\s*(['"])(\.{1,2}\/[^'"\n]*)\1\s*\)/g;

/**
 * Relative specifiers from the parser's module record (imports and re-exports) plus literal
 * `require`/`import()` calls: enough to know which files the import resolver must see.
 */
function relativeSpecifiersOf(module: EcmaScriptModule, text: string): string[] {
  const found = new Set<string>();
  const add = (value: string | undefined): void => {
    if (value !== undefined && (value.startsWith("./") || value.startsWith("../"))) {
      found.add(value);
    }
  };
  for (const entry of module.staticImports) {
    add(entry.moduleRequest.value);
  }
  for (const statement of module.staticExports) {
    for (const entry of statement.entries) {
      add(entry.moduleRequest?.value);
    }
  }
  for (const match of text.matchAll(REQUIRE_CALL)) {
    add(match[2]);
  }
  return [...found];
}
