/**
 * A GitHub App world for tests: the local stand-in for GitHub (`FakeGitHub`), an app key pair,
 * the server assembled over a memory ledger with the App path wired in, and builders for the
 * webhook deliveries GitHub would send as a pull request lives (opened, pushed, labelled,
 * reviewed, re-run, merged; a push to the base). Payloads start from
 * `@octokit/webhooks-examples` and carry the fake's current state.
 */
import Database from "better-sqlite3";
import { generateKeyPairSync } from "node:crypto";
import { expect } from "vitest";
import { registryClassifier } from "../../cases/registry-classifier.js";
import { githubAppClients } from "../../sources/github/github-app-client.js";
import { FakeGitHub, type FakePullRequest } from "../../sources/github/__fixtures__/fake-github.js";
import { GitObjectCache } from "../../sources/github/tree-snapshot.js";
import { assembleServer, type AssembledServer } from "../assemble-server.js";
import type { EngineRun } from "../default-engine.js";
import { pullRequestCheck } from "../pull-request-check.js";
import { MemoryLedger } from "./memory-ledger.js";
import { SECRET, example, signedRequest } from "./signed-delivery.js";

export const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
export const APP_ID = 123456;
export const INSTALLATION = 99;

export function sha(n: number): string {
  return n.toString(16).padStart(40, "0");
}

export function agentPr(overrides: Partial<FakePullRequest> = {}): FakePullRequest {
  const head = overrides.headSha ?? sha(0x11);
  const base = overrides.baseSha ?? sha(0x22);
  return {
    owner: "octo-org",
    repo: "widgets",
    number: 7,
    author: { login: "Copilot", id: 198982749, type: "Bot" },
    headSha: head,
    baseSha: base,
    headRef: "copilot/fix-widget-cache",
    assignees: [{ login: "alice", id: 1001, type: "User" }],
    commits: [
      {
        sha: head,
        message: "Cache widgets\n\nAgent-Task: T-42\nAuthorized-by: alice <alice@example.com>",
        authorName: "Copilot",
        authorEmail: "198982749+Copilot@users.noreply.github.com",
      },
    ],
    files: [
      {
        filename: "src/cache.ts",
        status: "modified",
        additions: 2,
        deletions: 0,
        patch: "@@ -1,1 +1,3 @@\n const a = 1;\n+const b = 2;\n+const c = 3;",
      },
    ],
    contents: { [`${head}:src/cache.ts`]: "const a = 1;\nconst b = 2;\nconst c = 3;\n", [`${base}:src/cache.ts`]: "const a = 1;\n" },
    ...overrides,
  };
}

export function humanPr(overrides: Partial<FakePullRequest> = {}): FakePullRequest {
  const head = overrides.headSha ?? sha(0x33);
  return agentPr({
    number: 8,
    author: { login: "bob", id: 1002, type: "User" },
    headSha: head,
    headRef: "feature/cache",
    assignees: [],
    commits: [{ sha: head, message: "Cache widgets", authorName: "Bob", authorEmail: "bob@example.com" }],
    contents: {},
    ...overrides,
  });
}

export interface World {
  github: FakeGitHub;
  ledger: MemoryLedger;
  server: AssembledServer;
  state: Database.Database;
  /** Signs and delivers one webhook, then lets the projection and the queue settle. */
  deliver(event: string, payload: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

let deliveries = 0;

export async function startWorld(
  options: {
    engine?: EngineRun;
    pulls?: FakePullRequest[];
    ledger?: MemoryLedger;
    state?: Database.Database;
    github?: FakeGitHub;
    maxAttempts?: number;
    withApp?: boolean;
  } = {},
): Promise<World> {
  const github = options.github ?? new FakeGitHub();
  for (const pr of options.pulls ?? []) {
    github.addPullRequest(pr);
  }
  const baseUrl = await github.start();
  const ledger = options.ledger ?? new MemoryLedger();
  const state = options.state ?? new Database(":memory:");
  const { defaultEngine } = await import("../default-engine.js");
  const server = await assembleServer({
    ledger,
    state,
    webhookSecret: SECRET,
    classifier: registryClassifier(),
    ...(options.withApp === false
      ? {}
      : {
          runJob: pullRequestCheck({
            clients: githubAppClients({ appId: APP_ID, privateKey, baseUrl }),
            engine: options.engine ?? defaultEngine,
            detailsUrl: (ref) =>
              `https://custody.example${ref.repo === "" ? "" : `/details/${ref.repo}/${String(ref.number)}/${ref.headSha}`}`,
            cache: new GitObjectCache(),
          }),
        }),
    queue: { maxAttempts: options.maxAttempts ?? 4, retry: { baseMs: 1, maxBackoffMs: 20 } },
  });
  return {
    github,
    ledger,
    server,
    state,
    deliver: async (event, payload) => {
      deliveries += 1;
      const res = await server.app.request(await signedRequest(event, payload, `delivery-${String(deliveries)}-${String(Date.now())}`));
      expect(res.status).toBe(200);
      await server.projector.catchUp();
      await server.checks?.drain();
      return res;
    },
    close: async () => {
      await server.close();
      await github.stop();
    },
  };
}

function repository(pr: FakePullRequest, base: Record<string, unknown>): Record<string, unknown> {
  return { ...base, full_name: `${pr.owner}/${pr.repo}`, name: pr.repo, owner: { ...(base.owner as object), login: pr.owner } };
}

function pullRequestObject(pr: FakePullRequest, base: Record<string, unknown>): Record<string, unknown> {
  return {
    ...base,
    number: pr.number,
    title: pr.title ?? "Fix the widget cache",
    body: pr.body ?? "Generated by the agent.",
    user: pr.author,
    labels: (pr.labels ?? []).map((name) => ({ name })),
    assignees: pr.assignees ?? [],
    head: { ...(base.head as object), ref: pr.headRef, sha: pr.headSha },
    base: { ...(base.base as object), ref: pr.baseRef ?? "main", sha: pr.baseSha },
    merged: pr.merged ?? false,
    state: pr.state ?? "open",
    ...(pr.merged === true ? { merged_by: { login: "carol", id: 1003, type: "User" }, merged_at: "2026-11-18T12:00:00Z" } : {}),
  };
}

/** A `pull_request` delivery with the pull request as the fake holds it now. */
export function prEvent(pr: FakePullRequest, action: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const payload = example("pull_request", "opened");
  return {
    ...payload,
    action,
    installation: { id: INSTALLATION },
    repository: repository(pr, payload.repository as Record<string, unknown>),
    pull_request: pullRequestObject(pr, payload.pull_request as Record<string, unknown>),
    sender: action === "closed" ? { login: "carol", id: 1003, type: "User" } : pr.author,
    ...extra,
  };
}

export function reviewEvent(pr: FakePullRequest, login: string, state: string, action = "submitted"): Record<string, unknown> {
  const payload = example("pull_request_review", "submitted");
  return {
    ...payload,
    action,
    installation: { id: INSTALLATION },
    repository: repository(pr, payload.repository as Record<string, unknown>),
    pull_request: pullRequestObject(pr, payload.pull_request as Record<string, unknown>),
    review: {
      ...(payload.review as object),
      user: { login, id: 5000 + login.length, type: "User" },
      state: state.toLowerCase(),
      commit_id: pr.headSha,
      submitted_at: "2026-11-18T11:00:00Z",
    },
    sender: { login, id: 5000 + login.length, type: "User" },
  };
}

export function rerequestEvent(pr: FakePullRequest, kind: "check_run" | "check_suite"): Record<string, unknown> {
  const payload = example(kind, "rerequested");
  const subject = payload[kind] as Record<string, unknown>;
  return {
    ...payload,
    installation: { id: INSTALLATION },
    repository: repository(pr, payload.repository as Record<string, unknown>),
    [kind]: {
      ...subject,
      head_sha: pr.headSha,
      ...(kind === "check_run" ? { name: "Custody" } : {}),
      pull_requests: [
        { number: pr.number, url: "", id: 1, head: { ref: pr.headRef, sha: pr.headSha }, base: { ref: "main", sha: pr.baseSha } },
      ],
    },
    sender: { login: "alice", id: 1001, type: "User" },
  };
}

export function pushEvent(
  pr: Pick<FakePullRequest, "owner" | "repo">,
  branch: string,
  after: string,
  paths: { added?: string[]; modified?: string[] },
): Record<string, unknown> {
  const payload = example("push");
  return {
    ...payload,
    ref: `refs/heads/${branch}`,
    after,
    deleted: false,
    installation: { id: INSTALLATION },
    repository: { ...(payload.repository as object), full_name: `${pr.owner}/${pr.repo}`, name: pr.repo },
    commits: [{ id: after, message: "Tighten the policy", added: paths.added ?? [], modified: paths.modified ?? [], removed: [] }],
    sender: { login: "carol", id: 1003, type: "User" },
  };
}
