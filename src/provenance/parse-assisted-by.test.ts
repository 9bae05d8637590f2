import { describe, expect, it } from "vitest";
import { parseAssistedBy } from "./parse-assisted-by.js";

describe("parseAssistedBy (Linux kernel disclosure preset)", () => {
  it.each([
    ["Claude:claude-3-opus coccinelle sparse", { agent: "Claude", model: "claude-3-opus", tools: ["coccinelle", "sparse"] }],
    ["Claude:claude-3-opus [coccinelle] [sparse]", { agent: "Claude", model: "claude-3-opus", tools: ["coccinelle", "sparse"] }],
    ["Cursor:gpt-5", { agent: "Cursor", model: "gpt-5", tools: [] }],
    ["Claude Code:claude-opus-4", { agent: "Claude Code", model: "claude-opus-4", tools: [] }],
    ["GitHub Copilot", { agent: "GitHub Copilot", tools: [] }],
    ["Claude <noreply@anthropic.com>", { agent: "Claude <noreply@anthropic.com>", tools: [] }],
    ["https://example.com/tool", { agent: "https://example.com/tool", tools: [] }],
    ["Claude:", { agent: "Claude", tools: [] }],
    [":model", { agent: ":model", tools: [] }],
  ])("parses %j", (value, expected) => {
    expect(parseAssistedBy(value)).toEqual(expected);
  });
});
