/**
 * The GitHub App's evaluation speed: evaluations per second with a warm cache for a 20-file
 * agent pull request (the real engine, every detector, the real queue and projection), and
 * GitHub requests per evaluation beside the minimum the REST API allows for the same answer:
 * the PR, its commits, its files (one page per 100), its reviews, and one check-run write = 5.
 * The baseline measured in the same run is those 5 requests alone against the same local
 * stand-in for GitHub, so the difference is Custody's own work. The stand-in runs in this
 * process: CPU time includes it (in both figures).
 */
import os from "node:os";
import Database from "better-sqlite3";
import { registryClassifier } from "../src/cases/registry-classifier.js";
import { assembleServer } from "../src/server/assemble-server.js";
import { defaultEngine } from "../src/server/default-engine.js";
import { pullRequestCheck } from "../src/server/pull-request-check.js";
import { MemoryLedger } from "../src/server/__fixtures__/memory-ledger.js";
import { SECRET, signedRequest } from "../src/server/__fixtures__/signed-delivery.js";
import { agentPr, APP_ID, INSTALLATION, prEvent, privateKey } from "../src/server/__fixtures__/app-world.js";
import { githubAppClients } from "../src/sources/github/github-app-client.js";
import { FakeGitHub } from "../src/sources/github/__fixtures__/fake-github.js";
import { GitObjectCache } from "../src/sources/github/tree-snapshot.js";

const FILES = 20;
const WARM_RUNS = 30;

function pullRequest() {
  const pr = agentPr();
  pr.files = [];
  pr.contents = {};
  for (let i = 0; i < FILES; i += 1) {
    const path = `src/widgets/widget-${String(i)}.ts`;
    const base = Array.from({ length: 40 }, (_, l) => `export const w${String(i)}_${String(l)} = ${String(l)};`).join("\n");
    const added = Array.from(
      { length: 6 },
      (_, l) => `export function f${String(i)}_${String(l)}(x: number): number { return x + ${String(l)}; }`,
    );
    pr.contents[`${pr.baseSha}:${path}`] = `${base}\n`;
    pr.contents[`${pr.headSha}:${path}`] = `${base}\n${added.join("\n")}\n`;
    pr.files.push({
      filename: path,
      status: "modified",
      additions: added.length,
      deletions: 0,
      patch: `@@ -40,1 +40,${String(1 + added.length)} @@\n export const w${String(i)}_39 = 39;\n${added.map((a) => `+${a}`).join("\n")}`,
    });
  }
  pr.contents[`${pr.baseSha}:package.json`] = '{ "name": "widgets" }\n';
  pr.contents[`${pr.headSha}:package.json`] = '{ "name": "widgets" }\n';
  return pr;
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const github = new FakeGitHub(pullRequest());
const baseUrl = await github.start();
const clients = githubAppClients({ appId: APP_ID, privateKey, baseUrl });
const ledger = new MemoryLedger();
const server = await assembleServer({
  ledger,
  state: new Database(":memory:"),
  webhookSecret: SECRET,
  classifier: registryClassifier(),
  runJob: pullRequestCheck({ clients, engine: defaultEngine, cache: new GitObjectCache() }),
});
const checks = server.checks;
if (checks === undefined) {
  throw new Error("no queue");
}

let delivery = 0;
async function evaluate(action: string): Promise<void> {
  delivery += 1;
  const res = await server.app.request(await signedRequest("pull_request", prEvent(github.pr, action), `bench-${String(delivery)}`));
  if (res.status !== 200) {
    throw new Error(`delivery answered ${String(res.status)}`);
  }
  await checks?.drain(60_000);
}

const githubRequests = () => github.requests.filter((r) => !r.path.startsWith("/app/installations/")).length;

// Cold: the first evaluation reads the trees and every blob it needs.
let before = githubRequests();
let wall = performance.now();
await evaluate("opened");
const coldMs = performance.now() - wall;
const coldRequests = githubRequests() - before;

// Warm: the same head again (label changes): trees and blobs come from the cache.
before = githubRequests();
let cpu = process.cpuUsage();
wall = performance.now();
for (let i = 0; i < WARM_RUNS; i += 1) {
  await evaluate(i % 2 === 0 ? "labeled" : "unlabeled");
}
const warmMs = performance.now() - wall;
const warmCpu = cpuMs(cpu);
const warmRequests = (githubRequests() - before) / WARM_RUNS;

// Baseline: only the 5 requests the API minimum needs, against the same stand-in.
const client = await clients(INSTALLATION);
const params = { owner: github.pr.owner, repo: github.pr.repo, pull_number: github.pr.number };
cpu = process.cpuUsage();
wall = performance.now();
for (let i = 0; i < WARM_RUNS; i += 1) {
  await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", params);
  await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", { ...params, per_page: 100 });
  await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", { ...params, per_page: 100 });
  await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...params, per_page: 100 });
  await client.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
    owner: params.owner,
    repo: params.repo,
    check_run_id: 1001,
    status: "completed",
    conclusion: "success",
    output: { title: "t", summary: "s" },
  });
}
const baseMs = performance.now() - wall;
const baseCpu = cpuMs(cpu);

const results = ledger.events.filter((e) => e.kind === "check.result").length;
const fmt = (n: number) => n.toFixed(1);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} on ${String(os.cpus().length)} CPUs`,
);
console.log(
  `20-file agent PR, ${String(results)} evaluations recorded, violations of the API description: ${String(github.violations.length)}`,
);
console.log(`cold evaluation:  ${fmt(coldMs)} ms wall, ${String(coldRequests)} GitHub requests (trees and blobs read once)`);
console.log(
  `warm evaluations: ${fmt((WARM_RUNS * 1000) / warmMs)}/s  (${fmt(warmMs / WARM_RUNS)} ms wall, ${fmt(warmCpu / WARM_RUNS)} ms CPU each; CPU/wall ${(warmCpu / warmMs).toFixed(2)})`,
);
console.log(
  `  GitHub requests per warm evaluation: ${fmt(warmRequests)}   API minimum: 5 (PR, commits, files, reviews, one check-run write)`,
);
console.log(
  `baseline, the 5 minimum requests alone: ${fmt((WARM_RUNS * 1000) / baseMs)}/s  (${fmt(baseMs / WARM_RUNS)} ms wall, ${fmt(baseCpu / WARM_RUNS)} ms CPU each; CPU/wall ${(baseCpu / baseMs).toFixed(2)})`,
);
await server.close();
await github.stop();
