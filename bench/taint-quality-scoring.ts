/**
 * Scoring shared by the taint quality benchmarks (bench/taint-quality.ts on the Semgrep cases
 * the analysis was tuned on, bench/taint-quality-heldout.ts on cases it never saw): reading the
 * labels other projects put in their test files, running custody's taint rules and
 * eslint-plugin-security over a file, and counting found positives and flagged negatives.
 *
 * Two annotation formats are read, each as its project's own test runner reads it:
 * - semgrep: `// ruleid: <rule>` / `// ok: <rule>` label the next line that is code (`todo…`
 *   annotations are Semgrep's own known misses and are not scored);
 * - codeql (inline expectations): a `// $ Alert` or `// $ Alert[query-id]` comment labels its own
 *   line positive, as do the older `// NOT OK` / `// BAD`; `// OK` / `// GOOD` label their line
 *   negative; `$ MISSING: Alert` and `$ SPURIOUS: Alert` (CodeQL's own known misses and false
 *   alarms) are not scored; `$ Source` / `$ Sink` lines are neither, but a tool that reports one of
 *   them is not making an unexpected alert.
 * Both test runners also fail on an alert at a line nobody annotated, so besides flagged negative
 * lines we count "unexpected" alerts: distinct sink lines of the file's classes that carry no label
 * and whose flow passes through no label either.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { analyzeFiles } from "../src/detect/code/analyze-files.js";
import { codeOptionsSchema } from "../src/detect/code/options.js";

export type AnnotationFormat = "semgrep" | "codeql";

export interface Label {
  line: number;
  kind: "ruleid" | "ok";
  vulnClass: string;
}

export interface LabelledFile {
  labels: Label[];
  /** Lines a tool may report without it being an unexpected alert (unscored or source/sink marks). */
  neutralLines: Set<number>;
}

export interface Hit {
  vulnClass: string;
  /** Lines the tool ties to the report: sink, source, steps (ours) or the message line (eslint). */
  lines: number[];
  sinkLine: number;
  /** Last line of the sink expression (a call spread over lines; CodeQL labels where it ends). */
  sinkEndLine: number;
}

export interface Score {
  positives: number;
  found: number;
  oks: number;
  falsePositives: number;
  /** Distinct sink lines of the file's classes reported where no label (nor a neutral mark) is. */
  unexpected: number;
}

export const emptyScore = (): Score => ({ positives: 0, found: 0, oks: 0, falsePositives: 0, unexpected: 0 });

export function addScore(total: Score, part: Score): void {
  total.positives += part.positives;
  total.found += part.found;
  total.oks += part.oks;
  total.falsePositives += part.falsePositives;
  total.unexpected += part.unexpected;
}

function semgrepLabels(lines: string[], rules: Record<string, string>): LabelledFile {
  const labels: Label[] = [];
  const neutralLines = new Set<number>();
  lines.forEach((line, index) => {
    const match = /^\s*\/\/\s*(ruleid|ok|todo\w*)\s*:\s*([\w-]+)/.exec(line);
    if (!match) {
      return;
    }
    // The annotation applies to the next line that is code, not another comment.
    let target = index + 1;
    while (target < lines.length && /^\s*(\/\/.*)?$/.test(lines[target] ?? "")) {
      target++;
    }
    const vulnClass = rules[match[2] ?? ""];
    if (vulnClass === undefined || match[1]?.startsWith("todo") === true) {
      neutralLines.add(target + 1);
      return;
    }
    labels.push({ line: target + 1, kind: match[1] as "ruleid" | "ok", vulnClass });
  });
  return { labels, neutralLines };
}

function codeqlLabels(lines: string[], rules: Record<string, string>): LabelledFile {
  const classes = [...new Set(Object.values(rules))];
  const labels: Label[] = [];
  const neutralLines = new Set<number>();
  lines.forEach((line, index) => {
    // The first `//` that starts an annotation, so a URL inside a string ("http://…") is skipped.
    const comment = /\/\/(\s*(?:\$.*|(?:NOT OK|BAD|OK|GOOD)\b.*))$/.exec(line)?.[1];
    if (comment === undefined) {
      return;
    }
    const lineNo = index + 1;
    const expectation = /^\s*\$\s*(.*)$/.exec(comment)?.[1];
    if (expectation !== undefined) {
      if (/^(MISSING|SPURIOUS|TODO-SPURIOUS|TODO-MISSING)\s*:/.test(expectation) || /^(Source|Sink)\b/.test(expectation)) {
        neutralLines.add(lineNo);
        return;
      }
      const alert = /^Alert(?:\[([\w/-]+)\])?/.exec(expectation);
      if (!alert) {
        return;
      }
      const vulnClass = alert[1] === undefined ? (classes.length === 1 ? classes[0] : undefined) : rules[alert[1]];
      if (vulnClass === undefined) {
        neutralLines.add(lineNo);
        return;
      }
      labels.push({ line: lineNo, kind: "ruleid", vulnClass });
      return;
    }
    if (classes.length !== 1 || classes[0] === undefined) {
      return;
    }
    if (/^\s*(NOT OK|BAD)\b/.test(comment)) {
      labels.push({ line: lineNo, kind: "ruleid", vulnClass: classes[0] });
    } else if (/^\s*(OK|GOOD)\b/.test(comment)) {
      labels.push({ line: lineNo, kind: "ok", vulnClass: classes[0] });
    }
  });
  return { labels, neutralLines };
}

export function readLabels(text: string, format: AnnotationFormat, rules: Record<string, string>): LabelledFile {
  const lines = text.split("\n");
  return format === "semgrep" ? semgrepLabels(lines, rules) : codeqlLabels(lines, rules);
}

/** Custody's taint findings for one file, plus whether it could parse it. */
export function ours(path: string, text: string): { hits: Hit[]; parseError: boolean } {
  const findings = analyzeFiles([{ path, text }], codeOptionsSchema.parse({}));
  return {
    parseError: findings.some((finding) => finding.ruleId.includes("parse")),
    hits: findings
      .filter((finding) => finding.ruleId.startsWith("taint/"))
      .map((finding) => ({
        vulnClass: finding.ruleId.slice("taint/".length),
        sinkLine: finding.location?.startLine ?? 0,
        sinkEndLine: finding.location?.endLine ?? finding.location?.startLine ?? 0,
        lines: (finding.flows?.[0] ?? []).map((step) => step.location.startLine ?? 0),
      })),
  };
}

/** eslint-plugin-security rules that correspond to one of custody's classes. */
export const ESLINT_SECURITY_CLASSES: Record<string, string> = {
  "security/detect-non-literal-fs-filename": "path-traversal",
  "security/detect-child-process": "command-injection",
  "security/detect-eval-with-expression": "code-injection",
  "security/detect-non-literal-require": "code-injection",
  "security/detect-object-injection": "prototype-pollution",
};

interface LintMessage {
  ruleId: string | null;
  line: number;
  fatal?: boolean;
}
export interface EslintApi {
  lintText(text: string, options: { filePath: string }): Promise<{ messages: LintMessage[] }[]>;
}

export const ESLINT_SECURITY_DIR = "/tmp/eps";

/** ESLint with eslint-plugin-security's recommended config, from outside the repository, or why not. */
export function loadEslintSecurity(repoRoot: string): EslintApi | string {
  if (!existsSync(join(ESLINT_SECURITY_DIR, "node_modules/eslint-plugin-security"))) {
    return `not installed (mkdir -p ${ESLINT_SECURITY_DIR} && cd ${ESLINT_SECURITY_DIR} && npm install --no-save eslint eslint-plugin-security)`;
  }
  const requireFromEps = createRequire(join(ESLINT_SECURITY_DIR, "package.json"));
  const requireFromRepo = createRequire(join(repoRoot, "package.json"));
  const { ESLint } = requireFromEps("eslint") as { ESLint: new (options: object) => EslintApi };
  const security = requireFromEps("eslint-plugin-security") as { configs: { recommended: object } };
  const tsParser = requireFromRepo("@typescript-eslint/parser") as object;
  return new ESLint({
    cwd: ESLINT_SECURITY_DIR,
    overrideConfigFile: true,
    overrideConfig: [
      security.configs.recommended,
      { files: ["**/*.{js,jsx,ts,tsx}"], languageOptions: { parser: tsParser, sourceType: "module", ecmaVersion: "latest" } },
    ],
  });
}

/** eslint-plugin-security's messages mapped to classes, plus whether ESLint could parse the file. */
export async function theirs(eslint: EslintApi, path: string, text: string): Promise<{ hits: Hit[]; parseError: boolean }> {
  const [result] = await eslint.lintText(text, { filePath: join(ESLINT_SECURITY_DIR, path.split("/").pop() ?? "case.js") });
  const messages = result?.messages ?? [];
  return {
    parseError: messages.some((message) => message.fatal === true),
    hits: messages.flatMap((message) => {
      const vulnClass = message.ruleId === null ? undefined : ESLINT_SECURITY_CLASSES[message.ruleId];
      return vulnClass === undefined ? [] : [{ vulnClass, sinkLine: message.line, sinkEndLine: message.line, lines: [message.line] }];
    }),
  };
}

const sinkCovers = (hit: Hit, line: number): boolean => hit.sinkLine <= line && line <= hit.sinkEndLine;
const touches = (hit: Hit, line: number): boolean => sinkCovers(hit, line) || hit.lines.includes(line);

/**
 * A positive label counts as found when a hit of its class has its sink (any line of the sink
 * expression), source or a step on that line. A negative label is flagged the same way — Semgrep
 * labels the line where a string is built, the sink may follow — unless that hit's sink is on a
 * positive label, where it is answering that one.
 */
export function score(file: LabelledFile, hits: Hit[], classes: ReadonlySet<string>): Score {
  const result = emptyScore();
  const positiveLines = file.labels.filter((label) => label.kind === "ruleid").map((label) => label.line);
  const onPositive = (hit: Hit): boolean => positiveLines.some((line) => sinkCovers(hit, line));
  for (const label of file.labels) {
    const mine = hits.filter((hit) => hit.vulnClass === label.vulnClass);
    if (label.kind === "ruleid") {
      result.positives++;
      if (mine.some((hit) => touches(hit, label.line))) {
        result.found++;
      }
    } else {
      result.oks++;
      if (mine.some((hit) => touches(hit, label.line) && !onPositive(hit))) {
        result.falsePositives++;
      }
    }
  }
  // Unexpected: the hit touches no label at all and its sink is on no neutral line.
  const unexpected = new Set(
    hits
      .filter((hit) => classes.has(hit.vulnClass))
      .filter((hit) => !file.labels.some((label) => touches(hit, label.line)))
      .filter((hit) => ![...file.neutralLines].some((line) => sinkCovers(hit, line)))
      .map((hit) => hit.sinkLine),
  );
  result.unexpected = unexpected.size;
  return result;
}

export const pct = (a: number, b: number): string => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(0)}%`);

/** Counts one tool's table row needs; `unexpected` (alerts on unlabelled sink lines) counts against precision where scored. */
export interface ClassCounts {
  positives: number;
  found: number;
  falsePositives: number;
  unexpected?: number;
}

/** Recall and precision per vulnerability class, both tools side by side. */
export function classTable(rows: ReadonlyMap<string, { ours: ClassCounts; theirs?: ClassCounts }>): string[] {
  const cell = (c: ClassCounts | undefined): string => {
    if (c === undefined) {
      return "-".padEnd(30);
    }
    const wrong = c.falsePositives + (c.unexpected ?? 0);
    return `R ${`${String(c.found)}/${String(c.positives)}`.padEnd(6)} ${pct(c.found, c.positives).padStart(4)}  P ${pct(c.found, c.found + wrong).padStart(4)} (${String(wrong)} wrong)`.padEnd(
      30,
    );
  };
  const out = [`${"class".padEnd(18)} | ${"custody".padEnd(30)} | eslint-plugin-security`];
  for (const [vulnClass, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`${vulnClass.padEnd(18)} | ${cell(row.ours)} | ${cell(row.theirs)}`);
  }
  return out;
}
