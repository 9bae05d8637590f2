/**
 * Held-out detection quality of the taint rules: labelled cases written by others that the
 * analysis was never tuned on (bench/taint-quality.sources.json is the tuning set; this one is
 * bench/taint-quality-heldout.sources.json — Semgrep rule tests for other Express rules and
 * CodeQL's JavaScript query tests, read as each project's test runner reads them, see
 * bench/taint-quality-scoring.ts). The files are read from bench/.work/heldout/<repo>/<path>
 * (git-ignored). In the same run, eslint-plugin-security (installed outside the repository in
 * /tmp/eps) is scored on the same lines through its rules that correspond to a class. Prints,
 * per file and in total: positives found, negative lines flagged, and unexpected alerts (sink
 * lines of the file's classes that carry no label — both test runners count those as failures).
 *
 *   mkdir -p /tmp/eps && cd /tmp/eps && npm install --no-save eslint eslint-plugin-security
 *   npx tsx bench/taint-quality-heldout.ts
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Score } from "./taint-quality-scoring.js";
import { addScore, classTable, emptyScore, loadEslintSecurity, ours, pct, readLabels, score, theirs } from "./taint-quality-scoring.js";

const root = join(import.meta.dirname, "..");
const manifest = z
  .object({
    SOURCE: z.string(),
    files: z.array(
      z.object({
        repo: z.string(),
        path: z.string(),
        commit: z.string().regex(/^[0-9a-f]{40}$/),
        format: z.enum(["semgrep", "codeql"]),
        rules: z.record(z.string(), z.string()),
      }),
    ),
  })
  .parse(JSON.parse(readFileSync(join(root, "bench/taint-quality-heldout.sources.json"), "utf8")));
const casesDir = join(root, "bench/.work/heldout");

const eslintSecurity = loadEslintSecurity(root);
const totals = { ours: emptyScore(), theirs: emptyScore() };
const byClass = new Map<string, { ours: Score; theirs: Score }>();
let missingFiles = 0;
let labelledLines = 0;
const cell = (s: Score | undefined, parseError: boolean): string =>
  s === undefined
    ? "-"
    : `${String(s.found)}/${String(s.positives)} found, ${String(s.falsePositives)}/${String(s.oks)} ok flagged, ${String(s.unexpected)} unexpected${parseError ? " (PARSE ERROR)" : ""}`;

console.log(
  `held-out labelled cases: ${String(manifest.files.length)} files from ${[...new Set(manifest.files.map((f) => f.repo))].join(", ")}; tools: custody taint rules vs eslint-plugin-security`,
);
console.log("file | class | custody | eslint-plugin-security");
for (const file of manifest.files) {
  const path = join(casesDir, file.repo, file.path);
  if (!existsSync(path)) {
    missingFiles++;
    console.log(`${file.path}: missing — save ${file.repo}@${file.commit}:${file.path} to bench/.work/heldout/${file.repo}/${file.path}`);
    continue;
  }
  const text = readFileSync(path, "utf8");
  const labelled = readLabels(text, file.format, file.rules);
  labelledLines += labelled.labels.length;
  const classes = new Set(Object.values(file.rules));
  const mineRun = ours(file.path, text);
  const mine = score(labelled, mineRun.hits, classes);
  const otherRun = typeof eslintSecurity === "string" ? undefined : await theirs(eslintSecurity, file.path, text);
  const other = otherRun === undefined ? undefined : score(labelled, otherRun.hits, classes);
  addScore(totals.ours, mine);
  addScore(totals.theirs, other ?? emptyScore());
  const key = [...classes].join(",");
  const entry = byClass.get(key) ?? { ours: emptyScore(), theirs: emptyScore() };
  addScore(entry.ours, mine);
  addScore(entry.theirs, other ?? emptyScore());
  byClass.set(key, entry);
  console.log(
    `${file.path.split("/").pop() ?? file.path} (${file.format}) | ${key} | ${cell(mine, mineRun.parseError)} | ${cell(other, otherRun?.parseError === true)}`,
  );
}
console.log("per class: recall R (labelled vulnerable lines found) and precision P (found / found + ok lines flagged + unexpected alerts)");
const rows = new Map(
  [...byClass].map(([vulnClass, entry]) => [vulnClass, typeof eslintSecurity === "string" ? { ours: entry.ours } : entry] as const),
);
for (const row of classTable(rows)) {
  console.log(`  ${row}`);
}
const line = (name: string, s: Score): string =>
  `${name.padEnd(23)} recall ${String(s.found)}/${String(s.positives)} (${pct(s.found, s.positives)}), false positives ${String(s.falsePositives)}/${String(s.oks)} ok lines (${pct(s.falsePositives, s.oks)}), ${String(s.unexpected)} unexpected alerts on unlabelled lines`;
console.log(`labelled lines: ${String(labelledLines)}`);
console.log(line("custody taint:", totals.ours));
console.log(
  typeof eslintSecurity === "string" ? `eslint-plugin-security: ${eslintSecurity}` : line("eslint-plugin-security:", totals.theirs),
);
if (missingFiles > 0) {
  console.log(`${String(missingFiles)} case files missing; figures cover the rest.`);
}
