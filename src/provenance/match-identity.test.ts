import { describe, expect, it } from "vitest";
import {
  botLoginFromEmail,
  compilePattern,
  firstCompiledMatch,
  formatIdentity,
  isBotName,
  matchesPattern,
  parseIdentity,
  PatternIndex,
} from "./match-identity.js";

describe("matchesPattern", () => {
  it.each([
    ["noreply@anthropic.com", "noreply@anthropic.com", true],
    ["NoReply@Anthropic.COM", "noreply@anthropic.com", true],
    ["  noreply@anthropic.com ", "noreply@anthropic.com", true],
    ["x-noreply@anthropic.com", "noreply@anthropic.com", false],
    ["198982749+Copilot@users.noreply.github.com", "*+Copilot@users.noreply.github.com", true],
    ["198982749+COPILOT@USERS.NOREPLY.GITHUB.COM", "*+copilot@users.noreply.github.com", true],
    ["12345+NotCopilot@users.noreply.github.com", "*+Copilot@users.noreply.github.com", false],
    ["Paul Gauthier (aider)", "* (aider)", true],
    ["Paul Gauthier(aider)", "* (aider)", false],
    ["Raider", "* (aider)", false],
    ["", "*", false],
    ["anything", "*", false],
    ["", "", false],
    ["Claude", "Claude", true],
    ["Claude Shannon", "Claude", false],
  ])("%j against %j is %s", (value, pattern, expected) => {
    expect(matchesPattern(value, pattern)).toBe(expected);
  });

  it("treats regular-expression characters in a pattern literally", () => {
    expect(matchesPattern("copilot-swe-agent[bot]", "copilot-swe-agent[bot]")).toBe(true);
    expect(matchesPattern("copilot-swe-agentb", "copilot-swe-agent[bot]")).toBe(false);
    expect(matchesPattern("anything", ".*")).toBe(false);
    expect(matchesPattern("a.b", "*.b")).toBe(true);
    expect(matchesPattern("axb", "*.b")).toBe(false);
  });

  it("never matches a missing value", () => {
    expect(matchesPattern(undefined, "noreply@anthropic.com")).toBe(false);
  });

  it("compares Unicode in one normal form", () => {
    // "é" precomposed vs. "e" + combining acute.
    expect(matchesPattern("Jos\u00e9", "Jose\u0301")).toBe(true);
  });
});

describe("parseIdentity", () => {
  it.each([
    ["Claude <noreply@anthropic.com>", { name: "Claude", email: "noreply@anthropic.com" }],
    ["aider (gpt-4o) <aider@aider.chat>", { name: "aider (gpt-4o)", email: "aider@aider.chat" }],
    ["Claude Code", { name: "Claude Code" }],
    ["<noreply@anthropic.com>", { name: "", email: "noreply@anthropic.com" }],
    ["Claude\n   <noreply@anthropic.com>", { name: "Claude", email: "noreply@anthropic.com" }],
    ["Broken <no-close", { name: "Broken <no-close" }],
    ["Empty <>", { name: "Empty" }],
  ])("parses %j", (value, expected) => {
    expect(parseIdentity(value)).toEqual(expected);
  });
});

describe("bot names", () => {
  it("recognises GitHub App names and no-reply emails", () => {
    expect(isBotName("dependabot[bot]")).toBe(true);
    expect(isBotName("Dependabot")).toBe(false);
    expect(isBotName(undefined)).toBe(false);
    expect(botLoginFromEmail("49699333+dependabot[bot]@users.noreply.github.com")).toBe("dependabot[bot]");
    expect(botLoginFromEmail("gemini-cli[bot]@users.noreply.github.com")).toBe("gemini-cli[bot]");
    expect(botLoginFromEmail("12345+jane@users.noreply.github.com")).toBeUndefined();
    expect(botLoginFromEmail("1+[bot]@users.noreply.github.com")).toBeUndefined();
    expect(botLoginFromEmail("bot[bot]@example.com")).toBeUndefined();
    expect(botLoginFromEmail(undefined)).toBeUndefined();
  });

  it("formats identities for evidence", () => {
    expect(formatIdentity({ name: "Jane", email: "jane@example.com" })).toBe("Jane <jane@example.com>");
    expect(formatIdentity({ email: "jane@example.com" })).toBe("<jane@example.com>");
    expect(formatIdentity({ name: "Jane" })).toBe("Jane");
  });
});

describe("PatternIndex", () => {
  it("answers as matching each owner's list in order would", () => {
    const owners = [
      ["noreply@anthropic.com", "*+claude[bot]@users.noreply.github.com"],
      ["*@users.noreply.github.com", "codex@openai.com"],
      ["*+Copilot@users.noreply.github.com", "copilot@github.com", "*@github.com"],
    ].map((list) => list.map(compilePattern));
    const index = new PatternIndex();
    owners.forEach((patterns, owner) => {
      index.add(owner, patterns);
    });
    const values = [
      "noreply@anthropic.com",
      "1+claude[bot]@users.noreply.github.com",
      "198982749+copilot@users.noreply.github.com",
      "copilot@github.com",
      "codex@openai.com",
      "x@example.com",
      "",
    ];
    for (const value of values) {
      const hits = index.match(value);
      owners.forEach((patterns, owner) => {
        expect(hits.get(owner)?.pattern.source, `${value} / owner ${String(owner)}`).toBe(firstCompiledMatch(value, patterns)?.source);
      });
    }
  });
});
