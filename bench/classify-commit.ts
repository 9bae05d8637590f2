/**
 * Benchmark of provenance classification: `classifyCommit` over 100,000 synthetic commits (a
 * mix of plain human commits, agent co-authored commits, bot commits and aider-suffixed
 * authors, as a history walk sees them), against a baseline measured in the same run: one pass
 * that only normalises the author email and every trailer value — the least any classifier must
 * read. The figure that matters is commits per second (the audit classifies every commit of a
 * history) and the ratio to the baseline.
 *
 *   npx tsx bench/classify-commit.ts [commits=100000] [runs=5]
 */
import type { Commit, Signature } from "../src/model/commit.js";
import { buildRegistry, classifyCommit } from "../src/provenance/index.js";
import { median } from "./bench-util.js";

const COUNT = Number(process.argv[2] ?? "100000");
const RUNS = Number(process.argv[3] ?? "5");

const PEOPLE = [
  ["Ada Lovelace", "ada@example.com"],
  ["Grace Hopper", "grace.hopper@example.org"],
  ["Devin Smith", "devin.smith@example.com"],
  ["Claude Dupont", "claude.dupont@example.fr"],
] as const;

function commitAt(index: number): Commit {
  const [name, email] = PEOPLE[index % PEOPLE.length] ?? PEOPLE[0];
  const date = "2026-11-20T10:00:00+00:00";
  const trailers: Commit["trailers"] = [];
  let author: Signature = { name, email, date };
  switch (index % 5) {
    case 1:
      trailers.push({ key: "Co-authored-by", value: "Claude <noreply@anthropic.com>" });
      break;
    case 2:
      author = { name: "copilot-swe-agent[bot]", email: "198982749+Copilot@users.noreply.github.com", date };
      trailers.push({ key: "Co-authored-by", value: `${name} <${email}>` });
      break;
    case 3:
      author = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com", date };
      trailers.push({ key: "Signed-off-by", value: "dependabot[bot] <support@github.com>" });
      break;
    case 4:
      author = { name: `${name} (aider)`, email, date };
      break;
    default:
      trailers.push({ key: "Signed-off-by", value: `${name} <${email}>` });
  }
  const subject = `fix: change number ${String(index)}`;
  return {
    sha: index.toString(16).padStart(40, "0"),
    parents: [],
    author,
    committer: author,
    subject,
    message: `${subject}\n\nA body of ordinary prose that explains the change.\n\n${trailers.map((t) => `${t.key}: ${t.value}`).join("\n")}\n`,
    trailers,
    files: [],
  };
}

const commits = Array.from({ length: COUNT }, (_, index) => commitAt(index));
const registry = buildRegistry();

function baseline(): number {
  let touched = 0;
  for (const commit of commits) {
    touched += commit.author.email.toLowerCase().length;
    for (const trailer of commit.trailers) {
      touched += trailer.value.normalize("NFC").toLowerCase().length;
    }
    touched += commit.message.toLowerCase().length;
  }
  return touched;
}

function classifyAll(): number {
  let agents = 0;
  for (const commit of commits) {
    if (classifyCommit(commit, registry).kind === "agent") {
      agents += 1;
    }
  }
  return agents;
}

function time(run: () => number): { ms: number; result: number } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

// One warm-up pass each so the JIT has seen both.
baseline();
classifyAll();
const baselineMs: number[] = [];
const classifyMs: number[] = [];
let agents = 0;
for (let run = 0; run < RUNS; run += 1) {
  baselineMs.push(time(baseline).ms);
  const timed = time(classifyAll);
  classifyMs.push(timed.ms);
  agents = timed.result;
}
const base = median(baselineMs);
const classify = median(classifyMs);
console.log(
  `commits: ${String(COUNT)} (${String(agents)} classified agent), registry: ${String(registry.signatures.length)} signatures, runs: ${String(RUNS)}`,
);
console.log(
  `baseline (normalise email, trailers, message): median ${base.toFixed(1)} ms  (${Math.round((COUNT / base) * 1000).toLocaleString("en")} commits/s)`,
);
console.log(
  `classifyCommit:                               median ${classify.toFixed(1)} ms  (${Math.round((COUNT / classify) * 1000).toLocaleString("en")} commits/s)`,
);
console.log(`ratio classify/baseline: ${(classify / base).toFixed(1)}x; per commit: ${((classify * 1000) / COUNT).toFixed(1)} µs`);
