import { describe, expect, it } from "vitest";
import { actorKindOf, classifyActor } from "./classify-actor.js";
import { buildRegistry } from "./signature-registry.js";

const registry = buildRegistry();
const kindOf = actorKindOf(registry);

describe("classifyActor", () => {
  it.each([
    [{ login: "Copilot", id: 198982749, type: "Bot" }, "agent", "github-copilot"],
    [{ login: "copilot-pull-request-reviewer[bot]", id: 175728472, type: "Bot" }, "ai-reviewer", "copilot-code-review"],
    [{ login: "coderabbitai[bot]", type: "Bot" }, "ai-reviewer", "coderabbit"],
    [{ login: "gemini-code-assist[bot]", id: 176961590 }, "ai-reviewer", "gemini-code-assist"],
    [{ login: "dependabot[bot]", id: 49699333, type: "Bot" }, "maintenance-bot", "dependabot"],
    [{ login: "some-ci[bot]", type: "Bot" }, "maintenance-bot", "some-ci[bot]"],
    [{ login: "jane-doe", id: 1001, type: "User" }, "human", undefined],
    // The GitHub account `claude` is a person's, not Anthropic's.
    [{ login: "claude", id: 81847, type: "User" }, "human", undefined],
    // A renamed account that took the Copilot login cannot take its id.
    [{ login: "Copilot", id: 4242, type: "User" }, "human", undefined],
    // A git identity without a login: the email decides.
    [{ name: "Claude", email: "noreply@anthropic.com" }, "agent", "claude-code"],
    [{ name: "Devin Smith", email: "devin.smith@gmail.com" }, "human", undefined],
  ] as const)("%j is %s", (person, kind, agent) => {
    const result = classifyActor(person, registry);
    expect(result.kind).toBe(kind);
    expect(result.agent).toBe(agent);
    expect(kindOf(person)).toBe(kind);
  });

  it("keeps the evidence that decided", () => {
    const result = classifyActor({ login: "Copilot", id: 198982749 }, registry);
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ signal: "account-id", strength: "strong", subject: "github-copilot" }),
    );
    expect(result.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it("an id match beats a login that points elsewhere", () => {
    // The dependabot account id under the Copilot login: the id decides.
    const result = classifyActor({ login: "Copilot", id: 49699333 }, registry);
    expect(result.kind).toBe("maintenance-bot");
    expect(result.agent).toBe("dependabot");
  });
});
