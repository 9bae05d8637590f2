import { describe, expect, it } from "vitest";
import { HIT_SPACING, KeywordAutomaton } from "./keyword-automaton.js";

const found = (automaton: KeywordAutomaton, text: string) => {
  const hits = automaton.scan(text);
  return hits.keyword.map((k, i) => ({
    keyword: automaton.keywords[k],
    line: hits.line[i],
    lineStart: hits.lineStart[i],
    lineEnd: hits.lineEnd[i],
  }));
};

describe("KeywordAutomaton", () => {
  it("finds overlapping and nested keywords case-insensitively, with their lines", () => {
    const automaton = new KeywordAutomaton(["he", "she", "hers", "ghp_"]);
    expect(found(automaton, "x\nuSHErs GHP_1")).toEqual([
      { keyword: "she", line: 1, lineStart: 2, lineEnd: 14 },
      { keyword: "he", line: 1, lineStart: 2, lineEnd: 14 },
      { keyword: "hers", line: 1, lineStart: 2, lineEnd: 14 },
      { keyword: "ghp_", line: 1, lineStart: 2, lineEnd: 14 },
    ]);
  });

  it("does not match across a newline and ignores non-ASCII text", () => {
    const automaton = new KeywordAutomaton(["token"]);
    expect(found(automaton, "tok\nen ţoken tokén")).toEqual([]);
  });

  it("collapses repeated hits of one keyword close together on one line, but not on another line", () => {
    const automaton = new KeywordAutomaton(["key"]);
    expect(found(automaton, "key key key\nkey")).toHaveLength(2);
    expect(found(automaton, `key${" ".repeat(HIT_SPACING)}key`)).toHaveLength(2);
  });

  it("flags text holding a NUL as binary", () => {
    expect(new KeywordAutomaton(["a"]).scan("a\u0000b").binary).toBe(true);
  });

  it("refuses keywords that are not lower-case ASCII", () => {
    expect(() => new KeywordAutomaton(["Token"])).toThrow(/lower case/);
    expect(() => new KeywordAutomaton(["tökén"])).toThrow(/ASCII/);
  });
});
