/**
 * Held-out recall and false positives of the secrets scanner: Yelp/detect-secrets' published
 * plugin-test samples (bench/__fixtures__/detect-secrets-labelled-cases.json; its SOURCE note
 * names repo@commit:path and licence of each case). Unlike the gitleaks set of
 * secrets-quality.ts, the rules in src/detect/secrets were never tuned on these cases, so this is
 * the figure to quote; do not tune the rules on it (add newer held-out cases instead).
 * secretlint (recommended preset, installed outside the repository; default
 * /tmp/secretlint-bench) runs on the same cases in the same run. Each case is scanned alone under
 * the file name its source test used (detect-secrets treats `.py`/`.js`/`.go` differently), and
 * counts as detected when the tool reports anything. Only counts print, never a case's text.
 *
 *   mkdir -p /tmp/secretlint-bench && cd /tmp/secretlint-bench && \
 *     flock /tmp/custody-npm.lock npm install --no-save secretlint @secretlint/secretlint-rule-preset-recommend
 *   npx tsx bench/secrets-quality-heldout.ts [--secretlint-dir /tmp/secretlint-bench]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { scanText } from "../src/detect/secrets/scan-text.js";

const fixture = z
  .object({
    SOURCE: z.string(),
    cases: z.array(
      z.object({
        source: z.string(),
        label: z.enum(["secret", "clean"]),
        fileName: z.string().regex(/^case\.[a-z]+$/),
        text: z.string(),
      }),
    ),
  })
  .parse(JSON.parse(readFileSync(join(import.meta.dirname, "__fixtures__", "detect-secrets-labelled-cases.json"), "utf8")));
const cases = fixture.cases;

const args = process.argv.slice(2);
const dirFlag = args.indexOf("--secretlint-dir");
const secretlintDir = dirFlag === -1 ? "/tmp/secretlint-bench" : (args[dirFlag + 1] ?? "");

/** The detect-secrets plugin a case's test file exercises, e.g. "gitlab_token". */
function category(source: string): string {
  return (source.split("/").at(-1) ?? source).replace(/_test\.py$/, "");
}

function rate(part: number, whole: number): string {
  return whole === 0 ? "  n/a" : `${((100 * part) / whole).toFixed(1)}%`;
}

function summary(name: string, detected: readonly boolean[]): void {
  const secrets = cases.flatMap((c, i) => (c.label === "secret" ? [detected[i] === true] : []));
  const cleans = cases.flatMap((c, i) => (c.label === "clean" ? [detected[i] === true] : []));
  const found = secrets.filter(Boolean).length;
  const flagged = cleans.filter(Boolean).length;
  console.log(
    `${name.padEnd(34)} recall ${String(found)}/${String(secrets.length)} = ${rate(found, secrets.length)}   ` +
      `false positives ${String(flagged)}/${String(cleans.length)} = ${rate(flagged, cleans.length)}`,
  );
}

function runSecretlint(): { version: string; detected: boolean[] } | string {
  const bin = join(secretlintDir, "node_modules", ".bin", "secretlint");
  if (!existsSync(bin)) {
    return `not installed at ${secretlintDir} (see the header of this file); skipped`;
  }
  const casesDir = join(secretlintDir, "heldout-cases");
  rmSync(casesDir, { recursive: true, force: true });
  cases.forEach((testCase, index) => {
    mkdirSync(join(casesDir, String(index)), { recursive: true });
    writeFileSync(join(casesDir, String(index), testCase.fileName), testCase.text);
  });
  writeFileSync(
    join(secretlintDir, ".secretlintrc.json"),
    JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }),
  );
  const run = spawnSync(bin, ["heldout-cases/**/*", "--format", "json", "--maskSecrets", "--secretlintrc", ".secretlintrc.json"], {
    cwd: secretlintDir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = z.array(z.object({ filePath: z.string(), messages: z.array(z.unknown()) })).safeParse(JSON.parse(run.stdout || "[]"));
  if (!report.success) {
    return `unexpected output (exit ${String(run.status)}); skipped`;
  }
  const hits = new Set(report.data.filter((r) => r.messages.length > 0).map((r) => /heldout-cases\/(\d+)\//.exec(r.filePath)?.[1]));
  const version = spawnSync(bin, ["--version"], { cwd: secretlintDir, encoding: "utf8" }).stdout.trim();
  return { version, detected: cases.map((_, index) => hits.has(String(index))) };
}

const categories = [...new Set(cases.map((c) => category(c.source)))];
const secretCount = cases.filter((c) => c.label === "secret").length;
console.log(
  `held-out cases: ${String(cases.length)} (${String(secretCount)} secret, ${String(cases.length - secretCount)} clean) ` +
    `from ${String(categories.length)} detect-secrets plugin tests; the rules were not tuned on them`,
);

const custody = cases.map((testCase) => scanText(testCase.text, testCase.fileName).length > 0);
const secretlint = runSecretlint();
summary("custody", custody);
if (typeof secretlint === "string") {
  console.log(`secretlint: ${secretlint}`);
} else {
  summary(`secretlint ${secretlint.version} (recommended)`, secretlint.detected);
}

console.log(
  `  ${"plugin".padEnd(22)} ${"custody found".padStart(13)} ${"flagged".padStart(8)}   ${"secretlint found".padStart(16)} ${"flagged".padStart(8)}`,
);
for (const name of categories) {
  const indices = cases.flatMap((c, i) => (category(c.source) === name ? [i] : []));
  const secrets = indices.filter((i) => cases[i]?.label === "secret");
  const cleans = indices.filter((i) => cases[i]?.label === "clean");
  const cell = (detected: readonly boolean[], among: readonly number[]): string =>
    `${String(among.filter((i) => detected[i] === true).length)}/${String(among.length)}`;
  const other = typeof secretlint === "string" ? null : secretlint.detected;
  console.log(
    `  ${name.padEnd(22)} ${cell(custody, secrets).padStart(13)} ${cell(custody, cleans).padStart(8)}   ` +
      `${(other === null ? "-" : cell(other, secrets)).padStart(16)} ${(other === null ? "-" : cell(other, cleans)).padStart(8)}`,
  );
}
