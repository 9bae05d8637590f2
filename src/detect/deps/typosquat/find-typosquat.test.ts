import { describe, expect, it } from "vitest";
import type { Ecosystem } from "../package.js";
import { findTyposquat, POPULARITY_RATIO } from "./find-typosquat.js";
import { parsePopularityTable } from "./popularity.js";

const brief = (ecosystem: Ecosystem, name: string): [string, string] | undefined => {
  const hit = findTyposquat(ecosystem, name);
  return hit === undefined ? undefined : [hit.trick, hit.target];
};

describe("findTyposquat against the generated popularity table", () => {
  it.each([
    ["npm", "lodahs", "transposition", "lodash"],
    ["npm", "electorn", "transposition", "electron"],
    ["npm", "expresss", "repeated-letter", "express"],
    ["npm", "mongose", "repeated-letter", "mongoose"],
    ["npm", "l0dash", "homoglyph", "lodash"],
    ["npm", "cross_env", "separator", "cross-env"],
    ["npm", "crossenv", "separator", "cross-env"],
    ["npm", "@types-node", "scope", "@types/node"],
    ["npm", "types-node", "scope", "@types/node"],
    ["npm", "babelcli", "separator", "babel-cli"],
    ["npm", "@babel-core", "scope", "@babel/core"],
    ["npm", "lodash-js", "affix", "lodash"],
    ["npm", "node-axios", "affix", "axios"],
    ["npm", "webpakc-cli", "transposition", "webpack-cli"],
    ["npm", "typescipt", "typo", "typescript"],
    ["npm", "tpyescrpit", "typo", "typescript"], // distance 2 on a long name
    ["PyPI", "reqeusts", "transposition", "requests"],
    ["PyPI", "beautifulsoop", "typo", "beautifulsoup4"],
    ["Go", "github.com/gin-gonic/gim", "typo", "github.com/gin-gonic/gin"],
  ] as const)("%s %s → %s of %s", (ecosystem, name, trick, target) => {
    expect(brief(ecosystem, name)).toEqual([trick, target]);
  });

  it.each([
    ["npm", "lodash"],
    ["npm", "react-dom"],
    ["npm", "preact"], // 52 M a month beside react's 350 M: popular itself
    ["npm", "tslint"], // beside eslint: under 100× less used
    ["npm", "@types/node"],
    ["npm", "zustand-middleware-persist-custom"],
    ["npm", "custody-internal-widget"],
    ["npm", "qz"], // short names are too dense to judge
    ["PyPI", "requests"],
    ["PyPI", "Django"],
    ["PyPI", "python_dateutil"], // the same project as python-dateutil under PEP 503
    ["crates.io", "serde_json"], // no list for crates.io: nothing to judge by
  ] as const)("%s %s is not a typosquat", (ecosystem, name) => {
    expect(findTyposquat(ecosystem, name)).toBeUndefined();
  });

  it("names both download counts", () => {
    expect(findTyposquat("npm", "crossenv")).toMatchObject({ target: "cross-env", measure: "downloads", suspectPopularity: 11_000 });
    expect(findTyposquat("npm", "crossenv")?.targetPopularity).toBeGreaterThan(11_000 * POPULARITY_RATIO);
  });

  it("treats the policy's extra popular names as targets and as legitimate", () => {
    const extraPopular = { npm: ["@acme/billing-client"] };
    expect(findTyposquat("npm", "billing-client", { extraPopular })?.target).toBe("@acme/billing-client");
    expect(findTyposquat("npm", "@acme/billing-client", { extraPopular })).toBeUndefined();
  });

  it("caps the distance at the policy's max_distance", () => {
    expect(findTyposquat("npm", "tpyescrpit", { maxDistance: 1 })).toBeUndefined();
  });
});

describe("findTyposquat judged by popularity", () => {
  const table = parsePopularityTable(
    "npm",
    "# t\tecosystem=npm\tmeasure=downloads\tas-of=2026-12-01\nwidget-kit\t5000000\nwidget-kin\t80000\nwidgets-kit\t20000\nrare-thing\t1000\n",
  );

  it("reports a name only when the imitated package is at least 100× more downloaded", () => {
    expect(findTyposquat("npm", "widgets-kit", { table })?.target).toBe("widget-kit"); // 250×
    expect(findTyposquat("npm", "widget-kin", { table })).toBeUndefined(); // 62×
  });

  it("takes a registry's count over the table's floor for a name the table lacks", () => {
    expect(findTyposquat("npm", "widget-kits", { table })?.target).toBe("widget-kit"); // absent: under the 1,000 floor
    expect(findTyposquat("npm", "widget-kits", { table, suspectDownloads: 200_000 })).toBeUndefined();
  });
});
