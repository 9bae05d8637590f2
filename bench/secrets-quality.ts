/**
 * Recall and false positives of the secrets scanner on labelled cases nobody on this project
 * wrote: gitleaks' published true/false-positive samples (bench/__fixtures__/
 * gitleaks-labelled-cases.json; its SOURCE note names repo@commit and path of each case). When
 * secretlint is installed outside the repository (default /tmp/secretlint-bench, see below) it
 * runs on the same cases in the same run, with its recommended preset, and both figures print.
 * A case counts as detected when the tool reports anything for it. Nothing about a case's text
 * is printed — only counts.
 *
 *   mkdir -p /tmp/secretlint-bench && cd /tmp/secretlint-bench && \
 *     flock /tmp/custody-npm.lock npm install --no-save secretlint @secretlint/secretlint-rule-preset-recommend
 *   npx tsx bench/secrets-quality.ts [--secretlint-dir /tmp/secretlint-bench]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { scanText } from "../src/detect/secrets/scan-text.js";

const fixture = z
  .object({
    SOURCE: z.string(),
    cases: z.array(z.object({ source: z.string(), label: z.enum(["secret", "clean"]), text: z.string(), heldOut: z.boolean().optional() })),
  })
  .parse(JSON.parse(readFileSync(join(import.meta.dirname, "__fixtures__", "gitleaks-labelled-cases.json"), "utf8")));

const args = process.argv.slice(2);
const dirFlag = args.indexOf("--secretlint-dir");
const secretlintDir = dirFlag === -1 ? "/tmp/secretlint-bench" : (args[dirFlag + 1] ?? "");

interface Score {
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  trueNegatives: number;
}

function score(detected: readonly boolean[]): Score {
  const result: Score = { truePositives: 0, falseNegatives: 0, falsePositives: 0, trueNegatives: 0 };
  fixture.cases.forEach((testCase, index) => {
    const hit = detected[index] === true;
    if (testCase.label === "secret") {
      result[hit ? "truePositives" : "falseNegatives"]++;
    } else {
      result[hit ? "falsePositives" : "trueNegatives"]++;
    }
  });
  return result;
}

function print(name: string, s: Score): void {
  const positives = s.truePositives + s.falseNegatives;
  const negatives = s.falsePositives + s.trueNegatives;
  console.log(
    `${name.padEnd(30)} recall ${String(s.truePositives)}/${String(positives)} = ${((100 * s.truePositives) / positives).toFixed(1)}%   ` +
      `false positives ${String(s.falsePositives)}/${String(negatives)} = ${((100 * s.falsePositives) / negatives).toFixed(1)}%`,
  );
}

const sources = [...new Set(fixture.cases.map((c) => c.source))];
console.log(
  `cases: ${String(fixture.cases.length)} (${String(fixture.cases.filter((c) => c.label === "secret").length)} secret, ${String(fixture.cases.filter((c) => c.label === "clean").length)} clean) from ${String(sources.length)} gitleaks rule files`,
);

const custody = fixture.cases.map((testCase) => scanText(testCase.text, "case.txt").length > 0);
print("custody", score(custody));
for (const source of sources) {
  const only = fixture.cases.map((c, i) => (c.source === source ? custody[i] : undefined));
  const subset = fixture.cases.map((c) => c.source === source);
  const s = score(only.map((hit, i) => (subset[i] === true ? hit === true : false)));
  const file = source.split(":").at(-1) ?? source;
  const positives = fixture.cases.filter((c, i) => subset[i] === true && c.label === "secret").length;
  const negatives = fixture.cases.filter((c, i) => subset[i] === true && c.label === "clean").length;
  console.log(
    `  ${file.padEnd(40)} found ${String(s.truePositives)}/${String(positives)} secrets, flagged ${String(s.falsePositives)}/${String(negatives)} clean`,
  );
}

const heldOut = fixture.cases.flatMap((c, i) => (c.heldOut === true ? [i] : []));
if (heldOut.length > 0) {
  const found = heldOut.filter((i) => custody[i] === true && fixture.cases[i]?.label === "secret").length;
  const secrets = heldOut.filter((i) => fixture.cases[i]?.label === "secret").length;
  console.log(`  held-out cases (not seen while writing the rules): found ${String(found)}/${String(secrets)} secrets`);
}

const secretlintBin = join(secretlintDir, "node_modules", ".bin", "secretlint");
if (!existsSync(secretlintBin)) {
  console.log(`secretlint: not installed at ${secretlintDir} (see the header of this file); skipped`);
} else {
  const casesDir = join(secretlintDir, "cases");
  rmSync(casesDir, { recursive: true, force: true });
  mkdirSync(casesDir, { recursive: true });
  fixture.cases.forEach((testCase, index) => {
    writeFileSync(join(casesDir, `case-${String(index)}.txt`), testCase.text);
  });
  writeFileSync(
    join(secretlintDir, ".secretlintrc.json"),
    JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }),
  );
  const run = spawnSync(secretlintBin, ["cases/**/*", "--format", "json", "--maskSecrets", "--secretlintrc", ".secretlintrc.json"], {
    cwd: secretlintDir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = z.array(z.object({ filePath: z.string(), messages: z.array(z.unknown()) })).safeParse(JSON.parse(run.stdout || "[]"));
  if (!report.success) {
    console.log(`secretlint: unexpected output (exit ${String(run.status)}); skipped`);
  } else {
    const hits = new Set(report.data.filter((r) => r.messages.length > 0).map((r) => /case-(\d+)\.txt$/.exec(r.filePath)?.[1]));
    const version = spawnSync(secretlintBin, ["--version"], { cwd: secretlintDir, encoding: "utf8" }).stdout.trim();
    print(`secretlint ${version} (recommended)`, score(fixture.cases.map((_, index) => hits.has(String(index)))));
  }
}
