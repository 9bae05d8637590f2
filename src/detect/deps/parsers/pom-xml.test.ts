import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePomXml } from "./pom-xml.js";

describe("parsePomXml", () => {
  it("reads project dependencies with properties resolved; ranges stay ranges; test scope is dev", () => {
    const text = readFileSync(new URL("../__fixtures__/pom-xml/pom.xml", import.meta.url), "utf8");
    expect(parsePomXml(text, "pom.xml").map((item) => [item.name, item.version ?? null, item.range ?? null, item.dev])).toEqual([
      ["com.fasterxml.jackson.core:jackson-databind", "2.13.2", "2.13.2", false],
      ["org.apache.commons:commons-text", "1.9", "1.9", false],
      ["com.google.guava:guava", null, "[32.0,33.0)", false],
      ["org.junit.jupiter:junit-jupiter", "5.10.2", "5.10.2", true],
    ]);
  });

  it("reads a single dependency and a POM without dependencies", () => {
    const one =
      "<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies></project>";
    expect(parsePomXml(one, "pom.xml").map((item) => item.name)).toEqual(["g:a"]);
    expect(parsePomXml("<project><modelVersion>4.0.0</modelVersion></project>", "pom.xml")).toEqual([]);
  });

  it("keeps an unresolvable property as a range, not a version", () => {
    const text =
      "<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>${missing}</version></dependency></dependencies></project>";
    expect(parsePomXml(text, "pom.xml")[0]?.version).toBeUndefined();
  });

  it("refuses a dependency without an artifactId", () => {
    expect(() =>
      parsePomXml("<project><dependencies><dependency><groupId>g</groupId></dependency></dependencies></project>", "pom.xml"),
    ).toThrow(/artifactId/);
  });
});
