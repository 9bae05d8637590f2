/**
 * Detection quality of the taint rules on labelled cases written by others: Semgrep's
 * JavaScript/Express rule fixtures (see bench/taint-quality.sources.json for the repository,
 * commits and paths; the files are read from bench/.work/semgrep/, which is git-ignored).
 * A `// ruleid:` line counts as found when a finding of the mapped class has its sink, its
 * source or a flow step on that line; an `// ok:` line is a false positive when a finding of
 * the mapped class has its sink there. `// todo:` lines (Semgrep's own known misses) are not
 * scored. In the same run, eslint-plugin-security (installed outside the repository with
 * `cd /tmp/eps && npm install eslint eslint-plugin-security`) is scored on the same lines
 * through its rules that correspond to a class. The analysis was tuned on these cases, so this
 * figure is not held out; bench/taint-quality-heldout.ts measures on cases it never saw.
 *
 *   npx tsx bench/taint-quality.ts
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hit } from "./taint-quality-scoring.js";
import type { ClassCounts } from "./taint-quality-scoring.js";
import { classTable, loadEslintSecurity, ours, theirs } from "./taint-quality-scoring.js";

interface Manifest {
  repo: string;
  files: { path: string; commit: string; rules: Record<string, string> }[];
}
interface Label {
  line: number;
  kind: "ruleid" | "ok";
  vulnClass: string;
}

const root = join(import.meta.dirname, "..");
const manifest = JSON.parse(readFileSync(join(root, "bench/taint-quality.sources.json"), "utf8")) as Manifest;
const casesDir = join(root, "bench/.work/semgrep");

function labels(text: string, rules: Record<string, string>): Label[] {
  const lines = text.split("\n");
  const out: Label[] = [];
  lines.forEach((line, index) => {
    const match = /^\s*\/\/\s*(ruleid|ok|todo)\s*:\s*([\w-]+)/.exec(line);
    if (!match || match[1] === "todo") {
      return;
    }
    const vulnClass = rules[match[2] ?? ""];
    if (vulnClass === undefined) {
      return;
    }
    // The annotation applies to the next line that is code, not another comment.
    let target = index + 1;
    while (target < lines.length && /^\s*(\/\/.*)?$/.test(lines[target] ?? "")) {
      target++;
    }
    out.push({ line: target + 1, kind: match[1] as "ruleid" | "ok", vulnClass });
  });
  return out;
}

interface Score {
  positives: number;
  found: number;
  oks: number;
  falsePositives: number;
}

function score(cases: Label[], hits: Hit[]): Score {
  const result: Score = { positives: 0, found: 0, oks: 0, falsePositives: 0 };
  for (const label of cases) {
    const mine = hits.filter((hit) => hit.vulnClass === label.vulnClass);
    if (label.kind === "ruleid") {
      result.positives++;
      if (mine.some((hit) => hit.sinkLine === label.line || hit.lines.includes(label.line))) {
        result.found++;
      }
    } else {
      result.oks++;
      if (mine.some((hit) => hit.sinkLine === label.line)) {
        result.falsePositives++;
      }
    }
  }
  return result;
}

const eslintSecurity = loadEslintSecurity(root);
const totals = {
  ours: { positives: 0, found: 0, oks: 0, falsePositives: 0 },
  theirs: { positives: 0, found: 0, oks: 0, falsePositives: 0 },
};
let missingFiles = 0;
const byClass = new Map<string, { ours: ClassCounts; theirs: ClassCounts }>();
const pct = (a: number, b: number): string => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(0)}%`);
console.log(`labelled cases: ${manifest.repo} (Semgrep's rule fixtures); tools: custody taint rules vs eslint-plugin-security`);
console.log("file | class | ruleid found (custody / eslint-security) | ok lines flagged (custody / eslint-security)");
for (const file of manifest.files) {
  const path = join(casesDir, file.path);
  if (!existsSync(path)) {
    missingFiles++;
    console.log(`${file.path}: missing — save ${manifest.repo}@${file.commit}:${file.path} to bench/.work/semgrep/${file.path}`);
    continue;
  }
  const text = readFileSync(path, "utf8");
  const cases = labels(text, file.rules);
  const mine = score(cases, ours(file.path, text).hits);
  const other = typeof eslintSecurity === "string" ? undefined : score(cases, (await theirs(eslintSecurity, file.path, text)).hits);
  for (const key of ["positives", "found", "oks", "falsePositives"] as const) {
    totals.ours[key] += mine[key];
    totals.theirs[key] += other?.[key] ?? 0;
  }
  const classes = [...new Set(Object.values(file.rules))].join(",");
  const entry = byClass.get(classes) ?? {
    ours: { positives: 0, found: 0, falsePositives: 0 },
    theirs: { positives: 0, found: 0, falsePositives: 0 },
  };
  entry.ours.positives += mine.positives;
  entry.ours.found += mine.found;
  entry.ours.falsePositives += mine.falsePositives;
  entry.theirs.positives += other?.positives ?? 0;
  entry.theirs.found += other?.found ?? 0;
  entry.theirs.falsePositives += other?.falsePositives ?? 0;
  byClass.set(classes, entry);
  console.log(
    `${file.path.split("/").pop() ?? file.path} | ${classes} | ${String(mine.found)}/${String(mine.positives)} / ${other ? `${String(other.found)}/${String(other.positives)}` : "-"} | ${String(mine.falsePositives)}/${String(mine.oks)} / ${other ? `${String(other.falsePositives)}/${String(other.oks)}` : "-"}`,
  );
}
console.log("per class: recall R (ruleid lines found) and precision P (found / found + ok lines flagged)");
for (const row of classTable(
  typeof eslintSecurity === "string" ? new Map([...byClass].map(([k, v]) => [k, { ours: v.ours }] as const)) : byClass,
)) {
  console.log(`  ${row}`);
}
const o = totals.ours;
const t = totals.theirs;
console.log(
  `custody taint:          recall ${String(o.found)}/${String(o.positives)} (${pct(o.found, o.positives)}), false positives ${String(o.falsePositives)}/${String(o.oks)} ok lines (${pct(o.falsePositives, o.oks)})`,
);
if (typeof eslintSecurity === "string") {
  console.log(`eslint-plugin-security: ${eslintSecurity}`);
} else {
  console.log(
    `eslint-plugin-security: recall ${String(t.found)}/${String(t.positives)} (${pct(t.found, t.positives)}), false positives ${String(t.falsePositives)}/${String(t.oks)} ok lines (${pct(t.falsePositives, t.oks)})`,
  );
}
if (missingFiles > 0) {
  console.log(`${String(missingFiles)} case files missing; figures cover the rest.`);
}
