/**
 * A local HTTP server standing in for GitHub's REST API (tests never reach the network). It
 * keeps a small world — pull requests whose head, reviews and labels a test changes, file
 * contents per commit, check runs — answers from the API description's own examples, issues
 * installation tokens, and records every request, each checked against `@octokit/openapi`
 * (operation exists; body matches its schema). `violations` must stay empty. `failNext` makes
 * the next requests to one operation fail (a 502, a 429 with `Retry-After`, …).
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { apiExample, matchOperation, validateBody } from "./openapi-check.js";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  template: string | undefined;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeReview {
  login: string;
  state: string;
  /** The head the review was submitted on (GitHub's `commit_id`); default: the head at the time it was added. */
  commitId?: string;
  id?: number;
  type?: string;
}

export interface FakePullRequest {
  owner: string;
  repo: string;
  number: number;
  author: { login: string; id: number; type: string };
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef?: string;
  title?: string;
  body?: string;
  labels?: string[];
  assignees?: { login: string; id: number; type: string }[];
  commits: { sha: string; message: string; authorName: string; authorEmail: string }[];
  files: { filename: string; status: string; additions: number; deletions: number; patch?: string }[];
  /** Contents by `${sha}:${path}` (shared by every pull request of the fake). */
  contents: Record<string, string>;
  reviews?: FakeReview[];
  merged?: boolean;
  state?: "open" | "closed";
}

export interface FakeCheckRun {
  id: number;
  headSha: string;
  name: string;
  status: string;
  conclusion?: string;
  detailsUrl?: string;
  externalId?: string;
  output?: { title: string; summary: string; annotations?: unknown[] };
  /** How many times it was completed. */
  completions: number;
}

interface Failure {
  method: string;
  template: string;
  status: number;
  headers: Record<string, string>;
}

/** Git's blob id of some bytes: what `git hash-object` prints. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content);
  return createHash("sha1")
    .update(`blob ${String(bytes.length)}\0`)
    .update(bytes)
    .digest("hex");
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly pulls: FakePullRequest[] = [];
  readonly checkRuns = new Map<number, FakeCheckRun>();
  /** Contents by `${sha}:${path}`. */
  readonly contents: Record<string, string> = {};
  /** Branch name → sha (a tree read by branch name resolves here). */
  readonly branches = new Map<string, string>();
  private server: Server | undefined;
  private nextCheckRunId = 1000;
  private readonly failures: Failure[] = [];
  private held: { method: string; template: string; arrived: () => void } | undefined;
  /** Codes exchanged through the manifest flow. */
  readonly manifestCodes: string[] = [];
  /** Answers this status to check-run creation while set (GitHub trouble). */
  failCheckRuns: number | undefined;

  constructor(pr?: FakePullRequest) {
    if (pr !== undefined) {
      this.addPullRequest(pr);
    }
  }

  get pr(): FakePullRequest {
    const first = this.pulls[0];
    if (first === undefined) {
      throw new Error("the fake has no pull request");
    }
    return first;
  }

  addPullRequest(pr: FakePullRequest): FakePullRequest {
    Object.assign(this.contents, pr.contents);
    pr.reviews = (pr.reviews ?? []).map((r) => ({ ...r, commitId: r.commitId ?? pr.headSha }));
    this.pulls.push(pr);
    return pr;
  }

  pull(number: number): FakePullRequest {
    const pr = this.pulls.find((p) => p.number === number);
    if (pr === undefined) {
      throw new Error(`no pull request #${String(number)} in the fake`);
    }
    return pr;
  }

  /** A review on the pull request's current head. */
  review(
    number: number,
    login: string,
    state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED",
    extra: Partial<FakeReview> = {},
  ): void {
    const pr = this.pull(number);
    pr.reviews = [...(pr.reviews ?? []), { login, state, commitId: pr.headSha, ...extra }];
  }

  /** The next `count` requests to `method template` fail with `status` and `headers`. */
  failNext(method: string, template: string, count: number, status: number, headers: Record<string, string> = {}): void {
    for (let i = 0; i < count; i += 1) {
      this.failures.push({ method, template, status, headers });
    }
  }

  /** The next request to `method template` is never answered (a server that hangs); resolves when it arrives. */
  hold(method: string, template: string): Promise<void> {
    return new Promise((resolve) => {
      this.held = { method, template, arrived: resolve };
    });
  }

  /** The check runs posted on a head, oldest first. */
  checkRunsOn(headSha: string): FakeCheckRun[] {
    return [...this.checkRuns.values()].filter((run) => run.headSha === headSha).sort((a, b) => a.id - b.id);
  }

  /** What GitHub shows for a head: the newest Custody run's conclusion. */
  conclusionOn(headSha: string): string | undefined {
    const runs = this.checkRunsOn(headSha);
    const latest = runs[runs.length - 1];
    return latest?.status === "completed" ? latest.conclusion : latest?.status;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, {
          "content-type": "application/json; charset=utf-8",
          "x-ratelimit-limit": "5000",
          "x-ratelimit-remaining": "4999",
          ...headers,
        });
        res.end(body === undefined ? "" : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${String(port)}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => {
        resolve();
      });
      // A held request keeps its connection open; a stopping fake answers nothing more.
      this.server?.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      this.violations.push(`${req.method ?? ""} ${url.pathname}: body is not JSON`);
    }
    const method = req.method ?? "GET";
    const path = decodeURIComponent(url.pathname);
    const operation = matchOperation(method, url.pathname);
    this.requests.push({
      method,
      path,
      query: url.searchParams,
      template: operation?.template,
      body,
      authorization: req.headers.authorization,
    });
    if (operation === undefined) {
      this.violations.push(`${method} ${url.pathname}: no such operation in GitHub's API description`);
      return { status: 404, body: { message: "Not Found" } };
    }
    for (const problem of validateBody(method, operation.template, body)) {
      this.violations.push(`${method} ${operation.template}: ${problem}`);
    }
    if (this.held !== undefined && this.held.method === method && this.held.template === operation.template) {
      const { arrived } = this.held;
      this.held = undefined;
      arrived();
      return new Promise(() => undefined);
    }
    const failure = this.failures.findIndex((f) => f.method === method && f.template === operation.template);
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      return { status: f?.status ?? 500, body: { message: "Server Error" }, headers: f?.headers ?? {} };
    }
    return this.respond(method, operation.template, path, url.searchParams, body);
  }

  private pullOf(path: string): FakePullRequest | undefined {
    const [, , owner, repo, , number] = path.split("/");
    return this.pulls.find((p) => p.owner === owner && p.repo === repo && String(p.number) === number);
  }

  private respond(
    method: string,
    template: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
  ): { status: number; body?: unknown; headers?: Record<string, string> } {
    const page = Number(query.get("page") ?? "1");
    const perPage = Number(query.get("per_page") ?? "30");
    const slice = <T>(items: T[]): T[] => items.slice((page - 1) * perPage, page * perPage);
    const notFound = { status: 404, body: { message: "Not Found" } };
    switch (`${method} ${template}`) {
      case "POST /app/installations/{installation_id}/access_tokens":
        return {
          status: 201,
          body: {
            ...apiExample<object>("installation-token"),
            token: "ghs_testinstallationtoken",
            expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          },
        };
      case "POST /app-manifests/{code}/conversions":
        this.manifestCodes.push(path.split("/")[2] ?? "");
        return {
          status: 201,
          body: {
            ...apiExample<object>("integration-from-manifest"),
            id: 424242,
            webhook_secret: "whsec-from-github",
            pem: "-----BEGIN RSA PRIVATE KEY-----\ntest\n-----END RSA PRIVATE KEY-----\n",
          },
        };
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}": {
        const pr = this.pullOf(path);
        if (pr === undefined) {
          return notFound;
        }
        const example = apiExample<Record<string, unknown>>("pull-request");
        return {
          status: 200,
          body: {
            ...example,
            number: pr.number,
            title: pr.title ?? "Fix the widget cache",
            body: pr.body ?? "Generated by the agent.",
            user: { ...(example.user as object), ...pr.author },
            assignees: (pr.assignees ?? []).map((a) => ({ ...(example.user as object), ...a })),
            labels: (pr.labels ?? []).map((name, i) => ({
              id: i + 1,
              node_id: `L${String(i)}`,
              url: "",
              name,
              description: null,
              color: "ededed",
              default: false,
            })),
            head: { ...(example.head as object), ref: pr.headRef, sha: pr.headSha },
            base: { ...(example.base as object), ref: pr.baseRef ?? "main", sha: pr.baseSha },
            state: pr.state ?? "open",
            merged: pr.merged ?? false,
          },
        };
      }
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits": {
        const pr = this.pullOf(path);
        const template0 = apiExample<Record<string, unknown>[]>("commit-items")[0] ?? {};
        return {
          status: 200,
          body: slice(
            (pr?.commits ?? []).map((c) => ({
              ...template0,
              sha: c.sha,
              parents: [{ sha: pr?.baseSha ?? "", url: "", html_url: "" }],
              commit: {
                ...(template0.commit as object),
                message: c.message,
                author: { name: c.authorName, email: c.authorEmail, date: "2026-11-18T10:00:00Z" },
                committer: { name: "GitHub", email: "noreply@github.com", date: "2026-11-18T10:00:00Z" },
              },
            })),
          ),
        };
      }
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": {
        const pr = this.pullOf(path);
        const template0 = apiExample<Record<string, unknown>[]>("diff-entry-items")[0] ?? {};
        return {
          status: 200,
          body: slice((pr?.files ?? []).map((f) => ({ ...template0, ...f, changes: f.additions + f.deletions, patch: f.patch }))),
        };
      }
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": {
        const pr = this.pullOf(path);
        const template0 = apiExample<Record<string, unknown>[]>("pull-request-review-items")[0] ?? {};
        return {
          status: 200,
          body: slice(
            (pr?.reviews ?? []).map((r, i) => ({
              ...template0,
              id: i + 1,
              user: { ...(template0.user as object), login: r.login, ...(r.id === undefined ? {} : { id: r.id }), type: r.type ?? "User" },
              state: r.state,
              commit_id: r.commitId ?? pr?.headSha ?? "",
              submitted_at: new Date(Date.UTC(2026, 10, 18, 11, 0, i)).toISOString(),
            })),
          ),
        };
      }
      case "GET /repos/{owner}/{repo}/contents/{path}": {
        const filePath = path.split("/").slice(5).join("/");
        const content = this.contents[`${this.resolve(query.get("ref") ?? "")}:${filePath}`];
        if (content === undefined) {
          return notFound;
        }
        return {
          status: 200,
          body: {
            ...apiExample<object>("content-file"),
            type: "file",
            path: filePath,
            sha: blobSha(content),
            encoding: "base64",
            content: Buffer.from(content).toString("base64"),
          },
        };
      }
      case "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": {
        const sha = this.resolve(path.split("/").pop() ?? "");
        const prefix = `${sha}:`;
        const entries = Object.entries(this.contents)
          .filter(([key]) => key.startsWith(prefix))
          .map(([key, content]) => ({
            path: key.slice(prefix.length),
            mode: "100644",
            type: "blob",
            sha: blobSha(content),
            size: Buffer.byteLength(content),
            url: "",
          }));
        return { status: 200, body: { sha, url: "", truncated: false, tree: entries } };
      }
      case "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": {
        const sha = path.split("/").pop() ?? "";
        const content = Object.values(this.contents).find((c) => blobSha(c) === sha);
        if (content === undefined) {
          return notFound;
        }
        return {
          status: 200,
          body: {
            sha,
            node_id: "B",
            url: "",
            size: Buffer.byteLength(content),
            encoding: "base64",
            content: Buffer.from(content).toString("base64"),
          },
        };
      }
      case "POST /repos/{owner}/{repo}/check-runs": {
        if (this.failCheckRuns !== undefined) {
          return { status: this.failCheckRuns, body: { message: "Server Error" } };
        }
        this.nextCheckRunId += 1;
        const b = body as {
          head_sha: string;
          name: string;
          status?: string;
          conclusion?: string;
          details_url?: string;
          external_id?: string;
        };
        this.checkRuns.set(this.nextCheckRunId, {
          id: this.nextCheckRunId,
          headSha: b.head_sha,
          name: b.name,
          status: b.status ?? "queued",
          ...(b.conclusion === undefined ? {} : { conclusion: b.conclusion }),
          ...(b.details_url === undefined ? {} : { detailsUrl: b.details_url }),
          ...(b.external_id === undefined ? {} : { externalId: b.external_id }),
          completions: 0,
        });
        return { status: 201, body: { ...apiExample<object>("check-run"), id: this.nextCheckRunId, ...(body as object) } };
      }
      case "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": {
        const id = Number(path.split("/").pop());
        const run = this.checkRuns.get(id);
        if (run === undefined) {
          return notFound;
        }
        const b = body as { status?: string; conclusion?: string; details_url?: string; output?: FakeCheckRun["output"] };
        if (b.conclusion !== undefined) {
          run.status = "completed";
          run.conclusion = b.conclusion;
          run.completions += 1;
        } else if (b.status !== undefined) {
          run.status = b.status;
        }
        if (b.output !== undefined && b.conclusion !== undefined) {
          run.output = b.output;
        }
        if (b.details_url !== undefined) {
          run.detailsUrl = b.details_url;
        }
        return { status: 200, body: { ...apiExample<object>("check-run"), id } };
      }
      default:
        this.violations.push(`${method} ${template}: the fake does not serve this operation`);
        return { status: 501, body: { message: "not implemented in the fake" } };
    }
  }

  private resolve(ref: string): string {
    return this.branches.get(ref) ?? ref;
  }

  /** Requests to one operation template, in order. */
  calls(method: string, template: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.template === template);
  }
}
