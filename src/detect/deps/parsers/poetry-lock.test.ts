import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePoetryLock } from "./poetry-lock.js";

describe("parsePoetryLock", () => {
  it("reads locked packages; a package nothing depends on is direct", () => {
    const text = readFileSync(new URL("../__fixtures__/poetry-lock/poetry.lock", import.meta.url), "utf8");
    expect(parsePoetryLock(text, "poetry.lock").map((item) => [item.name, item.version, item.direct])).toEqual([
      ["certifi", "2024.2.2", false],
      ["charset-normalizer", "3.3.2", false],
      ["idna", "3.6", false],
      ["requests", "2.31.0", true],
      ["urllib3", "2.2.1", false],
    ]);
  });

  it("matches dependency names after PEP 503 normalisation", () => {
    const text =
      '[[package]]\nname = "a"\nversion = "1"\n[package.dependencies]\nZope_Interface = "*"\n\n[[package]]\nname = "zope.interface"\nversion = "6.2"\n';
    expect(parsePoetryLock(text, "poetry.lock").map((item) => item.direct)).toEqual([true, false]);
  });

  it("refuses a package without a version", () => {
    expect(() => parsePoetryLock('[[package]]\nname = "a"\n', "poetry.lock")).toThrow(/poetry\.lock.*package\.0\.version/);
  });
});
