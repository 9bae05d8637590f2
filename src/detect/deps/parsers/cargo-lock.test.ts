import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCargoLock } from "./cargo-lock.js";

describe("parseCargoLock", () => {
  it("reads registry packages; direct ones are those the workspace crate depends on", () => {
    const text = readFileSync(new URL("../__fixtures__/cargo-lock/Cargo.lock", import.meta.url), "utf8");
    expect(parseCargoLock(text, "Cargo.lock").map((item) => [item.name, item.version, item.direct])).toEqual([
      ["libc", "0.2.153", true],
      ["serde", "1.0.197", true],
      ["smallvec", "1.6.0", true],
      ["time", "0.1.45", true],
      ["wasi", "0.10.0+wasi-snapshot-preview1", false],
    ]);
  });

  it("refuses a package without a version", () => {
    expect(() => parseCargoLock('[[package]]\nname = "x"\n', "Cargo.lock")).toThrow(/Cargo\.lock.*package\.0\.version/);
  });
});
