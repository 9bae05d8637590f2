/**
 * Regenerates data/popularity/*.tsv.gz, the popularity table the typosquat check judges names by,
 * from package lists with download counts or ranks:
 *
 *   npx tsx scripts/generate-popularity.ts --lists DIR [--as-of YYYY-MM-DD] [--npm-top 100000] [--out data/popularity]
 *   (or CUSTODY_PACKAGE_LISTS=DIR npx tsx scripts/generate-popularity.ts)
 *
 * DIR holds the lists as tab-separated files with a header line:
 * - npm.tsv: name, version, monthly downloads, …  → the `--npm-top` most downloaded names with
 *   their downloads rounded to two significant figures (stable diffs between regenerations; the
 *   check compares ratios of 100×, so the third digit never matters);
 * - pypi.tsv: name, version, month, rank among the most downloaded, … → every ranked project with
 *   its rank (the list has no counts);
 * - go-partial.tsv, maven-partial.tsv: module or group:artifact, newest version, … → the names
 *   the registry serves (no counts or ranks: the check treats them as known names only).
 * A list that is absent is skipped with a note; crates.io has no list today.
 *
 * Each output file is gzip-compressed text: a `#` header naming the ecosystem, the measure and
 * the date, then `name<TAB>measure` lines sorted by name. Gzip keeps the 100,000 npm names under
 * a megabyte in the package; the script, not the data, is what a reviewer reads.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

type Measure = "downloads" | "rank" | "known";

interface Table {
  ecosystem: string;
  measure: Measure;
  rows: [string, number][];
}

const { values } = parseArgs({
  options: {
    lists: { type: "string" },
    "as-of": { type: "string" },
    "npm-top": { type: "string", default: "100000" },
    out: { type: "string", default: "data/popularity" },
  },
});

const listsDir = values.lists ?? process.env["CUSTODY_PACKAGE_LISTS"];
if (listsDir === undefined || listsDir === "") {
  process.stderr.write("generate-popularity: name the folder of package lists with --lists DIR or CUSTODY_PACKAGE_LISTS.\n");
  process.exit(2);
}
const asOf = values["as-of"] ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  process.stderr.write(`generate-popularity: --as-of ${asOf}: expected YYYY-MM-DD.\n`);
  process.exit(2);
}
const npmTop = Number(values["npm-top"]);

function rows(file: string): string[][] | undefined {
  const path = join(listsDir as string, file);
  if (!existsSync(path)) {
    process.stderr.write(`generate-popularity: ${file} not in the lists folder; skipped.\n`);
    return undefined;
  }
  return readFileSync(path, "utf8")
    .split("\n")
    .slice(1)
    .filter((line) => line !== "")
    .map((line) => line.split("\t"));
}

function twoSignificant(value: number): number {
  if (value < 100) {
    return value;
  }
  const scale = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / scale) * scale;
}

const tables: Table[] = [];

const npm = rows("npm.tsv");
if (npm !== undefined) {
  const best = new Map<string, number>();
  for (const [name, , downloads] of npm) {
    const count = Number(downloads);
    if (name !== undefined && name !== "" && Number.isFinite(count)) {
      best.set(name.toLowerCase(), Math.max(best.get(name.toLowerCase()) ?? 0, count));
    }
  }
  const top = [...best].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, npmTop);
  tables.push({ ecosystem: "npm", measure: "downloads", rows: top.map(([name, count]) => [name, twoSignificant(count)]) });
}

const pypi = rows("pypi.tsv");
if (pypi !== undefined) {
  const ranked = new Map<string, number>();
  for (const [name, , , rank] of pypi) {
    const value = Number(rank);
    if (name !== undefined && rank !== undefined && rank !== "" && Number.isInteger(value) && value > 0) {
      // PEP 503 normalisation, the form the detector compares.
      const normal = name.toLowerCase().replace(/[-_.]+/g, "-");
      ranked.set(normal, Math.min(ranked.get(normal) ?? value, value));
    }
  }
  tables.push({ ecosystem: "PyPI", measure: "rank", rows: [...ranked] });
}

for (const [file, ecosystem] of [
  ["go-partial.tsv", "Go"],
  ["maven-partial.tsv", "Maven"],
] as const) {
  const list = rows(file);
  if (list === undefined) {
    continue;
  }
  // Column 2 is a version the registry served, or a word saying it served none.
  const served = list.filter(([name, version]) => name !== undefined && name !== "" && version !== undefined && /^v?\d/.test(version));
  tables.push({
    ecosystem,
    measure: "known",
    rows: [...new Set(served.map(([name]) => (name as string).toLowerCase()))].map((name) => [name, 0]),
  });
}

mkdirSync(values.out, { recursive: true });
for (const table of tables) {
  const sorted = [...table.rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const header = `# custody popularity table\tecosystem=${table.ecosystem}\tmeasure=${table.measure}\tas-of=${asOf}\tnames=${String(sorted.length)}\tgenerated by scripts/generate-popularity.ts; do not edit\n`;
  const body = sorted.map(([name, value]) => (table.measure === "known" ? name : `${name}\t${String(value)}`)).join("\n");
  // Fixed gzip header (no mtime, no name) so the same lists give the same bytes.
  const file = join(values.out, `${table.ecosystem}.tsv.gz`);
  writeFileSync(file, gzipSync(`${header}${body}\n`, { level: 9 }));
  process.stdout.write(`${file}: ${String(sorted.length)} ${table.ecosystem} names (${table.measure})\n`);
}
