// Pull requests as GitHub sends them: every `pull_request` example of @octokit/webhooks-examples,
// read by the GitHub source, classified here — then the same payload as a Copilot coding agent,
// a Codex cloud task and Dependabot would have produced it.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readPullRequestEvent } from "../sources/github/read-event.js";
import { classifyChange } from "./classify-change.js";
import { buildRegistry } from "./signature-registry.js";

interface Definition {
  name: string;
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
const definitions = require("@octokit/webhooks-examples/api.github.com/index.json") as Definition[];
const examples = definitions.find((definition) => definition.name === "pull_request")?.examples ?? [];
const registry = buildRegistry();

function classifyPayload(payload: Record<string, unknown>) {
  const pr = readPullRequestEvent(JSON.stringify(payload), "event.json");
  return classifyChange({ base: pr.baseSha ?? "", head: pr.headSha ?? "", commits: [], files: [], pullRequest: pr }, registry);
}

/** The first example with its pull request changed as `edit` says. */
function variant(edit: (pullRequest: Record<string, unknown>) => void): Record<string, unknown> {
  const payload = structuredClone(examples[0] ?? {});
  edit(payload.pull_request as Record<string, unknown>);
  return payload;
}

describe("pull_request webhook examples", () => {
  it("has examples to read", () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it.each(examples.map((payload, index) => [index, payload] as const))(
    "example %i, opened by a person, is a human change",
    (_index, payload) => {
      const result = classifyPayload(payload);
      expect(result.kind).toBe("human");
      expect(result.agents).toEqual([]);
      expect(result.evidence).toContainEqual(expect.objectContaining({ signal: "pr-author", kind: "human", subject: "codertocat" }));
    },
  );

  it("recognises the Copilot coding agent's pull request", () => {
    const payload = variant((pr) => {
      pr.user = { ...(pr.user as object), login: "Copilot", id: 198982749, type: "Bot" };
      (pr.head as Record<string, unknown>).ref = "copilot/fix-1";
      pr.body = "Fixes #1\n\n<!-- START COPILOT CODING AGENT SUFFIX -->";
    });
    const result = classifyPayload(payload);
    expect(result).toMatchObject({ kind: "agent", agent: "github-copilot", agents: ["github-copilot"] });
    expect(result.confidence).toBeGreaterThan(0.95);
  });

  it("recognises a Codex cloud task opened from the person's account", () => {
    const payload = variant((pr) => {
      pr.body = "## Summary\n- fix\n\nhttps://chatgpt.com/codex/tasks/task_e_0123456789abcdef";
      (pr.head as Record<string, unknown>).ref = "codex/fix-typo";
    });
    expect(classifyPayload(payload)).toMatchObject({ kind: "agent", agent: "openai-codex" });
  });

  it("keeps a person's copilot/ branch a human change", () => {
    const payload = variant((pr) => {
      (pr.head as Record<string, unknown>).ref = "copilot/my-own-fix";
    });
    expect(classifyPayload(payload).kind).toBe("human");
  });

  it("calls Dependabot's pull request a maintenance bot's", () => {
    const payload = variant((pr) => {
      pr.user = { ...(pr.user as object), login: "dependabot[bot]", id: 49699333, type: "Bot" };
    });
    expect(classifyPayload(payload)).toMatchObject({ kind: "maintenance-bot", agent: "dependabot" });
  });
});
