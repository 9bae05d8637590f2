import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePyprojectToml } from "./pyproject-toml.js";

describe("parsePyprojectToml", () => {
  it("reads PEP 621, PEP 735 groups and Poetry sections", () => {
    const text = readFileSync(new URL("../__fixtures__/pyproject-toml/pyproject.toml", import.meta.url), "utf8");
    expect(
      parsePyprojectToml(text, "pyproject.toml").map((item) => [item.name, item.version ?? null, item.range ?? null, item.dev]),
    ).toEqual([
      ["jinja2", "3.1.2", "==3.1.2", false],
      ["requests", null, ">=2.31", false],
      ["pydantic", null, ">=2.5,<3", false],
      ["psycopg", null, ">=3.1", false],
      ["pytest", null, ">=8", true],
      ["ruff", "0.4.4", "==0.4.4", true],
      ["httpx", null, "^0.27.0", false],
      ["pillow", "10.2.0", "10.2.0", false],
      ["mypy", null, "^1.10", true],
    ]);
  });

  it("refuses a dependency that is not PEP 508, naming the key", () => {
    expect(() => parsePyprojectToml('[project]\ndependencies = ["requests >= >= 2"]\n', "pyproject.toml")).toThrow(/project\.dependencies/);
  });

  it("reports the line of a TOML syntax error", () => {
    expect(() => parsePyprojectToml('[project]\nname = "x"\nname = "y"\n', "svc/pyproject.toml")).toThrow(/svc\/pyproject\.toml:3/);
  });
});
