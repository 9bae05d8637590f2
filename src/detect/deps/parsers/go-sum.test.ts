import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGoSum } from "./go-sum.js";

describe("parseGoSum", () => {
  it("lists modules with a full checksum once, not go.mod-only ones", () => {
    const text = readFileSync(new URL("../__fixtures__/go-sum/go.sum", import.meta.url), "utf8");
    const packages = parseGoSum(text, "go.sum");
    expect(packages.map((item) => `${item.name}@${item.version ?? ""}:${String(item.line)}`)).toEqual([
      "github.com/bytedance/sonic@v1.9.1:1",
      "github.com/gin-gonic/gin@v1.9.0:3",
      "github.com/google/uuid@v1.6.0:5",
      "golang.org/x/net@v0.17.0:7",
      "golang.org/x/text@v0.13.0:10",
      "gopkg.in/yaml.v3@v3.0.1:12",
    ]);
    expect(packages.some((item) => item.name === "golang.org/x/sys")).toBe(false);
  });

  it("refuses a line that is not module version hash, naming it", () => {
    expect(() => parseGoSum("a v1.0.0 h1:abc=\nb v1.0.0\n", "go.sum")).toThrow(/go\.sum:2/);
  });
});
