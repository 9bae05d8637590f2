import { describe, expect, it } from "vitest";
import type { AgentSignature } from "../model/agent-signature.js";
import { isCustodyError } from "../model/errors.js";
import { BUILTIN_SIGNATURES } from "./agent-signatures.js";
import { classifyCommit } from "./classify-commit.js";
import { makeCommit } from "./__fixtures__/make-commit.js";
import { buildRegistry } from "./signature-registry.js";

function policyError(extra: unknown[]): { code: string; message: string } {
  try {
    buildRegistry(extra as AgentSignature[]);
  } catch (error) {
    if (isCustodyError(error)) {
      return { code: error.code, message: error.message };
    }
    throw error;
  }
  throw new Error("expected buildRegistry to throw");
}

describe("buildRegistry", () => {
  it("holds the built-in signatures by default", () => {
    const registry = buildRegistry();
    expect(registry.signatures.map((signature) => signature.id)).toEqual(BUILTIN_SIGNATURES.map((signature) => signature.id));
    expect(registry.get("claude-code")?.name).toBe("Claude Code");
    expect(registry.get("no-such-agent")).toBeUndefined();
  });

  it("adds a policy-defined agent that the classifier then recognises", () => {
    const registry = buildRegistry([{ id: "acme-agent", name: "ACME Agent", kind: "agent", emails: ["agent@acme.example"] }]);
    const result = classifyCommit(makeCommit({ trailers: [["Co-authored-by", "ACME Agent <AGENT@acme.example>"]] }), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "acme-agent" });
    // Without the policy entry the same commit is a person's.
    expect(classifyCommit(makeCommit({ trailers: [["Co-authored-by", "ACME Agent <agent@acme.example>"]] }), buildRegistry()).kind).toBe(
      "human",
    );
  });

  it("extends a built-in by id, keeping what it had", () => {
    const registry = buildRegistry([
      { id: "github-copilot", name: "Copilot (ACME mirror)", kind: "agent", emails: ["copilot@git.acme.example"] },
    ]);
    const copilot = registry.get("github-copilot");
    expect(copilot?.name).toBe("Copilot (ACME mirror)");
    expect(copilot?.emails).toEqual(expect.arrayContaining(["198982749+Copilot@users.noreply.github.com", "copilot@git.acme.example"]));
    expect(copilot?.accountIds).toEqual([198982749]);
    expect(registry.signatures).toHaveLength(BUILTIN_SIGNATURES.length);
    expect(classifyCommit(makeCommit({ author: ["Copilot", "copilot@git.acme.example"] }), registry)).toMatchObject({
      kind: "agent",
      agent: "github-copilot",
    });
  });

  it("keeps the built-in display name when the extension's name is only its id", () => {
    const registry = buildRegistry([{ id: "claude-code", name: "claude-code", kind: "agent", logins: ["acme-claude[bot]"] }]);
    expect(registry.get("claude-code")?.name).toBe("Claude Code");
    expect(registry.get("claude-code")?.logins).toContain("acme-claude[bot]");
  });

  it("does not duplicate an entry the built-in already has, whatever its case", () => {
    const registry = buildRegistry([{ id: "claude-code", name: "Claude Code", kind: "agent", emails: ["NOREPLY@anthropic.com"] }]);
    expect(registry.get("claude-code")?.emails?.filter((email) => email.toLowerCase() === "noreply@anthropic.com")).toHaveLength(1);
  });

  it("rejects two policy entries with the same id", () => {
    const error = policyError([
      { id: "acme-agent", name: "A", kind: "agent" },
      { id: "acme-agent", name: "B", kind: "agent" },
    ]);
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.message).toContain('"acme-agent" is defined twice');
    expect(error.message).toContain("entries 0 and 1");
  });

  it("rejects an extension that changes a built-in's kind", () => {
    const error = policyError([{ id: "dependabot", name: "Dependabot", kind: "agent" }]);
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.message).toContain('"dependabot"');
    expect(error.message).toContain("maintenance-bot");
  });

  it.each([
    [{ id: "Bad_Id", name: "x", kind: "agent" }, "key id"],
    [{ id: "ok", name: "x", kind: "robot" }, "key kind"],
    [{ id: "ok", name: "x", kind: "agent", emails: ["*"] }, "needs text after `*`"],
    [{ id: "ok", name: "x", kind: "agent", emails: ["a*b@example.com"] }, "`*` may only start a pattern"],
    [{ id: "ok", name: "x", kind: "agent", names: [""] }, "key names.0"],
    [{ id: "ok", name: "x", kind: "agent", markers: ["ai"] }, "key markers.0"],
    [{ id: "ok", name: "x", kind: "agent", trailerValues: ["Co authored by"] }, "git trailer key"],
    [{ id: "ok", name: "x", kind: "agent", accountIds: [-1] }, "key accountIds.0"],
    [{ id: "ok", name: "x", kind: "agent", regex: ".*" }, "regex"],
  ])("rejects a malformed entry %j", (entry, fragment) => {
    const error = policyError([entry]);
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.message).toContain("signature 0");
    expect(error.message).toContain(fragment);
  });

  it("names the entry by index and id in the message", () => {
    const error = policyError([
      { id: "fine", name: "Fine", kind: "agent" },
      { id: "broken", name: "", kind: "agent" },
    ]);
    expect(error.message).toContain('signature 1 ("broken"), key name');
  });
});
