import { describe, expect, it } from "vitest";
import type { Evidence } from "../model/provenance.js";
import { confidenceFor, decideAttribution, decidingSubjects, humanConfidence } from "./decide-attribution.js";

function ev(partial: Pick<Evidence, "signal" | "strength" | "subject" | "kind">): Evidence {
  return { ...partial, detail: `${partial.signal} ${partial.subject}` };
}

describe("decideAttribution", () => {
  it("decides human when there is no evidence", () => {
    expect(decideAttribution([])).toEqual({ kind: "human", basis: "commit", confidence: 0.9, evidence: [] });
  });

  it("never lets weak evidence decide, however much of it", () => {
    const evidence = [
      ev({ signal: "branch", strength: "weak", subject: "devin", kind: "agent" }),
      ev({ signal: "label", strength: "weak", subject: "devin", kind: "agent" }),
      ev({ signal: "message", strength: "weak", subject: "devin", kind: "agent" }),
      ev({ signal: "branch", strength: "weak", subject: "cursor", kind: "agent" }),
      ev({ signal: "message", strength: "weak", subject: "claude-code", kind: "agent" }),
    ];
    const result = decideAttribution(evidence);
    expect(result.kind).toBe("human");
    expect(result.confidence).toBe(0.5);
    expect(result.evidence).toEqual(evidence);
  });

  it("ranks agent over AI reviewer over maintenance bot", () => {
    const bot = ev({ signal: "author", strength: "medium", subject: "dependabot", kind: "maintenance-bot" });
    const reviewer = ev({ signal: "trailer", strength: "medium", subject: "coderabbit", kind: "ai-reviewer" });
    const agent = ev({ signal: "trailer", strength: "medium", subject: "aider", kind: "agent" });
    expect(decideAttribution([bot, reviewer, agent])).toMatchObject({ kind: "agent", agent: "aider" });
    expect(decideAttribution([bot, reviewer])).toMatchObject({ kind: "ai-reviewer", agent: "coderabbit" });
    expect(decideAttribution([bot])).toMatchObject({ kind: "maintenance-bot", agent: "dependabot" });
  });

  it("prefers the subject with the stronger evidence, then more signals, then the first seen", () => {
    const strong = ev({ signal: "account-id", strength: "strong", subject: "github-copilot", kind: "agent" });
    const medium = ev({ signal: "trailer", strength: "medium", subject: "claude-code", kind: "agent" });
    expect(decideAttribution([medium, strong]).agent).toBe("github-copilot");
    const corroborated = [medium, ev({ signal: "message", strength: "weak", subject: "claude-code", kind: "agent" })];
    const other = ev({ signal: "trailer", strength: "medium", subject: "cursor", kind: "agent" });
    expect(decideAttribution([other, ...corroborated]).agent).toBe("claude-code");
    expect(decideAttribution([other, medium]).agent).toBe("cursor");
  });

  it("scores confidence by the documented scale", () => {
    const id = ev({ signal: "account-id", strength: "strong", subject: "devin", kind: "agent" });
    const login = ev({ signal: "login", strength: "medium", subject: "devin", kind: "agent" });
    const branch = ev({ signal: "branch", strength: "weak", subject: "devin", kind: "agent" });
    expect(decideAttribution([login]).confidence).toBe(0.8);
    expect(decideAttribution([id]).confidence).toBe(0.95);
    // 0.8 + 0.2 × 0.2
    expect(decideAttribution([login, branch]).confidence).toBe(0.84);
    // Repeating one signal does not inflate confidence.
    expect(decideAttribution([login, login, login]).confidence).toBe(0.8);
    expect(decideAttribution([id, login, branch]).confidence).toBeLessThanOrEqual(0.99);
  });

  it("ignores human evidence when deciding", () => {
    const human = ev({ signal: "author", strength: "medium", subject: "jane@example.com", kind: "human" });
    expect(decideAttribution([human])).toMatchObject({ kind: "human", confidence: 0.9 });
    expect(humanConfidence([human])).toBe(0.9);
  });
});

describe("decidingSubjects and confidenceFor", () => {
  const evidence = [
    ev({ signal: "trailer", strength: "medium", subject: "cursor", kind: "agent" }),
    ev({ signal: "account-id", strength: "strong", subject: "devin", kind: "agent" }),
    ev({ signal: "branch", strength: "weak", subject: "github-copilot", kind: "agent" }),
    ev({ signal: "author", strength: "medium", subject: "renovate", kind: "maintenance-bot" }),
  ];

  it("lists deciding subjects of one kind, strongest first", () => {
    expect(decidingSubjects(evidence, "agent")).toEqual(["devin", "cursor"]);
    expect(decidingSubjects(evidence, "maintenance-bot")).toEqual(["renovate"]);
    expect(decidingSubjects(evidence, "ai-reviewer")).toEqual([]);
  });

  it("gives zero confidence for a subject without evidence", () => {
    expect(confidenceFor(evidence, "agent", "devin")).toBe(0.95);
    expect(confidenceFor(evidence, "agent", "aider")).toBe(0);
  });
});
