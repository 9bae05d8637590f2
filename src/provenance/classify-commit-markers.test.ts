import { describe, expect, it } from "vitest";
import type { Commit } from "../model/commit.js";
import { JANE, makeCommit } from "./__fixtures__/make-commit.js";
import { classifyCommit } from "./classify-commit.js";
import { buildRegistry } from "./signature-registry.js";

const registry = buildRegistry();

/** A commit with exactly this message, as git stores it: git's own trailer block parsed from the
 * final paragraph only when every line of it is a trailer (approximated: none here is). */
function withMessage(message: string, gitTrailers: [string, string][] = []): Commit {
  const base = makeCommit({ author: JANE });
  const newline = message.indexOf("\n");
  return {
    ...base,
    subject: newline === -1 ? message : message.slice(0, newline),
    message,
    trailers: gitTrailers.map(([key, value]) => ({ key, value })),
  };
}

interface Case {
  note: string;
  message: string;
  expect: { kind: string; agent?: string; basis?: string };
}

const CASES: Case[] = [
  {
    note: "a GitHub squash body lists the agent's co-author after the dashes, before a session paragraph",
    message:
      "Fix login redirect (#42)\n\n* Initial plan\n\n* Fix the redirect\n\n---------\n\nCo-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>\nCo-authored-by: Jane Doe <jane.doe@example.com>\n\nCopilot-Session: 0f3b8a52-8c1e-4a7e-9a0a-2b7d3c1e5f60\nSome trailing prose git takes for the last paragraph.\n",
    expect: { kind: "agent", agent: "github-copilot", basis: "commit" },
  },
  {
    note: "a co-author line in the middle of the body, followed by prose",
    message: "feat: export\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n\nMore notes after it.\n",
    expect: { kind: "agent", agent: "claude-code" },
  },
  {
    note: "Coding-Agent names the tool",
    message: "chore: tidy\n\nCoding-Agent: codex\nSession-ID: 01a10c19\n",
    expect: { kind: "agent", agent: "openai-codex" },
  },
  { note: "Made-with names Cursor", message: "fix: x\n\nMade-with: Cursor\n", expect: { kind: "agent", agent: "cursor" } },
  {
    note: "AI-Assisted without a known tool",
    message: "fix: x\n\nAI-Assisted: yes\n",
    expect: { kind: "agent", agent: "unidentified-agent" },
  },
  { note: "AI-Assisted: no is a declaration of no agent", message: "fix: x\n\nAI-Assisted: no\n", expect: { kind: "human" } },
  {
    note: "Generated-by with a model in parentheses",
    message: "fix: x\n\nGenerated-by: Claude Code (claude-opus-4)\n",
    expect: { kind: "agent", agent: "claude-code" },
  },
  {
    note: "Claude Code's own footer line, no trailer",
    message: "fix: x\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n",
    expect: { kind: "agent", agent: "claude-code" },
  },
  {
    note: "Cursor's footer line",
    message: "docs: x\n\nMade with [Cursor](https://cursor.com)\n",
    expect: { kind: "agent", agent: "cursor" },
  },
  {
    note: "Amp's thread trailer outside the trailer block",
    message: "fix: x\n\nAmp-Thread-ID: https://ampcode.com/threads/T-1\n\nnotes\n",
    expect: { kind: "agent", agent: "amp" },
  },
  {
    note: "Claude Code's session trailer",
    message: "fix: x\n\nClaude-Session: https://claude.ai/code/session_01F5QQ\n",
    expect: { kind: "agent", agent: "claude-code" },
  },
  { note: "aider's old subject prefix", message: "aider: Added retry to the client\n", expect: { kind: "agent", agent: "aider" } },
  // True negatives: the same words where a person wrote them.
  {
    note: "a footer quoted as a bullet is prose",
    message: "docs: x\n\n- Generated with [Claude Code] footers are removed\n",
    expect: { kind: "human" },
  },
  {
    note: "a quoted co-author line is not a trailer",
    message: "docs: x\n\n> Co-authored-by: Claude <noreply@anthropic.com>\n",
    expect: { kind: "human" },
  },
  {
    note: "curl credits people with Assisted-by",
    message: "docs: review guide\n\nAssisted-by: Daniel Gustafsson\nAssisted-by: Rich Salz\n",
    expect: { kind: "human" },
  },
  {
    note: "a co-author named Claude at a personal address",
    message: "feat: x\n\nCo-Authored-By: Claude Dioudonnat <claude@dioudonnat.fr>\n",
    expect: { kind: "human" },
  },
  { note: "the subject alone mentions an agent", message: "OpenHands: default onboarding model (#1103)\n", expect: { kind: "human" } },
  { note: "an aider-like word in the subject", message: "aiders: rename helpers\n", expect: { kind: "human" } },
];

describe("classifyCommit on real message shapes", () => {
  it.each(CASES)("$note", ({ message, expect: expected }) => {
    const result = classifyCommit(withMessage(message), registry);
    expect(result).toMatchObject(expected);
  });

  it("counts a co-author once when git and the body scan both see it", () => {
    const message = "fix: x\n\nCo-authored-by: Claude <noreply@anthropic.com>\n";
    const result = classifyCommit(withMessage(message, [["Co-authored-by", "Claude <noreply@anthropic.com>"]]), registry);
    expect(result.evidence.filter((item) => item.signal === "trailer")).toHaveLength(1);
  });
});

describe("applied review suggestions", () => {
  it("attributes an applied AI suggestion to the reviewer with basis suggestion", () => {
    const message =
      "Apply suggestion from @coderabbitai[bot]\n\nCo-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>\n";
    const result = classifyCommit(withMessage(message), registry);
    expect(result).toMatchObject({ kind: "agent", agent: "coderabbit", basis: "suggestion" });
  });

  it("reads a batch of suggestions by its co-authors", () => {
    const message = "Apply suggestions from code review\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>\n";
    expect(classifyCommit(withMessage(message), registry)).toMatchObject({
      kind: "agent",
      agent: "copilot-code-review",
      basis: "suggestion",
    });
  });

  it("keeps a person's applied suggestion human", () => {
    const message = "Apply suggestions from code review\n\nCo-authored-by: Ada Lovelace <ada@example.com>\n";
    expect(classifyCommit(withMessage(message), registry).kind).toBe("human");
  });

  it("keeps an AI review co-author on another commit an AI reviewer's, not an agent's", () => {
    const message = "fix: x\n\nCo-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>\n";
    expect(classifyCommit(withMessage(message), registry).kind).toBe("ai-reviewer");
  });
});

describe("maintenance bots beside a person", () => {
  it("keeps a person's commit that Dependabot signed off human, with the bot noted", () => {
    const result = classifyCommit(
      makeCommit({ trailers: [["Signed-off-by", "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"]] }),
      registry,
    );
    expect(result.kind).toBe("human");
    expect(result.evidence).toContainEqual(expect.objectContaining({ kind: "maintenance-bot", subject: "dependabot" }));
  });

  it("keeps a person's commit that GitHub Actions committed human", () => {
    const result = classifyCommit(
      makeCommit({ committer: ["github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"] }),
      registry,
    );
    expect(result.kind).toBe("human");
  });

  it("still calls a bot's own commit a maintenance-bot commit", () => {
    const result = classifyCommit(makeCommit({ author: ["renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com"] }), registry);
    expect(result).toMatchObject({ kind: "maintenance-bot", agent: "renovate" });
  });
});
