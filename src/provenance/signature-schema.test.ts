import { describe, expect, it } from "vitest";
import { BUILTIN_SIGNATURES } from "./agent-signatures.js";
import { agentSignatureSchema, identityPatternSchema, signatureListIssues } from "./signature-schema.js";

describe("identityPatternSchema", () => {
  it.each(["claude", "noreply@anthropic.com", "*+Copilot@users.noreply.github.com", "* (aider)", "copilot-swe-agent[bot]"])(
    "accepts %j",
    (pattern) => {
      expect(identityPatternSchema.safeParse(pattern).success).toBe(true);
    },
  );

  it.each([
    ["", "must not be empty"],
    ["   ", "must not be empty"],
    ["*", "needs text after `*`"],
    ["*  ", "needs text after `*`"],
    ["bot*@acme.example", "`*` may only start a pattern"],
    ["**@acme.example", "`*` may only start a pattern"],
  ])("rejects %j: %s", (pattern, message) => {
    const result = identityPatternSchema.safeParse(pattern);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([expect.stringContaining(message)]);
  });
});

describe("signatureListIssues", () => {
  it("finds nothing in the built-in table, nor in new ids and kind-keeping extensions", () => {
    expect(signatureListIssues(BUILTIN_SIGNATURES)).toEqual([]);
    expect(
      signatureListIssues([
        { id: "acme-agent", kind: "agent" },
        { id: "dependabot", kind: "maintenance-bot" },
        { id: "coderabbit", kind: "ai-reviewer" },
      ]),
    ).toEqual([]);
  });

  it("reports a repeated id at the later entry, naming both", () => {
    const issues = signatureListIssues([
      { id: "acme", kind: "agent" },
      { id: "other", kind: "agent" },
      { id: "acme", kind: "agent" },
    ]);
    expect(issues).toEqual([
      { index: 2, key: "id", message: expect.stringContaining('"acme" is defined twice (entries 0 and 2)') as string },
    ]);
  });

  it("reports an extension that changes a built-in's kind at its kind, saying which kind to keep", () => {
    const issues = signatureListIssues([
      { id: "acme", kind: "agent" },
      { id: "copilot-code-review", kind: "agent" },
    ]);
    expect(issues).toEqual([{ index: 1, key: "kind", message: expect.stringContaining('set kind to "ai-reviewer"') as string }]);
  });

  it("reports both problems when a repeated id also changes a built-in's kind", () => {
    const issues = signatureListIssues([
      { id: "renovate", kind: "maintenance-bot" },
      { id: "renovate", kind: "agent" },
    ]);
    expect(issues.map((issue) => [issue.index, issue.key])).toEqual([
      [1, "id"],
      [1, "kind"],
    ]);
  });
});

describe("agentSignatureSchema", () => {
  it("is strict: a key the model does not have (a regex) is refused", () => {
    expect(agentSignatureSchema.safeParse({ id: "acme", name: "ACME", kind: "agent", regex: ".*" }).success).toBe(false);
  });
});
