import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readPullRequestEvent } from "./read-event.js";

interface WebhookExamples {
  name: string;
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
const examples = JSON.parse(
  readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8"),
) as WebhookExamples[];
const byName = (name: string): Record<string, unknown>[] => examples.find((e) => e.name === name)?.examples ?? [];
const pullRequestExamples = byName("pull_request");
const reviewExamples = byName("pull_request_review");

describe("readPullRequestEvent on GitHub's published examples", () => {
  it("has examples to test against", () => {
    expect(pullRequestExamples.length).toBeGreaterThan(10);
    expect(reviewExamples.length).toBeGreaterThan(0);
  });

  it.each(pullRequestExamples.map((payload, i) => [`${String(payload.action)} #${String(i)}`, payload] as const))(
    "parses pull_request %s",
    (_name, payload) => {
      const pr = readPullRequestEvent(JSON.stringify(payload), "event.json");
      const raw = payload.pull_request as {
        number: number;
        head: { sha: string; ref: string };
        base: { ref: string };
        user: { login: string; id: number };
      };
      expect(pr.number).toBe(raw.number);
      expect(pr.headSha).toBe(raw.head.sha);
      expect(pr.headBranch).toBe(raw.head.ref);
      expect(pr.baseBranch).toBe(raw.base.ref);
      expect(pr.author).toMatchObject({ login: raw.user.login, id: raw.user.id });
      expect(pr.reviews).toBeUndefined();
    },
  );

  it.each(reviewExamples.map((payload, i) => [`${String(payload.action)} #${String(i)}`, payload] as const))(
    "parses pull_request_review %s with its review",
    (_name, payload) => {
      const pr = readPullRequestEvent(JSON.stringify(payload), "event.json");
      const raw = payload.review as { user: { login: string }; commit_id: string };
      expect(pr.reviews).toHaveLength(1);
      expect(pr.reviews?.[0]?.reviewer.login).toBe(raw.user.login);
      expect(pr.reviews?.[0]?.commitId).toBe(raw.commit_id);
    },
  );

  it("maps labels, assignees, merge and repository", () => {
    const closed = pullRequestExamples.find((p) => p.action === "closed");
    expect(closed).toBeDefined();
    const payload = structuredClone(closed) as { pull_request: Record<string, unknown> };
    payload.pull_request.labels = [{ name: "agent:copilot" }, { name: "bug" }];
    payload.pull_request.assignees = [{ login: "ada", id: 7, type: "User" }];
    payload.pull_request.merged = true;
    payload.pull_request.merged_by = { login: "bea", id: 8, type: "User" };
    const pr = readPullRequestEvent(JSON.stringify(payload), "event.json");
    expect(pr.labels).toEqual(["agent:copilot", "bug"]);
    expect(pr.assignees).toEqual([{ login: "ada", id: 7, type: "User" }]);
    expect(pr.merged).toBe(true);
    expect(pr.mergedBy).toEqual({ login: "bea", id: 8, type: "User" });
    expect(pr.repository).toMatch(/\//);
  });

  it("takes a reviews array a workflow attached, normalising API states", () => {
    const payload = structuredClone(pullRequestExamples[0]) as Record<string, unknown>;
    payload.reviews = [
      { user: { login: "bea", id: 8, type: "User" }, state: "APPROVED", submitted_at: "2025-01-01T00:00:00Z", commit_id: "abc" },
      { user: null, state: "CHANGES_REQUESTED" },
    ];
    const pr = readPullRequestEvent(JSON.stringify(payload), "event.json");
    expect(pr.reviews).toEqual([
      { reviewer: { login: "bea", id: 8, type: "User" }, state: "approved", submittedAt: "2025-01-01T00:00:00Z", commitId: "abc" },
      { reviewer: {}, state: "changes_requested" },
    ]);
  });

  it("accepts a null body as empty", () => {
    const payload = structuredClone(pullRequestExamples[0]) as { pull_request: Record<string, unknown> };
    payload.pull_request.body = null;
    expect(readPullRequestEvent(JSON.stringify(payload), "event.json").body).toBe("");
  });
});

describe("readPullRequestEvent on bad input", () => {
  it("names the file for malformed JSON", () => {
    expect(() => readPullRequestEvent("{ not json", "/tmp/event.json")).toThrow(
      expect.objectContaining({ code: "EVENT_INVALID", message: expect.stringContaining("/tmp/event.json is not valid JSON") }),
    );
  });

  it("refuses an event without a pull request", () => {
    const push = byName("push")[0];
    expect(() => readPullRequestEvent(JSON.stringify(push), "push.json")).toThrow(
      expect.objectContaining({
        code: "EVENT_INVALID",
        message: expect.stringContaining("not a pull request event"),
        position: { file: "push.json", key: "pull_request" },
      }),
    );
    expect(() => readPullRequestEvent("[]", "array.json")).toThrow(expect.objectContaining({ code: "EVENT_INVALID" }));
  });

  it("names a missing field", () => {
    const payload = structuredClone(pullRequestExamples[0]) as { pull_request: { head: Record<string, unknown> } };
    delete payload.pull_request.head.sha;
    expect(() => readPullRequestEvent(JSON.stringify(payload), "event.json")).toThrow(
      expect.objectContaining({
        code: "EVENT_INVALID",
        message: expect.stringContaining("`pull_request.head.sha` is missing"),
        position: { file: "event.json", key: "pull_request.head.sha" },
      }),
    );
  });

  it("names a field of the wrong type", () => {
    const payload = structuredClone(pullRequestExamples[0]) as { pull_request: Record<string, unknown> };
    payload.pull_request.number = "12";
    expect(() => readPullRequestEvent(JSON.stringify(payload), "event.json")).toThrow(
      expect.objectContaining({ message: expect.stringContaining("`pull_request.number` is invalid") }),
    );
  });
});
