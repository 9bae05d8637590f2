/**
 * Writes src/detect/secrets/rules/gitleaks-port.ts: every rule of gitleaks' default config that
 * Custody's own rules miss on a sample generated from that rule's regex (see
 * secrets-coverage.ts), translated to a JavaScript regex literal with gitleaks' keywords and
 * entropy floor, plus generated samples written as `sampleSecret` calls (no key in clear):
 * a true positive built from the regex, and a false positive that cuts the secret short (or,
 * when the regex takes any length, makes it a placeholder). Every emitted sample is checked
 * against the translated regex before it is written, and the meta-test replays them.
 *
 * Rules handled by hand in the native table are left out (HAND_WRITTEN). Re-run after a
 * gitleaks upgrade:
 *   npx tsx bench/secrets-port-gitleaks.ts [--gitleaks-dir /tmp/gitleaks-bench]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { GITLEAKS_PORTED_RULES } from "../src/detect/secrets/rules/gitleaks-port.js";
import { SECRET_RULES } from "../src/detect/secrets/rules/index.js";
import * as alphabets from "../src/detect/secrets/sample-secret.js";
import { sampleSecret } from "../src/detect/secrets/sample-secret.js";
import { createSecretScanner } from "../src/detect/secrets/scan-text.js";
import { shannonEntropy } from "../src/detect/secrets/shannon-entropy.js";
import { goRegexToJs, readGitleaksConfig, sampleSegments, type GitleaksRule, type Segment } from "./secrets-gitleaks-rules.js";

const args = process.argv.slice(2);
const dirFlag = args.indexOf("--gitleaks-dir");
const gitleaksDir = dirFlag === -1 ? "/tmp/gitleaks-bench" : (args[dirFlag + 1] ?? "");
const { rules } = readGitleaksConfig(join(gitleaksDir, "node_modules", "@0xts", "gitleaks-cli", "wasm", "gitleaks.wasm"));

/** Formats whose gitleaks regex is looser than a native rule written for them (or needs files, not lines). */
const HAND_WRITTEN = new Set(["generic-api-key", "private-key", "kubernetes-secret-yaml", "pkcs12-file", "jwt"]);

const NAMED_ALPHABETS: [string, string][] = Object.entries(alphabets).filter(
  (entry): entry is [string, string] => typeof entry[1] === "string",
);

const usedAlphabets = new Set<string>();

interface Emitted {
  text: string;
  code: string;
}

/** Renders segments through sampleSecret exactly as the emitted code will at load time. */
function emit(segments: readonly Segment[], seedBase: string): Emitted {
  let text = "";
  let code = "";
  segments.forEach((segment, index) => {
    if ("literal" in segment) {
      text += segment.literal;
      code += segment.literal
        .replace(/[\\`]/g, "\\$&")
        .replace(/\$\{/g, "\\${")
        .replace(/\t/g, "\\t")
        .replace(/\n/g, "\\n")
        .replace(/\r/g, "\\r");
      return;
    }
    const seed = `${seedBase}-${String(index)}`;
    text += sampleSecret(segment.alphabet, segment.length, seed);
    const named = NAMED_ALPHABETS.find(([, value]) => value === segment.alphabet)?.[0];
    if (named !== undefined) {
      usedAlphabets.add(named);
    }
    code += `\${s(${named ?? JSON.stringify(segment.alphabet)}, ${String(segment.length)}, ${JSON.stringify(seed)})}`;
  });
  return { text, code };
}

function secretOf(match: RegExpExecArray, rule: GitleaksRule): string {
  return (
    (rule.secretGroup !== undefined
      ? match[rule.secretGroup]
      : (match.slice(1) as (string | undefined)[]).find((g) => g !== undefined && g !== "")) ?? match[0]
  );
}

function accepted(regex: RegExp, rule: GitleaksRule, text: string): boolean {
  const match = new RegExp(regex.source, regex.flags).exec(text);
  if (match === null) {
    return false;
  }
  return rule.entropy === undefined || shannonEntropy(secretOf(match, rule)) >= rule.entropy;
}

function withKeyword(rule: GitleaksRule, emitted: Emitted): Emitted {
  const keyword = rule.keywords[0];
  if (keyword === undefined || rule.keywords.some((k) => emitted.text.toLowerCase().includes(k.toLowerCase()))) {
    return emitted;
  }
  return { text: `${keyword}: ${emitted.text}`, code: `${keyword}: ${emitted.code}` };
}

/** The longest random run cut to half its length, else made a run of `x`. */
function falsePositive(segments: readonly Segment[], regex: RegExp, rule: GitleaksRule, seedBase: string): Emitted | undefined {
  const runs = segments.map((segment, index) => ({ segment, index })).filter((entry) => "alphabet" in entry.segment);
  runs.sort((a, b) => ("length" in b.segment ? b.segment.length : 0) - ("length" in a.segment ? a.segment.length : 0));
  const longest = runs[0];
  if (longest === undefined || !("length" in longest.segment)) {
    return undefined;
  }
  const { segment, index } = longest;
  const shorter = segments.map((s, i) => (i === index ? { alphabet: segment.alphabet, length: Math.floor(segment.length / 2) } : s));
  const cut = withKeyword(rule, emit(shorter, `${seedBase}-fp`));
  if (!accepted(regex, rule, cut.text)) {
    return cut;
  }
  const placeholder = segments.map((s, i) => (i === index ? { literal: "x".repeat(segment.length) } : s));
  const blank = withKeyword(rule, emit(placeholder, `${seedBase}-fp`));
  return accepted(regex, rule, blank.text) && !/xxxx/.test(blank.text) ? undefined : blank;
}

/** gitleaks' sentence ("Identified a Foo API key, which could …") as "Foo API key: could …". */
function describe(sentence: string): string {
  const plain = sentence
    .replace(
      /^(?:Identified|Detected|Discovered|Found|Uncovered|Potential|Possible|Pattern that resembles)\s+(?:(?:a|an|the)\s+)?(?:pattern that (?:may indicate|resembles)\s+(?:an?\s+)?)?(?:potential\s+)?/i,
      "",
    )
    .replace(/^\w/, (c) => c.toUpperCase());
  const comma = plain.indexOf(", ");
  if (comma === -1) {
    return plain;
  }
  const rest = plain
    .slice(comma + 2)
    .replace(/^(?:which|that)\s+/i, "")
    .replace(/^(?:,\s*)?if exposed,\s*/i, "");
  return `${plain.slice(0, comma)}: ${rest}`;
}

const ported = new Set(GITLEAKS_PORTED_RULES.map((rule) => rule.meta.id));
const nativeIds = new Set(SECRET_RULES.map((rule) => rule.meta.id).filter((id) => !ported.has(id)));
const native = createSecretScanner({ rules: Object.fromEntries([...ported].map((id) => [id, { enabled: false }])) });

const out: string[] = [];
const skipped: string[] = [];
for (const rule of rules) {
  if (rule.regex === undefined || HAND_WRITTEN.has(rule.id)) {
    continue;
  }
  const js = goRegexToJs(rule.regex);
  const regex = new RegExp(js.source, js.flags);
  let chosen: { tp: Emitted; fp: Emitted } | undefined;
  for (let variant = 0; variant < 40 && chosen === undefined; variant++) {
    const segments = sampleSegments(js.source, js.flags, variant);
    const seedBase = `gl-${rule.id}-${String(variant)}`;
    const tp = withKeyword(rule, emit(segments, seedBase));
    if (!accepted(regex, rule, tp.text)) {
      continue;
    }
    const fp = falsePositive(segments, regex, rule, seedBase);
    if (fp !== undefined) {
      chosen = { tp, fp };
    }
  }
  if (chosen === undefined) {
    skipped.push(rule.id);
    continue;
  }
  if (native.scan(chosen.tp.text, "sample.txt").length > 0) {
    continue; // a native rule already finds this format
  }
  const id = nativeIds.has(`secret/${rule.id}`) ? `${rule.id}-gitleaks` : rule.id;
  const lines = [
    "  defineRule({",
    `    id: ${JSON.stringify(id)},`,
    `    description: ${JSON.stringify(describe(rule.description))},`,
    `    keywords: ${JSON.stringify(rule.keywords.map((k) => k.toLowerCase()))},`,
    `    regex: /${js.source}/${js.flags},`,
  ];
  const groups = new RegExp(`${js.source}|`).exec("")?.length ?? 1;
  if (rule.secretGroup !== undefined) {
    lines.push(`    secretGroup: ${String(rule.secretGroup)},`);
  } else if (groups - 1 === 0) {
    lines.push("    secretGroup: 0,");
  } else if (groups - 1 > 1) {
    lines.push("    secretGroup: FIRST_NON_EMPTY_GROUP,");
  }
  if (rule.entropy !== undefined) {
    lines.push(`    entropy: ${String(rule.entropy)},`);
  }
  if (rule.path !== undefined) {
    const pathRegex = goRegexToJs(rule.path);
    const samplePath = emit(sampleSegments(pathRegex.source, pathRegex.flags, 0), `${rule.id}-path`).text.replace(/^\//, "");
    lines.push(`    path: /${pathRegex.source}/${pathRegex.flags},`, `    samplePath: ${JSON.stringify(samplePath)},`);
  }
  lines.push(`    truePositives: [\`${chosen.tp.code}\`],`, `    falsePositives: [\`${chosen.fp.code}\`],`, "  }),");
  out.push(lines.join("\n"));
}

const file = `/**
 * Rules ported from gitleaks' default configuration (gitleaks v8.28.0, config/gitleaks.toml,
 * MIT licence): the formats Custody's hand-written rules did not already find. GENERATED by
 * bench/secrets-port-gitleaks.ts — edit that script, not this file. Regexes are gitleaks' own,
 * translated from RE2 to JavaScript (case-insensitive scopes expanded); keywords and entropy
 * floors are gitleaks' too. Samples are generated at load time (no key is written here).
 */
/* eslint-disable no-useless-escape -- gitleaks' regexes are kept as gitleaks writes them */
import { ${[...usedAlphabets]
  .sort()
  .map((name) => `${name}, `)
  .join("")}sampleSecret as s } from "../sample-secret.js";
${out.some((rule) => rule.includes("FIRST_NON_EMPTY_GROUP")) ? 'import { FIRST_NON_EMPTY_GROUP } from "../secret-rule.js";\n' : ""}import { defineRule } from "./define-rule.js";

export const GITLEAKS_PORTED_RULES = [
${out.join("\n")}
];
`;
writeFileSync(join(import.meta.dirname, "..", "src", "detect", "secrets", "rules", "gitleaks-port.ts"), file);
console.log(`ported ${String(out.length)} rules${skipped.length > 0 ? `; no sample for ${skipped.join(", ")}` : ""}`);
