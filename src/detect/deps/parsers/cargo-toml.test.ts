import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCargoToml } from "./cargo-toml.js";

describe("parseCargoToml", () => {
  it("reads dependency tables, renamed crates and target sections; skips path dependencies", () => {
    const text = readFileSync(new URL("../__fixtures__/cargo-toml/Cargo.toml", import.meta.url), "utf8");
    expect(parseCargoToml(text, "Cargo.toml").map((item) => [item.name, item.range ?? null, item.version ?? null, item.dev])).toEqual([
      ["serde", "1.0.197", null, false],
      ["tokio", "1.36", null, false],
      ["smallvec", "=1.6.0", "1.6.0", false],
      ["serde_json", "1.0.114", null, false],
      ["cc", "1.0", null, false],
      ["tempfile", "3.10", null, true],
      ["libc", "0.2.153", null, false],
    ]);
  });

  it("refuses a dependency that is neither a string nor a table", () => {
    expect(() => parseCargoToml("[dependencies]\nserde = 1\n", "Cargo.toml")).toThrow(/dependencies\.serde/);
  });
});
