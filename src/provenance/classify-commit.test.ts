import { describe, expect, it } from "vitest";
import { classifyCommit } from "./classify-commit.js";
import { JANE, makeCommit } from "./__fixtures__/make-commit.js";
import { buildRegistry } from "./signature-registry.js";

const registry = buildRegistry();

describe("classifyCommit", () => {
  it("calls a plain human commit human, with the author as evidence", () => {
    const result = classifyCommit(makeCommit({ sha: "f".repeat(40) }), registry);
    expect(result).toMatchObject({ sha: "f".repeat(40), kind: "human", confidence: 0.9 });
    expect(result.agent).toBeUndefined();
    expect(result.evidence).toEqual([
      expect.objectContaining({
        signal: "author",
        kind: "human",
        subject: "jane.doe@example.com",
        detail: expect.stringContaining("Jane Doe <jane.doe@example.com>"),
      }),
    ]);
  });

  it("calls a human commit with an agent co-author agent-assisted", () => {
    const result = classifyCommit(makeCommit({ trailers: [["Co-authored-by", "Claude <noreply@anthropic.com>"]] }), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "claude-code", confidence: 0.8 });
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        signal: "trailer",
        strength: "medium",
        subject: "claude-code",
        detail: expect.stringContaining("noreply@anthropic.com"),
      }),
    );
    // The human author is still on record.
    expect(result.evidence).toContainEqual(expect.objectContaining({ signal: "author", kind: "human" }));
  });

  it("keeps a human co-author human", () => {
    expect(classifyCommit(makeCommit({ trailers: [["Co-authored-by", "Jane <jane@example.com>"]] }), registry).kind).toBe("human");
  });

  it("reads every one of several co-authors", () => {
    const result = classifyCommit(
      makeCommit({
        trailers: [
          ["Co-authored-by", "Grace Hopper <grace.hopper@example.org>"],
          ["Co-authored-by", "Cursor Agent <cursoragent@cursor.com>"],
          ["Co-authored-by", "Claude <noreply@anthropic.com>"],
        ],
      }),
      registry,
    );
    expect(result).toMatchObject({ kind: "agent", agent: "cursor" });
    const subjects = result.evidence.filter((item) => item.kind === "agent").map((item) => item.subject);
    expect(subjects).toEqual(["cursor", "claude-code"]);
  });

  it("matches trailer keys and identities whatever their case", () => {
    const result = classifyCommit(makeCommit({ trailers: [["CO-AUTHORED-BY", "CLAUDE <NoReply@Anthropic.Com>"]] }), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "claude-code" });
  });

  it("survives a folded trailer value", () => {
    const result = classifyCommit(
      makeCommit({ trailers: [["Co-authored-by", "copilot-swe-agent[bot]\n <198982749+Copilot@users.noreply.github.com>"]] }),
      registry,
    );
    expect(result).toMatchObject({ kind: "agent", agent: "github-copilot" });
  });

  it("ignores agent identities under trailer keys that do not name authors", () => {
    const result = classifyCommit(makeCommit({ trailers: [["Reported-by", "Claude <noreply@anthropic.com>"]] }), registry);
    expect(result.kind).toBe("human");
  });

  it("honours a signature's own trailer keys", () => {
    const custom = buildRegistry([
      { id: "acme-agent", name: "ACME", kind: "agent", emails: ["bot@acme.example"], trailerValues: ["Made-by"] },
    ]);
    expect(classifyCommit(makeCommit({ trailers: [["Made-by", "ACME <bot@acme.example>"]] }), custom)).toMatchObject({
      kind: "agent",
      agent: "acme-agent",
    });
    expect(classifyCommit(makeCommit({ trailers: [["Co-authored-by", "ACME <bot@acme.example>"]] }), custom).kind).toBe("human");
  });

  it("treats a tool named under Generated-by as deciding, and an unknown tool as nothing", () => {
    expect(classifyCommit(makeCommit({ trailers: [["Generated-by", "Claude Code"]] }), registry)).toMatchObject({
      kind: "agent",
      agent: "claude-code",
    });
    expect(classifyCommit(makeCommit({ trailers: [["Generated-by", "protoc 25.1"]] }), registry).kind).toBe("human");
  });

  it("records the model of a kernel-style Assisted-by trailer", () => {
    const result = classifyCommit(makeCommit({ trailers: [["Assisted-by", "Cursor Agent:gpt-5 clang-tidy"]] }), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "cursor" });
    expect(result.evidence.find((item) => item.subject === "cursor")?.detail).toContain("model gpt-5");
  });

  it.each([
    ["Assisted-by", "Claude:claude-3-opus coccinelle", "claude-code"],
    ["Assisted-by", "Copilot:gpt-4.1", "github-copilot"],
    ["Assisted-by", "Cursor:cursor-small", "cursor"],
    ["Assisted-by", "Codex CLI:gpt-5-codex", "openai-codex"],
    ["Assisted-by", "Gemini:gemini-2.5-pro", "gemini-cli"],
    ["Assisted-by", "aider:deepseek-chat", "aider"],
    ["Assisted-by", "GitHub Copilot", "github-copilot"],
    ["Generated-by", "Claude Code (claude-opus-4)", "claude-code"],
    ["Generated-by", "OpenHands", "openhands"],
  ])("reads the disclosure %s: %s", (key, value, agent) => {
    expect(classifyCommit(makeCommit({ trailers: [[key, value]] }), registry)).toMatchObject({ kind: "agent", agent });
  });

  it.each([
    ["Co-authored-by", "Cursor <cursor.lee@example.com>"],
    ["Co-authored-by", "Gemini <gemini.twin@example.com>"],
    ["Assisted-by", "Jane Doe <jane.doe@example.com>"],
    ["Generated-by", "make (GNU Make 4.4)"],
  ])("does not take %s: %s for an agent", (key, value) => {
    expect(classifyCommit(makeCommit({ trailers: [[key, value]] }), registry).kind).toBe("human");
  });

  it("lists a weak hint but still decides human, with lower confidence", () => {
    // A mention inside prose, not the tool's own footer line.
    const result = classifyCommit(
      makeCommit({ body: "Drop the lines that say Generated with [Claude Code](https://claude.ai/code) from the docs." }),
      registry,
    );
    expect(result.kind).toBe("human");
    expect(result.confidence).toBe(0.8);
    expect(result.evidence).toContainEqual(expect.objectContaining({ signal: "message", strength: "weak", subject: "claude-code" }));
  });

  it("raises confidence when a message marker corroborates an identity", () => {
    const bare = classifyCommit(makeCommit({ trailers: [["Co-authored-by", "Claude <noreply@anthropic.com>"]] }), registry);
    const footed = classifyCommit(
      makeCommit({
        body: "🤖 Generated with [Claude Code](https://claude.ai/code)",
        trailers: [["Co-authored-by", "Claude <noreply@anthropic.com>"]],
      }),
      registry,
    );
    expect(footed.kind).toBe("agent");
    expect(footed.confidence).toBeGreaterThan(bare.confidence);
  });

  it("reads the committer when it differs from the author", () => {
    const result = classifyCommit(makeCommit({ author: JANE, committer: ["Jane Doe (aider)", "jane.doe@example.com"] }), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "aider" });
    expect(result.evidence).toContainEqual(expect.objectContaining({ signal: "committer", subject: "aider" }));
  });

  it("calls an unknown GitHub App bot a maintenance bot, never a person", () => {
    const result = classifyCommit(
      makeCommit({ author: ["release-please[bot]", "55107282+release-please[bot]@users.noreply.github.com"] }),
      registry,
    );
    expect(result).toMatchObject({ kind: "maintenance-bot", agent: "release-please[bot]" });
  });

  it("calls a commit an AI reviewer wrote ai-reviewer, not agent", () => {
    const result = classifyCommit(
      makeCommit({ author: ["coderabbitai[bot]", "136622811+coderabbitai[bot]@users.noreply.github.com"] }),
      registry,
    );
    expect(result).toMatchObject({ kind: "ai-reviewer", agent: "coderabbit" });
  });

  it("returns the required provenance trailers by lower-cased key", () => {
    const commit = makeCommit({
      trailers: [
        ["Co-authored-by", "Claude <noreply@anthropic.com>"],
        ["Agent-Task", "PROJ-42"],
        ["Task-Ref", "T-1"],
      ],
    });
    expect(classifyCommit(commit, registry).provenanceTrailers).toEqual({ "agent-task": "PROJ-42" });
    expect(classifyCommit(commit, registry, { requiredTrailers: ["Task-Ref"] }).provenanceTrailers).toEqual({ "task-ref": "T-1" });
  });
});
