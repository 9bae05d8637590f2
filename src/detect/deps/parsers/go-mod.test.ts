import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGoMod } from "./go-mod.js";

describe("parseGoMod", () => {
  it("reads require blocks and lines; // indirect is transitive", () => {
    const text = readFileSync(new URL("../__fixtures__/go-mod/go.mod", import.meta.url), "utf8");
    expect(parseGoMod(text, "go.mod").map((item) => [item.name, item.version, item.direct, item.line])).toEqual([
      ["github.com/gin-gonic/gin", "v1.9.0", true, 8],
      ["golang.org/x/net", "v0.17.0", true, 9],
      ["gopkg.in/yaml.v3", "v3.0.1", true, 10],
      ["github.com/bytedance/sonic", "v1.9.1", false, 14],
      ["golang.org/x/text", "v0.13.0", false, 15],
      ["github.com/google/uuid", "v1.6.0", true, 18],
      ["stdlib", "v1.21.6", true, 5],
    ]);
  });

  it.each([
    ["a three-part go line", "module x\ngo 1.22.3\n", ["v1.22.3"]],
    ["a two-part go line (no release named)", "module x\ngo 1.22\n", []],
    ["toolchain over go line", "module x\ngo 1.21.0\ntoolchain go1.21.6\n", ["v1.21.6"]],
  ])("reports the toolchain as stdlib from %s", (_name, text, versions) => {
    expect(
      parseGoMod(text, "go.mod")
        .filter((item) => item.name === "stdlib")
        .map((item) => item.version),
    ).toEqual(versions);
  });

  it.each([
    ["an unknown directive", "module x\nrequires a v1.0.0\n", /go\.mod:2/],
    ["a block that never closes", "module x\nrequire (\n\ta v1.0.0\n", /never closed/],
    ["a version without v", "module x\nrequire a 1.0.0\n", /go\.mod:2/],
  ])("refuses %s", (_name, text, message) => {
    expect(() => parseGoMod(text, "go.mod")).toThrow(message);
  });
});
