/**
 * Attribution quality on the labelled set (build-set.ts), for this tree and for the release
 * before it (the code on main before merge evidence was added, exported with `git archive` into
 * bench/.work/), in the same run on the same commits:
 * - precision: of the commits called agent work, how many are;
 * - recall, separately where the evidence is in the commit and where only the branch shows it;
 * - identity accuracy: of the agent commits found, how many name the right agent.
 * The set is built from the conventions the classifier was taught (a tuned set, not held out).
 *
 *   npx tsx bench/attribution/quality.ts [release-ref]   (default: main before this work)
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Label } from "./build-set.js";
import { buildSet } from "./build-set.js";

interface Prediction {
  kind: string;
  agent?: string;
  basis?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const work = path.join(root, "bench", ".work");
const setDir = path.join(work, "attribution-set");

/**
 * The release to compare with: `ref` when given, else main as it was before this work began —
 * the parent of the commit that added merge evidence (main has since merged this branch, so
 * main's tip is no longer "before").
 */
function releaseCommit(ref: string | undefined): string {
  if (ref !== undefined) {
    return execFileSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], { cwd: root, encoding: "utf8" }).trim();
  }
  const added =
    execFileSync("git", ["log", "--diff-filter=A", "--format=%H", "--", "src/provenance/branch-evidence.ts"], {
      cwd: root,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .at(-1) ?? "";
  return execFileSync("git", ["rev-parse", "--verify", `${added}^`], { cwd: root, encoding: "utf8" }).trim();
}

/** Exports the release's src/ once per commit, so its own classifier runs unchanged. */
function exportRelease(ref: string | undefined): { dir: string; sha: string } {
  const sha = releaseCommit(ref);
  const dir = path.join(work, `attribution-release-${sha.slice(0, 12)}`);
  if (!existsSync(path.join(dir, "src"))) {
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync("git", ["archive", "--format=tar", sha, "src"], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
  }
  return { dir, sha };
}

type Classifier = (repoDir: string) => Promise<Map<string, Prediction>>;

/** This tree: the audit's own walk (merges and branches read, as the policy's mode says). */
const current =
  (branchEvidence: "decide" | "hint"): Classifier =>
  async (repoDir) => {
    const { buildRegistry, classifyCommit } = await import("../../src/provenance/index.js");
    const { auditCommits } = await import("../../src/engine/audit.js");
    const { openRepository } = await import("../../src/sources/git/repository.js");
    const registry = buildRegistry();
    const out = new Map<string, Prediction>();
    for await (const record of auditCommits({
      repo: await openRepository(repoDir),
      registry,
      branchEvidence,
      classify: (commit, context) => classifyCommit(commit, registry, {}, context),
    })) {
      out.set(record.sha, { kind: record.kind, ...(record.agent === null ? {} : { agent: record.agent }), basis: record.basis });
    }
    return out;
  };

/** The release: its own history stream and classifier, as its `audit` ran them. */
function release(dir: string): Classifier {
  return async (repoDir) => {
    const provenance = (await import(pathToFileURL(path.join(dir, "src/provenance/index.ts")).href)) as {
      buildRegistry: () => unknown;
      classifyCommit: (commit: unknown, registry: unknown) => Prediction;
    };
    const history = (await import(pathToFileURL(path.join(dir, "src/sources/git/stream-history.ts")).href)) as {
      streamHistory: (repo: unknown) => AsyncIterable<{ sha: string }>;
    };
    const repository = (await import(pathToFileURL(path.join(dir, "src/sources/git/repository.ts")).href)) as {
      openRepository: (dir: string) => Promise<unknown>;
    };
    const registry = provenance.buildRegistry();
    const out = new Map<string, Prediction>();
    for await (const commit of history.streamHistory(await repository.openRepository(repoDir))) {
      const decided = provenance.classifyCommit(commit, registry);
      out.set(commit.sha, { kind: decided.kind, ...(decided.agent === undefined ? {} : { agent: decided.agent }) });
    }
    return out;
  };
}

interface Scores {
  precision: number;
  recallInCommit: number;
  recallBranchOnly: number;
  recallAll: number;
  identity: number;
  fp: number;
  found: Record<string, string>;
}

function score(labels: Record<string, Label>, predictions: Map<string, Prediction>): Scores {
  let tp = 0;
  let fp = 0;
  let right = 0;
  const byClass: Record<string, { total: number; found: number }> = {
    "in-commit": { total: 0, found: 0 },
    "branch-only": { total: 0, found: 0 },
  };
  for (const [sha, label] of Object.entries(labels)) {
    const predicted = predictions.get(sha);
    if (predicted === undefined) {
      throw new Error(`no prediction for ${sha}`);
    }
    const isAgent = predicted.kind === "agent";
    if (label.kind === "agent") {
      const bucket = byClass[label.cls] ?? { total: 0, found: 0 };
      bucket.total += 1;
      if (isAgent) {
        tp += 1;
        bucket.found += 1;
        if (predicted.agent === label.agent) {
          right += 1;
        }
      }
    } else if (isAgent) {
      fp += 1;
    }
  }
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
  const inCommit = byClass["in-commit"] ?? { total: 0, found: 0 };
  const branchOnly = byClass["branch-only"] ?? { total: 0, found: 0 };
  return {
    precision: ratio(tp, tp + fp),
    recallInCommit: ratio(inCommit.found, inCommit.total),
    recallBranchOnly: ratio(branchOnly.found, branchOnly.total),
    recallAll: ratio(inCommit.found + branchOnly.found, inCommit.total + branchOnly.total),
    identity: ratio(right, tp),
    fp,
    found: {
      "in-commit": `${String(inCommit.found)}/${String(inCommit.total)}`,
      "branch-only": `${String(branchOnly.found)}/${String(branchOnly.total)}`,
    },
  };
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`.padStart(7);

const ref = process.argv[2];
const { labels } = buildSet(setDir);
const counts = Object.values(labels);
const agents = new Set(counts.filter((label) => label.kind === "agent").map((label) => label.agent));
console.log(
  `labelled set: ${String(counts.length)} commits (${String(counts.filter((l) => l.kind === "agent").length)} agent, ${String(agents.size)} agents; ${String(counts.filter((l) => l.kind !== "agent").length)} people's and bots') — tuned, built from the conventions in bench/attribution/conventions.ts`,
);
const { dir, sha } = exportRelease(ref);
const rows: [string, Scores][] = [
  [`release ${sha.slice(0, 12)}`, score(labels, await release(dir)(setDir))],
  ["this tree (decide)", score(labels, await current("decide")(setDir))],
  ["this tree (hint)", score(labels, await current("hint")(setDir))],
];
console.log(`\n${"".padEnd(22)} precision  recall(commit)  recall(branch-only)  recall(all)  identity  false+`);
for (const [name, s] of rows) {
  console.log(
    `${name.padEnd(22)} ${pct(s.precision)}    ${pct(s.recallInCommit)} ${s.found["in-commit"]?.padStart(7) ?? ""}  ${pct(s.recallBranchOnly)} ${s.found["branch-only"]?.padStart(7) ?? ""}    ${pct(s.recallAll)}  ${pct(s.identity)}  ${String(s.fp).padStart(5)}`,
  );
}
