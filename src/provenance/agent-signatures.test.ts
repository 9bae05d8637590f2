// Meta-test over the built-in signature table: ids unique and kebab-case, the table passes the
// same validation a policy entry does, every signature has samples, every positive sample
// classifies to its signature and every negative to what it states.
import { describe, expect, it } from "vitest";
import { BUILTIN_SIGNATURES } from "./agent-signatures.js";
import { classifyCommit } from "./classify-commit.js";
import { SIGNATURE_SAMPLES } from "./__fixtures__/signature-samples.js";
import { makeCommit } from "./__fixtures__/make-commit.js";
import { buildRegistry } from "./signature-registry.js";
import { agentSignatureSchema } from "./signature-schema.js";

const registry = buildRegistry();

/** The agents the issue names: each must be in the table. */
const REQUIRED_AGENTS = [
  "github-copilot",
  "claude-code",
  "openai-codex",
  "devin",
  "google-jules",
  "cursor",
  "aider",
  "amazon-q-developer",
  "gemini-cli",
  "openhands",
];

describe("built-in agent signatures", () => {
  it("have unique ids", () => {
    const ids = BUILTIN_SIGNATURES.map((signature) => signature.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(BUILTIN_SIGNATURES.map((signature) => [signature.id, signature] as const))(
    "%s passes the policy validation",
    (_id, signature) => {
      expect(agentSignatureSchema.safeParse(signature).success).toBe(true);
    },
  );

  it("cover every agent the issue names, the AI reviewers and the maintenance bots", () => {
    const ids = BUILTIN_SIGNATURES.map((signature) => signature.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        ...REQUIRED_AGENTS,
        "copilot-code-review",
        "coderabbit",
        "gemini-code-assist",
        "dependabot",
        "renovate",
        "github-actions",
      ]),
    );
    for (const id of REQUIRED_AGENTS) {
      expect(registry.get(id)?.kind).toBe("agent");
    }
    expect(registry.get("coderabbit")?.kind).toBe("ai-reviewer");
    expect(registry.get("dependabot")?.kind).toBe("maintenance-bot");
  });

  it("has samples for exactly the signatures in the table", () => {
    expect(Object.keys(SIGNATURE_SAMPLES).sort()).toEqual(BUILTIN_SIGNATURES.map((signature) => signature.id).sort());
  });

  it("gives every signature at least one positive and one negative sample", () => {
    for (const [id, samples] of Object.entries(SIGNATURE_SAMPLES)) {
      expect(samples.positives.length, id).toBeGreaterThan(0);
      expect(samples.negatives.length, id).toBeGreaterThan(0);
    }
  });
});

const positives = Object.entries(SIGNATURE_SAMPLES).flatMap(([id, samples]) =>
  samples.positives.map((sample) => [id, sample.note, sample] as const),
);
const negatives = Object.entries(SIGNATURE_SAMPLES).flatMap(([id, samples]) =>
  samples.negatives.map((sample) => [id, sample.note, sample] as const),
);

describe("signature samples", () => {
  it.each(positives)("%s positive: %s", (id, _note, sample) => {
    const result = classifyCommit(makeCommit(sample), registry);
    const signature = registry.get(id);
    expect(result.kind).toBe(signature?.kind);
    expect(result.agent).toBe(id);
    expect(result.confidence).toBeGreaterThanOrEqual(0.8);
    expect(result.evidence.some((item) => item.subject === id && item.strength !== "weak")).toBe(true);
  });

  it.each(negatives)("%s negative: %s", (id, _note, sample) => {
    const result = classifyCommit(makeCommit(sample), registry);
    expect(result.kind).toBe(sample.expect.kind);
    expect(result.agent).toBe(sample.expect.agent);
    // A negative never ends up attributed to the signature it probes (unless it says so).
    expect(result.agent === id).toBe(sample.expect.agent === id);
  });
});
