import { describe, expect, it } from "vitest";
import type { Identity } from "../../model/actor.js";
import { policyOf, scenario } from "../__fixtures__/test-values.js";
import { classifyIdentity, policyActorKind } from "./classify-identity.js";
import type { RuleContext } from "../evaluate/rule-context.js";

function contextWith(policy: Record<string, unknown>, actorKind?: RuleContext["actorKind"]): RuleContext {
  return scenario({ commits: [], policy, ...(actorKind === undefined ? {} : { actorKind }) });
}

describe("classifyIdentity", () => {
  it("uses the caller's classifier when there is one", () => {
    const context = contextWith({}, (identity) => (identity.login === "sneaky" ? "agent" : "human"));
    expect(classifyIdentity(context, { login: "sneaky" })).toBe("agent");
    // The caller decides alone: even a built-in AI reviewer is what it says.
    expect(classifyIdentity(context, { login: "copilot-pull-request-reviewer[bot]", type: "Bot" })).toBe("human");
  });

  describe("without one, the provenance classifier with the policy's signatures", () => {
    const context = contextWith({
      agents: [
        { id: "acme-review", kind: "ai-reviewer", logins: ["acme-review-bot"] },
        { id: "claude-code", logins: ["acme-claude"] },
      ],
    });
    it.each<[string, Identity, string]>([
      ["a built-in AI reviewer", { login: "copilot-pull-request-reviewer[bot]", type: "Bot" }, "ai-reviewer"],
      ["a built-in maintenance bot", { login: "dependabot[bot]", type: "Bot" }, "maintenance-bot"],
      ["an AI reviewer the policy adds", { login: "ACME-Review-Bot" }, "ai-reviewer"],
      ["a login the policy adds to a built-in agent", { login: "acme-claude" }, "agent"],
      ["an unknown bot account", { login: "acme-ci[bot]", type: "Bot" }, "maintenance-bot"],
      ["an unknown account GitHub types as a bot", { login: "acme-ci", type: "Bot" }, "maintenance-bot"],
      ["a person", { login: "dana" }, "human"],
      ["a person named Claude: a name alone is weak evidence", { name: "Claude", email: "claude@example.com" }, "human"],
      ["the GitHub account `claude`, a person's", { login: "claude", id: 81847, type: "User" }, "human"],
    ])("%s", (_name, identity, kind) => {
      expect(classifyIdentity(context, identity)).toBe(kind);
    });
  });

  it("reuses one classifier per policy instead of rebuilding the registry for every identity", () => {
    const policy = policyOf({});
    expect(policyActorKind(policy)).toBe(policyActorKind(policy));
    expect(policyActorKind(policyOf({}))).not.toBe(policyActorKind(policy));
  });
});
