/**
 * The popularity table: for each ecosystem, how much each known package is used, read from the
 * generated data/popularity/<ecosystem>.tsv.gz (scripts/generate-popularity.ts writes them from
 * package lists). Three kinds of measure, as the lists give them:
 * - downloads (npm): monthly downloads of the 100,000 most downloaded names;
 * - rank (PyPI): rank among the most downloaded projects (the list has no counts);
 * - known (Go, Maven): names the registry serves, with no measure at all.
 * crates.io has no list: its table is empty and the typosquat check has nothing to compare with.
 *
 * Read lazily, once per process and ecosystem: a check that adds no package of an ecosystem
 * never pays for its table.
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Ecosystem } from "../package.js";

export type PopularityMeasure = "downloads" | "rank" | "known";

export interface PopularityTable {
  ecosystem: Ecosystem;
  measure: PopularityMeasure;
  /** Date of the lists the table was generated from (YYYY-MM-DD), undefined without a table. */
  asOf?: string | undefined;
  /** Lower-case (PEP 503 for PyPI) name → downloads, rank, or 0 for "known". */
  values: ReadonlyMap<string, number>;
  /** The smallest download count in the table (downloads) or the largest rank (rank): a name
   * absent from the table is below it. */
  floor: number;
}

const DATA_DIR = new URL("../../../../data/popularity/", import.meta.url);
const tables = new Map<Ecosystem, PopularityTable>();

export function popularityTable(ecosystem: Ecosystem): PopularityTable {
  const cached = tables.get(ecosystem);
  if (cached !== undefined) {
    return cached;
  }
  const file = new URL(`${ecosystem}.tsv.gz`, DATA_DIR);
  const table = existsSync(file) ? parsePopularityTable(ecosystem, gunzipSync(readFileSync(file)).toString("utf8")) : emptyTable(ecosystem);
  tables.set(ecosystem, table);
  return table;
}

function emptyTable(ecosystem: Ecosystem): PopularityTable {
  return { ecosystem, measure: "known", values: new Map(), floor: 0 };
}

/** Parses the generated text (exported for tests, which build small tables). */
export function parsePopularityTable(ecosystem: Ecosystem, text: string): PopularityTable {
  const lines = text.split("\n");
  const header = lines[0] ?? "";
  const field = (key: string): string | undefined =>
    /* the header is `key=value` fields */ new RegExp(`\\t${key}=([^\\t]*)`).exec(header)?.[1];
  const measure = (field("measure") ?? "known") as PopularityMeasure;
  const values = new Map<string, number>();
  let floor = measure === "downloads" ? Number.POSITIVE_INFINITY : 0;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line === "") {
      continue;
    }
    const tab = line.indexOf("\t");
    const name = tab === -1 ? line : line.slice(0, tab);
    const value = tab === -1 ? 0 : Number(line.slice(tab + 1));
    values.set(name, value);
    floor = measure === "downloads" ? Math.min(floor, value) : Math.max(floor, value);
  }
  return { ecosystem, measure, asOf: field("as-of"), values, floor: Number.isFinite(floor) ? floor : 0 };
}
