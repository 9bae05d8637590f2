import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePackageJson } from "./package-json.js";

describe("parsePackageJson", () => {
  it("reads every dependency section as direct, pinned ranges as versions", () => {
    const text = readFileSync(new URL("../__fixtures__/package-json/package.json", import.meta.url), "utf8");
    expect(parsePackageJson(text, "package.json").map((item) => [item.name, item.range, item.version, item.dev])).toEqual([
      ["debug", "4.3.4", "4.3.4", false],
      ["lodash", "4.17.20", "4.17.20", false],
      ["core-js", "3.37.1", "3.37.1", true],
    ]);
  });

  it("keeps a range without inventing a version, and lists a peer+dev package once", () => {
    const text = JSON.stringify({ peerDependencies: { react: "^18" }, devDependencies: { react: "18.2.0", vitest: "^4.1.0" } });
    expect(parsePackageJson(text, "package.json").map((item) => [item.name, item.range, item.version ?? null])).toEqual([
      ["react", "^18", null],
      ["vitest", "^4.1.0", null],
    ]);
  });

  it("refuses a dependency whose range is not a string", () => {
    expect(() => parsePackageJson('{"dependencies":{"a":1}}', "app/package.json")).toThrow(/app\/package\.json.*dependencies\.a/);
  });
});
