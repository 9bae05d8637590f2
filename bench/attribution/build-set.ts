/**
 * Builds the labelled attribution set as a real git repository (bench/.work/attribution-set):
 * every shape of conventions.ts several times, pull requests of agent-named branches merged the
 * way GitHub merges them, people's commits in between, in a seeded order. Commits are written
 * with `git commit-tree` (plumbing: exact identities, dates and parents, no hooks, no config)
 * on the empty tree — attribution reads identities, messages and the graph, not files.
 * Writes labels.json beside it: sha → { kind, agent, cls, note }.
 *
 *   npx tsx bench/attribution/build-set.ts [out-dir]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LabelClass, Person, Shape } from "./conventions.js";
import { PEOPLE, SHAPES } from "./conventions.js";

export interface Label {
  kind: "agent" | "human" | "maintenance-bot";
  agent?: string;
  cls: LabelClass;
  note: string;
}

const IN_COMMIT_REPEAT = 8;
const HUMAN_REPEAT = 8;
const PULL_REQUESTS_PER_BRANCH_SHAPE = 4;
const COMMITS_PER_PULL_REQUEST = 3;
const WEB_FLOW: Person = { name: "GitHub", email: "noreply@github.com" };

/** A small seeded PRNG (mulberry32): the same set on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildSet(dir: string): { labels: Record<string, Label>; head: string } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", LC_ALL: "C" };
  const git = (args: string[], input?: string, extra: NodeJS.ProcessEnv = {}): string => {
    const result = spawnSync("git", args, { cwd: dir, env: { ...env, ...extra }, input, encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
    }
    return result.stdout.trim();
  };
  git(["init", "-q", "-b", "main"]);
  const tree = git(["hash-object", "-t", "tree", "-w", "--stdin"], "");
  let clock = Date.parse("2025-03-03T09:00:00Z");
  const commit = (message: string, parents: string[], author: Person, committer: Person = author): string => {
    clock += 37 * 60 * 1000;
    const date = new Date(clock).toISOString();
    return git(["commit-tree", tree, ...parents.flatMap((parent) => ["-p", parent]), "-F", "-"], message, {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: date,
    });
  };
  const person = (n: number): Person => PEOPLE[n % PEOPLE.length] ?? { name: "Ada Lovelace", email: "ada@example.com" };
  const labels: Record<string, Label> = {};
  const label = (sha: string, shape: Shape, cls: LabelClass = shape.cls): void => {
    labels[sha] = { kind: shape.kind, ...(shape.agent === undefined ? {} : { agent: shape.agent }), cls, note: shape.note };
  };

  type Event = { shape: Shape; n: number };
  const events: Event[] = [];
  for (const shape of SHAPES) {
    const times =
      shape.times ??
      (shape.branch !== undefined ? PULL_REQUESTS_PER_BRANCH_SHAPE : shape.kind === "agent" ? IN_COMMIT_REPEAT : HUMAN_REPEAT);
    for (let n = 0; n < times; n += 1) {
      events.push({ shape, n });
    }
  }
  const rand = random(20251208);
  for (let i = events.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [events[i], events[j]] = [events[j] as Event, events[i] as Event];
  }

  const plain = SHAPES.find((shape) => shape.note === "plain human commit") as Shape;
  let main = commit("Initial commit\n", [], person(0));
  label(main, plain);
  let pr = 1;
  for (const { shape, n } of events) {
    if (shape.branch === undefined) {
      const sha = commit(shape.message(n), [main], shape.author ?? person(n), shape.committer ?? shape.author ?? person(n));
      label(sha, shape);
      main = sha;
      continue;
    }
    // A pull request: commits under the human's identity on the agent-named branch, a person's
    // commit on main meanwhile, then GitHub's merge commit (merged by a person, committed by web-flow).
    const slug = `${shape.branch}task-${String(pr)}`;
    let tip = main;
    for (let k = 0; k < COMMITS_PER_PULL_REQUEST; k += 1) {
      tip = commit(shape.message(n * 10 + k), [tip], person(n + k));
      label(tip, shape);
    }
    main = commit(plain.message(1000 + pr), [main], person(pr + 1));
    label(main, plain);
    const mergeMessage = `Merge pull request #${String(pr)} from acme/${slug}\n\n${shape.message(n).split("\n")[0] ?? ""}\n`;
    main = commit(mergeMessage, [main, tip], person(pr), WEB_FLOW);
    label(main, shape);
    pr += 1;
  }
  git(["update-ref", "refs/heads/main", main]);
  writeFileSync(path.join(dir, "..", "attribution-labels.json"), `${JSON.stringify(labels, null, 1)}\n`);
  return { labels, head: main };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = process.argv[2] ?? path.join(here, "..", ".work", "attribution-set");
  const { labels } = buildSet(out);
  console.log(`${String(Object.keys(labels).length)} labelled commits in ${out}`);
}
