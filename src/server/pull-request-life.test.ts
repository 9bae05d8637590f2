// The whole life of pull requests against the local stand-in for GitHub (every request checked
// against @octokit/openapi), with the real engine and the real queue: what a user sees on the
// pull request (the newest "Custody" check run on each head) and in the case file.
import { afterEach, describe, expect, it } from "vitest";
import type { FakePullRequest } from "../sources/github/__fixtures__/fake-github.js";
import {
  agentPr,
  humanPr,
  prEvent,
  pushEvent,
  rerequestEvent,
  reviewEvent,
  sha,
  startWorld,
  type World,
} from "./__fixtures__/app-world.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function caseFile(w: World, number: number): Promise<Record<string, unknown>> {
  const token = w.server.tokens.create("reader").token;
  return (await (
    await w.server.app.request(`/api/cases/octo-org/widgets/${String(number)}`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as Record<string, unknown>;
}

/** The agent pushes a new head: a second commit on its branch. */
function agentPushes(pr: FakePullRequest, n: number): void {
  const head = sha(0x1000 + n);
  pr.commits = [
    ...pr.commits,
    {
      sha: head,
      message: `Tidy the cache (${String(n)})\n\nAgent-Task: T-42\nAuthorized-by: alice <alice@example.com>`,
      authorName: "Copilot",
      authorEmail: "198982749+Copilot@users.noreply.github.com",
    },
  ];
  pr.headSha = head;
}

describe("the life of an agent pull request", () => {
  it("opened → fails → independent approval → passes → agent pushes → stale → fails → re-approval → merge → the record holds", async () => {
    const pr = agentPr();
    world = await startWorld({ pulls: [pr] });
    const { github } = world;

    await world.deliver("pull_request", prEvent(pr, "opened"));
    const head1 = pr.headSha;
    expect(github.conclusionOn(head1)).toBe("failure");
    expect(github.checkRunsOn(head1)[0]?.output?.summary).toContain("required-approvals");

    github.review(7, "dave", "APPROVED");
    await world.deliver("pull_request_review", reviewEvent(pr, "dave", "approved"));
    expect(github.conclusionOn(head1)).toBe("success");
    // The same head's run was completed again, not duplicated.
    expect(github.checkRunsOn(head1)).toHaveLength(1);

    agentPushes(pr, 1);
    await world.deliver("pull_request", prEvent(pr, "synchronize"));
    expect(github.conclusionOn(pr.headSha)).toBe("failure");
    expect(github.checkRunsOn(pr.headSha)[0]?.output?.summary).toMatch(/dave/);

    github.review(7, "dave", "APPROVED");
    await world.deliver("pull_request_review", reviewEvent(pr, "dave", "approved"));
    expect(github.conclusionOn(pr.headSha)).toBe("success");

    pr.merged = true;
    pr.state = "closed";
    await world.deliver("pull_request", prEvent(pr, "closed"));
    const file = await caseFile(world, 7);
    expect(file.accountability).toMatchObject({
      gatesHeld: true,
      reasons: [],
      independentApprovers: ["dave"],
      requiredApprovals: 1,
      mergedHead: pr.headSha,
      mergedBy: "carol",
      delegator: { who: "alice <alice@example.com>" },
    });
    expect(github.violations).toEqual([]);
  });

  it("merged while the check fails: the record does not hold, and says why", async () => {
    const pr = agentPr();
    world = await startWorld({ pulls: [pr] });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    pr.merged = true;
    pr.state = "closed";
    await world.deliver("pull_request", prEvent(pr, "closed"));
    const record = (await caseFile(world, 7)).accountability as { gatesHeld: boolean; reasons: string[] };
    expect(record.gatesHeld).toBe(false);
    expect(record.reasons.join("\n")).toMatch(/concluded failure: .*required-approvals/);
    expect(record.reasons.join("\n")).toMatch(/0 of 1 required independent human approvals/);
  });

  it("a label the policy accepts as approval turns the check green", async () => {
    const pr = agentPr({
      files: [
        {
          filename: "package.json",
          status: "modified",
          additions: 1,
          deletions: 0,
          patch: '@@ -1,1 +1,2 @@\n {\n+  "dependencies": { "left-pad": "1.3.0" }',
        },
      ],
    });
    pr.contents = {
      [`${pr.baseSha}:.github/custody.yml`]: "version: 1\nrules:\n  required_approvals:\n    count: 0\n",
      [`${pr.baseSha}:package.json`]: "{}\n",
      [`${pr.headSha}:package.json`]: '{\n  "dependencies": { "left-pad": "1.3.0" }\n}\n',
    };
    world = await startWorld({ pulls: [pr] });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    expect(world.github.conclusionOn(pr.headSha)).toBe("failure");
    expect(world.github.checkRunsOn(pr.headSha)[0]?.output?.summary).toContain("dependency-approval");
    pr.labels = ["dependencies-approved"];
    await world.deliver("pull_request", prEvent(pr, "labeled", { label: { name: "dependencies-approved" } }));
    expect(world.github.conclusionOn(pr.headSha)).toBe("success");
  });

  it("a Re-run click (check_run and check_suite rerequested) evaluates again", async () => {
    const pr = agentPr();
    world = await startWorld({ pulls: [pr] });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    // The approval arrived while no webhook reached the server; a Re-run picks it up.
    world.github.review(7, "dave", "APPROVED");
    await world.deliver("check_run", rerequestEvent(pr, "check_run"));
    expect(world.github.conclusionOn(pr.headSha)).toBe("success");
    world.github.review(7, "dave", "DISMISSED");
    await world.deliver("check_suite", rerequestEvent(pr, "check_suite"));
    expect(world.github.conclusionOn(pr.headSha)).toBe("failure");
    expect(world.github.checkRunsOn(pr.headSha)[0]?.completions).toBe(3);
  });

  it("GitHub answers 502 then 429 with Retry-After: the evaluation is retried and succeeds", async () => {
    const pr = agentPr();
    world = await startWorld({ pulls: [pr] });
    world.github.failNext("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", 1, 502);
    world.github.failNext("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", 1, 429, { "retry-after": "0" });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    expect(world.github.calls("GET", "/repos/{owner}/{repo}/pulls/{pull_number}")).toHaveLength(3);
    expect(world.github.conclusionOn(pr.headSha)).toBe("failure");
    const results = world.ledger.events.filter((e) => e.kind === "check.result");
    expect(results).toHaveLength(1);
    expect(results[0]?.payload).toMatchObject({ status: "completed" });
  });

  it("a push to the base that changes the policy re-evaluates both open pull requests under the new policy", async () => {
    const first = agentPr();
    const second = agentPr({
      number: 9,
      headSha: sha(0x44),
      headRef: "copilot/other",
      commits: [
        {
          sha: sha(0x44),
          message: "Other\n\nAgent-Task: T-43\nAuthorized-by: alice <alice@example.com>",
          authorName: "Copilot",
          authorEmail: "198982749+Copilot@users.noreply.github.com",
        },
      ],
    });
    world = await startWorld({ pulls: [first, second] });
    await world.deliver("pull_request", prEvent(first, "opened"));
    await world.deliver("pull_request", prEvent(second, "opened"));
    expect([world.github.conclusionOn(first.headSha), world.github.conclusionOn(second.headSha)]).toEqual(["failure", "failure"]);

    // main moves to a commit whose policy needs no approval.
    const newBase = sha(0x55);
    world.github.contents[`${newBase}:.github/custody.yml`] = "version: 1\nrules:\n  required_approvals:\n    count: 0\n";
    await world.deliver("push", pushEvent(first, "main", newBase, { modified: [".github/custody.yml"] }));
    expect([world.github.conclusionOn(first.headSha), world.github.conclusionOn(second.headSha)]).toEqual(["success", "success"]);
    const results = world.ledger.events.filter((e) => e.kind === "check.result").slice(-2);
    expect(results.map((e) => (e.payload as { policySource: string }).policySource)).toEqual([
      `.github/custody.yml@${newBase}`,
      `.github/custody.yml@${newBase}`,
    ]);
    expect(world.github.violations).toEqual([]);
  });

  it("a human's pull request gets a passing check run", async () => {
    const pr = humanPr();
    world = await startWorld({ pulls: [pr] });
    await world.deliver("pull_request", prEvent(pr, "opened"));
    expect(world.github.conclusionOn(pr.headSha)).toBe("success");
    expect(world.github.checkRunsOn(pr.headSha)[0]?.output?.title).toBe("Not agent-authored");
    expect(await caseFile(world, 8)).toMatchObject({ agentAuthored: false });
  });
});
