import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ecosystem } from "../package.js";
import { VERSION_COMPARATORS } from "../versions/compare-version.js";
import type { AdvisoryIndex } from "./advisory-index.js";
import { loadAdvisories } from "./load-advisories.js";
import { affects, matchAdvisories } from "./match-advisories.js";

let index: AdvisoryIndex;
beforeAll(async () => {
  index = await loadAdvisories(fileURLToPath(new URL("../__fixtures__/osv", import.meta.url)));
});

function ids(ecosystem: Ecosystem, name: string, version: string): string[] {
  return matchAdvisories(index, { ecosystem, name, version, direct: true })
    .map((match) => `${match.id}${match.fixed === undefined ? "" : `>${match.fixed}`}`)
    .sort();
}

// Real OSV records (see __fixtures__/osv), one or more per ecosystem, checked on each side of
// every boundary they name.
describe("matchAdvisories", () => {
  it.each([
    ["npm", "lodash", "3.6.0", ["GHSA-35jh-r3h4-6jhm>4.17.21"]],
    ["npm", "lodash", "4.17.15", ["GHSA-35jh-r3h4-6jhm>4.17.21", "GHSA-p6mc-m468-83gw>4.17.19"]],
    ["npm", "lodash", "4.17.19", ["GHSA-35jh-r3h4-6jhm>4.17.21"]],
    ["npm", "lodash", "4.17.21", []],
    ["npm", "minimist", "0.2.3", ["GHSA-xvch-5gv4-984h>0.2.4"]],
    ["npm", "minimist", "0.2.4", []],
    ["npm", "minimist", "1.2.5", ["GHSA-xvch-5gv4-984h>1.2.6"]],
    ["npm", "minimist", "1.2.6", []],
    ["PyPI", "requests", "2.2.1", []],
    ["PyPI", "requests", "2.30.0", ["GHSA-j8r2-6x86-q33q>2.31.0"]],
    ["PyPI", "Requests", "2.31.0rc1", ["GHSA-j8r2-6x86-q33q>2.31.0"]],
    ["PyPI", "requests", "2.31.0", []],
    ["Go", "golang.org/x/net", "v0.15.0", ["GO-2023-2102>0.17.0"]],
    ["Go", "golang.org/x/net", "v0.0.0-20230101000000-abcdef123456", ["GO-2023-2102>0.17.0"]],
    ["Go", "golang.org/x/net", "v0.17.0", []],
    ["Go", "stdlib", "v1.20.9", ["GO-2023-2102>1.20.10"]],
    ["Go", "stdlib", "v1.21.1", ["GO-2023-2102>1.21.3"]],
    ["Go", "stdlib", "v1.21.6", []],
    ["crates.io", "smallvec", "0.6.2", []],
    ["crates.io", "smallvec", "0.6.13", ["RUSTSEC-2021-0003>0.6.14"]],
    ["crates.io", "smallvec", "1.6.0", ["RUSTSEC-2021-0003>1.6.1"]],
    ["crates.io", "smallvec", "1.6.1", []],
    ["Maven", "org.apache.commons:commons-text", "1.4", []],
    ["Maven", "org.apache.commons:commons-text", "1.9", ["GHSA-599f-7c49-w659>1.10.0"]],
    ["Maven", "org.apache.commons:commons-text", "1.10.0", []],
    ["Maven", "com.fasterxml.jackson.core:jackson-databind", "2.12.6", ["GHSA-57j2-w4cx-62h2>2.12.6.1"]],
    ["Maven", "com.fasterxml.jackson.core:jackson-databind", "2.12.6.1", []],
    ["Maven", "com.fasterxml.jackson.core:jackson-databind", "2.13.2", ["GHSA-57j2-w4cx-62h2>2.13.2.1"]],
    ["Maven", "com.fasterxml.jackson.core:jackson-databind", "2.13.2.1", []],
  ] as const)("%s %s@%s → %j", (ecosystem, name, version, expected) => {
    expect(ids(ecosystem, name, version)).toEqual(expected);
  });

  it("takes the severity from database_specific, else from the CVSS vector", () => {
    const [minimist] = matchAdvisories(index, { ecosystem: "npm", name: "minimist", version: "1.2.5", direct: true });
    expect(minimist?.severity).toBe("critical");
    const [requests] = matchAdvisories(index, { ecosystem: "PyPI", name: "requests", version: "2.30.0", direct: true });
    expect(requests?.severity).toBe("medium");
    const [smallvec] = matchAdvisories(index, { ecosystem: "crates.io", name: "smallvec", version: "1.6.0", direct: true });
    expect(smallvec?.severity).toBe("critical"); // CVSS 9.8, no named rating
    const [net] = matchAdvisories(index, { ecosystem: "Go", name: "golang.org/x/net", version: "v0.15.0", direct: true });
    expect(net?.severity).toBeUndefined(); // Go records carry no rating
  });

  it("does not match a package known only by its range", () => {
    expect(matchAdvisories(index, { ecosystem: "npm", name: "lodash", range: "^4.17.0", direct: true })).toEqual([]);
  });
});

describe("affects", () => {
  const semver = VERSION_COMPARATORS.npm;
  it.each([
    ["an explicit versions list", ["1.0.0", "1.0.1"], [], "1.0.1", true],
    ["a version absent from the list", ["1.0.0"], [], "1.0.2", false],
    [
      "last_affected includes the bound",
      [],
      [{ type: "ECOSYSTEM", events: [{ introduced: "1.0.0" }, { last_affected: "1.2.0" }] }],
      "1.2.0",
      true,
    ],
    [
      "last_affected excludes what follows",
      [],
      [{ type: "ECOSYSTEM", events: [{ introduced: "1.0.0" }, { last_affected: "1.2.0" }] }],
      "1.2.1",
      false,
    ],
    ["unsorted events", [], [{ type: "SEMVER", events: [{ fixed: "2.0.0" }, { introduced: "1.5.0" }] }], "1.7.0", true],
    ["GIT ranges are skipped", [], [{ type: "GIT", events: [{ introduced: "0" }] }], "1.0.0", false],
    ["an unreadable bound matches nothing", [], [{ type: "ECOSYSTEM", events: [{ introduced: "garbage" }] }], "1.0.0", false],
  ])("%s", (_name, versions, ranges, version, expected) => {
    expect(affects(versions, ranges, version, semver).affected).toBe(expected);
  });
});
