import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffPackages } from "./diff-packages.js";
import type { Package } from "./package.js";
import { readLockfile } from "./read-lockfile.js";

const npm = (name: string, version: string, direct = true): Package => ({ ecosystem: "npm", name, version, direct });

describe("diffPackages", () => {
  it("finds added, removed and changed packages", () => {
    const diff = diffPackages(
      [npm("a", "1.0.0"), npm("b", "1.0.0"), npm("c", "1.0.0")],
      [npm("a", "1.0.0"), npm("b", "2.0.0"), npm("d", "1.0.0")],
    );
    expect(diff.added.map((item) => item.name)).toEqual(["d"]);
    expect(diff.removed.map((item) => item.name)).toEqual(["c"]);
    expect(diff.changed.map((change) => [change.before.version, change.after.version])).toEqual([["1.0.0", "2.0.0"]]);
  });

  it("keeps a second copy of a name at a new version as added, not changed", () => {
    const diff = diffPackages([npm("ms", "2.1.2", false)], [npm("ms", "2.1.2", false), npm("ms", "2.1.3", false)]);
    expect(diff.added.map((item) => item.version)).toEqual(["2.1.3"]);
    expect(diff.changed).toEqual([]);
  });

  it("compares manifest ranges", () => {
    const before: Package[] = [{ ecosystem: "npm", name: "axios", range: "^1.6.0", direct: true }];
    const after: Package[] = [{ ecosystem: "npm", name: "axios", range: "^1.7.0", direct: true }];
    expect(diffPackages(before, after).changed).toHaveLength(1);
  });

  it("treats PyPI spellings of one project as the same package", () => {
    const diff = diffPackages(
      [{ ecosystem: "PyPI", name: "PyYAML", version: "6.0", direct: true }],
      [{ ecosystem: "PyPI", name: "pyyaml", version: "6.0.1", direct: true }],
    );
    expect(diff.added).toEqual([]);
    expect(diff.changed).toHaveLength(1);
  });

  it("treats a missing side as empty (file added or deleted)", () => {
    expect(diffPackages(undefined, [npm("a", "1.0.0")]).added).toHaveLength(1);
    expect(diffPackages([npm("a", "1.0.0")], undefined).removed).toHaveLength(1);
  });

  it("diffs two real npm lockfiles", () => {
    const read = (side: string): string =>
      readFileSync(new URL(`__fixtures__/npm-change/${side}/package-lock.json`, import.meta.url), "utf8");
    const diff = diffPackages(readLockfile("package-lock.json", read("base")), readLockfile("package-lock.json", read("head")));
    expect(diff.changed.map((change) => `${change.after.name} ${change.before.version ?? ""}→${change.after.version ?? ""}`)).toEqual([
      "lodash 4.17.20→4.17.21",
    ]);
    expect(
      diff.added
        .filter((item) => item.direct)
        .map((item) => item.name)
        .sort(),
    ).toEqual(["core-js", "got", "minimist"]);
    expect(diff.added.length).toBeGreaterThan(10);
    expect(diff.removed).toEqual([]);
  });
});
