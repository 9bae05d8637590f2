// kill -9 in the middle of an evaluation: the acknowledged request survives in the ledger and
// the state database, the restarted server finishes it, and the check run created before the
// crash is completed rather than left "in progress" beside a second one.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "../sources/github/__fixtures__/fake-github.js";
import { agentPr, APP_ID, prEvent, privateKey } from "./__fixtures__/app-world.js";
import { SECRET, signedRequest } from "./__fixtures__/signed-delivery.js";

const CHILD = fileURLToPath(new URL("./__fixtures__/serve-child.ts", import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];
let github: FakeGitHub | undefined;

let output = "";
function startChild(dir: string, apiUrl: string): Promise<{ child: ChildProcess; url: string; lines: () => string[] }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CHILD, "serve", "--port", "0", "--ledger", join(dir, "ledger.db"), "--state", join(dir, "server.db")],
    {
      env: {
        ...process.env,
        CUSTODY_WEBHOOK_SECRET: SECRET,
        CUSTODY_APP_ID: String(APP_ID),
        CUSTODY_APP_PRIVATE_KEY: privateKey,
        CUSTODY_GITHUB_API_URL: apiUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+) /.exec(out);
      if (match?.[1] !== undefined) {
        resolve({ child, url: match[1], lines: () => out.split("\n").filter((l) => l.startsWith("{")) });
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      reject(new Error(`server exited (${String(code)}) before listening: ${err}`));
    });
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; the servers wrote:\n${output.slice(-3000)}`);
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    child.kill("SIGKILL");
  }
  await github?.stop();
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("kill -9 during an evaluation", () => {
  it("finishes the evaluation after a restart, completing the check run it had created", async () => {
    const dir = mkdtempSync(join(tmpdir(), "custody-eval-crash-"));
    dirs.push(dir);
    const pr = agentPr();
    github = new FakeGitHub(pr);
    const apiUrl = await github.start();
    // The evaluation hangs reading the base tree — after its check run was created.
    const hung = github.hold("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}");
    const first = await startChild(dir, apiUrl);
    const res = await fetch(
      await signedRequest("pull_request", prEvent(pr, "opened"), "crash-eval-1", { url: `${first.url}/webhooks/github` }),
    );
    expect(res.status).toBe(200);
    let arrived = false;
    void hung.then(() => (arrived = true));
    await until(() => arrived, "the evaluation to reach the base tree");
    expect(github.checkRunsOn(pr.headSha).map((r) => r.status)).toEqual(["in_progress"]);
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));

    const second = await startChild(dir, apiUrl);
    await until(() => github?.conclusionOn(pr.headSha) === "failure", "the check run to complete");
    expect(github.checkRunsOn(pr.headSha)).toHaveLength(1);
    await until(() => second.lines().some((l) => l.includes('"msg":"evaluation"')), "the evaluation's log line");
    const line = JSON.parse(second.lines().find((l) => l.includes('"msg":"evaluation"')) ?? "{}") as Record<string, unknown>;
    expect(line).toMatchObject({
      repository: "octo-org/widgets",
      pullRequest: 7,
      outcome: "completed",
      conclusion: "failure",
      deliveryId: "crash-eval-1",
      durationMs: expect.any(Number),
    });
    expect(github.violations).toEqual([]);
  }, 60_000);
});
