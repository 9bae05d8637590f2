/**
 * Typosquat quality and speed.
 *
 * Quality: recall and precision on bench/deps/typosquat-set.json (malicious packages reported as
 * typosquats by npm/GitHub malware advisories and published research, with legitimate near-names
 * chosen by a rule; see the file's `about`), for this code beside two baselines measured in the
 * same run: a naive edit-distance check (OSA distance ≤ 2 from one of the 5,000 most used names
 * of the ecosystem, the name itself not among them) and the previous release's check (read from
 * git at RELEASE, with its 2,000-name list), when git has that commit.
 *
 * Speed: the check of a 2,000-package lockfile (1,900 listed names and 100 unlisted ones), cold
 * (table load and index build included) and warm, with CPU time beside wall time and the load
 * average. Run: npx tsx bench/deps-typosquat.ts
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { editDistance } from "../src/model/edit-distance.js";
import type { Ecosystem } from "../src/detect/deps/package.js";
import { findTyposquat } from "../src/detect/deps/typosquat/find-typosquat.js";
import { popularityTable } from "../src/detect/deps/typosquat/popularity.js";

/** The last commit before this issue's change: "the current release". */
const RELEASE = "b108066";

interface Entry {
  ecosystem: Ecosystem;
  name: string;
  imitates?: string;
}
const set = JSON.parse(readFileSync(new URL("deps/typosquat-set.json", import.meta.url), "utf8")) as {
  malicious: Entry[];
  legitimate: Entry[];
};

type Judge = (ecosystem: Ecosystem, name: string) => string | undefined;

function score(label: string, judge: Judge): void {
  const caught = set.malicious.filter((entry) => judge(entry.ecosystem, entry.name) !== undefined);
  const rightTarget = set.malicious.filter((entry) => {
    const target = judge(entry.ecosystem, entry.name);
    return target !== undefined && target.toLowerCase().replace(/[-_.]+/g, "-") === entry.imitates?.toLowerCase().replace(/[-_.]+/g, "-");
  });
  const falseAlarms = set.legitimate.filter((entry) => judge(entry.ecosystem, entry.name) !== undefined);
  const recall = caught.length / set.malicious.length;
  const precision = caught.length / Math.max(1, caught.length + falseAlarms.length);
  process.stdout.write(
    `${label.padEnd(34)} recall ${(recall * 100).toFixed(0).padStart(3)}% (${String(caught.length)}/${String(set.malicious.length)}, right target ${String(rightTarget.length)})  precision ${(precision * 100).toFixed(0).padStart(3)}%  false alarms ${String(falseAlarms.length)}/${String(set.legitimate.length)}${falseAlarms.length > 0 ? ` (${falseAlarms.map((entry) => entry.name).join(", ")})` : ""}\n`,
  );
  const missed = set.malicious.filter((entry) => !caught.includes(entry));
  if (missed.length > 0) {
    process.stdout.write(`${"".padEnd(34)} missed: ${missed.map((entry) => entry.name).join(", ")}\n`);
  }
}

const current: Judge = (ecosystem, name) => findTyposquat(ecosystem, name)?.target;

// Naive baseline: the top 5,000 names by the same table, distance ≤ 2.
const naiveLists = new Map<Ecosystem, string[]>();
const naive: Judge = (ecosystem, name) => {
  let list = naiveLists.get(ecosystem);
  if (list === undefined) {
    const table = popularityTable(ecosystem);
    list = [...table.values]
      .sort((a, b) => (table.measure === "rank" ? a[1] - b[1] : b[1] - a[1]))
      .slice(0, 5000)
      .map(([listed]) => listed);
    naiveLists.set(ecosystem, list);
  }
  const lower = name.toLowerCase().replace(ecosystem === "PyPI" ? /[-_.]+/g : /$^/g, "-");
  if (list.includes(lower)) {
    return undefined;
  }
  return list.find((popular) => popular.length >= 4 && editDistance(lower, popular, 2) <= 2);
};

async function previousRelease(): Promise<Judge | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "custody-release-"));
  try {
    for (const file of [
      "src/detect/deps/package.ts",
      "src/detect/deps/typosquat/find-typosquat.ts",
      "src/detect/deps/typosquat/damerau-distance.ts",
      "src/detect/deps/typosquat/popular-packages.ts",
    ]) {
      const text = execFileSync("git", ["show", `${RELEASE}:${file}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const module = (await import(pathToFileURL(join(dir, "src/detect/deps/typosquat/find-typosquat.ts")).href)) as {
    findTyposquat: (ecosystem: Ecosystem, name: string, options: { maxDistance: number }) => { target: string } | undefined;
  };
  return (ecosystem, name) => module.findTyposquat(ecosystem, name, { maxDistance: 1 })?.target;
}

process.stdout.write(
  `Typosquat quality: ${String(set.malicious.length)} malicious, ${String(set.legitimate.length)} legitimate near-names (bench/deps/typosquat-set.json)\n`,
);
score("this change", current);
score("naive: distance ≤ 2, top 5,000", naive);
const release = await previousRelease();
if (release === undefined) {
  process.stdout.write(`previous release (${RELEASE}): not in this clone's history, skipped\n`);
} else {
  score(`previous release (${RELEASE})`, release);
}

// Speed: a 2,000-package lockfile.
const table = popularityTable("npm");
const listed = [...table.values.keys()];
const names: string[] = [];
for (let index = 0; index < 1900; index++) {
  names.push(listed[(index * 7919) % listed.length] ?? "lodash");
}
for (let index = 0; index < 100; index++) {
  names.push(`${listed[(index * 104729) % listed.length] ?? "x"}-${String.fromCharCode(97 + (index % 26))}z`);
}
function timeAll(): { wall: number; cpu: number; flagged: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let flagged = 0;
  for (const name of names) {
    if (findTyposquat("npm", name) !== undefined) {
      flagged++;
    }
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, flagged };
}
const loadedCpu0 = process.cpuUsage();
const loaded0 = performance.now();
findTyposquat("npm", "warm-up-name-zz"); // builds the npm index
const build = performance.now() - loaded0;
const buildCpu = process.cpuUsage(loadedCpu0);
const runs = [timeAll(), timeAll(), timeAll()];
const best = runs.reduce((a, b) => (a.wall < b.wall ? a : b));
process.stdout.write(
  `\nTyposquat check of a 2,000-package lockfile (1,900 listed, 100 unlisted names), load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(" ")}:\n` +
    `  index build (once per process): ${build.toFixed(1)} ms wall, ${((buildCpu.user + buildCpu.system) / 1000).toFixed(1)} ms CPU\n` +
    `  check: ${best.wall.toFixed(1)} ms wall, ${best.cpu.toFixed(1)} ms CPU (best of 3; ${runs.map((run) => run.wall.toFixed(1)).join(", ")} ms); ${String(best.flagged)} flagged\n`,
);
