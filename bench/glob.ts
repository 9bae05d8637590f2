/**
 * Glob matching cannot backtrack: each adversarial glob against a 10,000-character path with
 * Custody's NFA matcher (src/policy/paths/glob.ts), beside the regex-based picomatch in the same
 * run. picomatch is given the same shapes on short paths only, with a time budget, because on
 * long ones it does not finish (`(a+)+b` took 9 s on 28 characters). Prints wall and CPU time
 * per match and the load average.
 */
import { loadavg } from "node:os";
import picomatch from "picomatch";
import { compileGlob } from "../src/policy/paths/glob.js";
import { DEFAULT_PROTECTED_PATHS } from "../src/policy/schema/default-paths.js";

function measure(run: () => void, repeat: number): { wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) {
    run();
  }
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6 / repeat;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 / repeat };
}

const segment = "a".repeat(10_000);
const segments = `${"a/".repeat(4_999)}a`;
// A path of pseudo-random a/b: against `*a` and 40 `?` every character can lead to a new set of
// states (the DFA's exponential case), so the matcher computes sets, not cached lookups.
let seed = 7;
const mixed = Array.from({ length: 10_000 }, () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) & 1024 ? "a" : "b")).join("");
const cases: [string, string, string][] = [
  ["exponential DFA (random a/b)", `*a${"?".repeat(40)}`, mixed],
  ["stars", "*a*a*a*a*a*a*a*a*a*a*a*a*b", segment],
  ["globstar + stars", "**/*a*a*a*a*a*a*b", segment],
  ["braces + stars", "{a,aa,aaa}*{a,aa}*{a,aa,aaa}b", segment],
  ["120 stars (256-char glob)", `${"*a".repeat(120)}b`, segment],
  ["200 ?", `*${"?".repeat(200)}b`, segment],
  ["stacked globstars", "**/**/**/**/**/**/*b", segment],
  ["globstars over 5,000 segments", "**/a/**/a/**/a/**/*b", segments],
];

console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(" ")}`,
);
console.log("Custody's matcher, 10,000-character path (ms per match, wall / CPU):");
let worst = 0;
for (const [name, glob, path] of cases) {
  const compiled = compileGlob(glob);
  compiled.test(path);
  const figure = measure(() => compiled.test(path), 5);
  worst = Math.max(worst, figure.wallMs);
  console.log(`  ${name.padEnd(32)} ${figure.wallMs.toFixed(2).padStart(7)} / ${figure.cpuMs.toFixed(2).padStart(7)}`);
}
const defaults = DEFAULT_PROTECTED_PATHS.map(compileGlob);
const everyDefault = measure(() => defaults.some((entry) => entry.test(segments)), 5);
console.log(
  `  ${"every default protected glob".padEnd(32)} ${everyDefault.wallMs.toFixed(2).padStart(7)} / ${everyDefault.cpuMs.toFixed(2).padStart(7)}`,
);
console.log(`  worst single glob: ${worst.toFixed(2)} ms (target: under 10 ms)`);

console.log("Baseline, picomatch (regex), same run:");
const regexDefaults = DEFAULT_PROTECTED_PATHS.map((glob) => picomatch(glob, { dot: true }));
const baseline = measure(() => regexDefaults.some((test) => test(segments)), 5);
console.log(
  `  ${"every default protected glob".padEnd(32)} ${baseline.wallMs.toFixed(2).padStart(7)} / ${baseline.cpuMs.toFixed(2).padStart(7)}`,
);
// `(a+)+b` is what picomatch accepts and Custody refuses; on growing paths it doubles per character.
const bomb = picomatch("(a+)+b", { dot: true });
for (const length of [16, 20, 22, 24]) {
  const figure = measure(() => bomb(`${"a".repeat(length)}c`), 1);
  console.log(`  (a+)+b on a ${String(length)}-character path: ${figure.wallMs.toFixed(1)} ms wall / ${figure.cpuMs.toFixed(1)} ms CPU`);
}
