/**
 * Generates a benchmark repository of N commits with `git fast-import` (one process, no per-commit
 * spawn): a realistic mix of people, AI agents (Copilot coding agent, Claude Code as co-author,
 * Codex, Devin — some with provenance trailers, some without), Dependabot bumps and merge-free
 * linear history over a pool of source files that grow and change, some touching workflows and
 * infrastructure. Deterministic (seeded PRNG, fixed clock). Cached under bench/.work/repo-<N>.
 *
 *   npx tsx bench/generate-repo.ts 20000      # prints the repository path
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const WORK = path.join(path.dirname(fileURLToPath(import.meta.url)), ".work");

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Person {
  name: string;
  email: string;
}

const HUMANS: Person[] = Array.from({ length: 25 }, (_, i) => ({ name: `Dev ${String(i)}`, email: `dev${String(i)}@example.com` }));
const COPILOT: Person = { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com" };
const CODEX: Person = { name: "Codex", email: "codex@openai.com" };
const DEVIN: Person = { name: "devin-ai-integration[bot]", email: "158243242+devin-ai-integration[bot]@users.noreply.github.com" };
const DEPENDABOT: Person = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" };
const GITHUB: Person = { name: "GitHub", email: "noreply@github.com" };

const DIRS = ["src/api", "src/core", "src/ui", "src/db", "lib", "test", "docs", "infra", ".github/workflows"];
const WORDS = ["alpha", "beta", "gamma", "delta", "parse", "render", "invoice", "user", "cache", "retry", "token", "queue"];

export function repoPath(commits: number): string {
  return path.join(WORK, `repo-${String(commits)}`);
}

/** Creates (or reuses) the repository; returns its path. */
export async function generateRepo(commits: number): Promise<string> {
  const dir = repoPath(commits);
  const done = path.join(dir, ".git", "custody-bench-complete");
  if (existsSync(done)) {
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LC_ALL: "C" };
  await new Promise<void>((resolve, reject) => {
    const init = spawn("git", ["init", "-q", "-b", "main", dir], { env, stdio: "inherit" });
    init.on("close", (code) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error("git init failed"));
      }
    });
  });
  const child = spawn("git", ["fast-import", "--quiet", "--done"], { cwd: dir, env, stdio: ["pipe", "inherit", "inherit"] });
  const exited = new Promise<number>((resolve) => {
    child.on("close", (code) => {
      resolve(code ?? 1);
    });
  });
  const random = prng(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const files = new Map<string, string[]>();
  const paths: string[] = [];
  let time = Date.parse("2022-01-03T09:00:00Z") / 1000;
  let chunk: string[] = [];
  let chunkBytes = 0;

  const write = async (text: string): Promise<void> => {
    chunk.push(text);
    chunkBytes += text.length;
    if (chunkBytes > 1 << 20) {
      const ok = child.stdin.write(chunk.join(""));
      chunk = [];
      chunkBytes = 0;
      if (!ok) {
        await new Promise((resolve) => child.stdin.once("drain", resolve));
      }
    }
  };

  const line = (): string => `export const ${pick(WORDS)}${String(Math.floor(random() * 1e6))} = "${pick(WORDS)} ${pick(WORDS)}";`;

  for (let i = 1; i <= commits; i += 1) {
    time += 600 + Math.floor(random() * 7200);
    const roll = random();
    let author: Person;
    let committer: Person;
    let trailers = "";
    let subjectPrefix = "";
    if (roll < 0.12) {
      author = COPILOT;
      committer = GITHUB;
      if (random() < 0.6) {
        trailers = `\nAgent-Task: https://github.com/acme/app/issues/${String(i)}\nAuthorized-by: ${pick(HUMANS).name}\n`;
      }
    } else if (roll < 0.22) {
      author = pick(HUMANS);
      committer = author;
      trailers = `\n${random() < 0.5 ? `Agent-Task: T-${String(i)}\nAuthorized-by: ${author.name}\n` : ""}Co-authored-by: Claude <noreply@anthropic.com>\n`;
    } else if (roll < 0.27) {
      author = CODEX;
      committer = CODEX;
    } else if (roll < 0.3) {
      author = DEVIN;
      committer = DEVIN;
      trailers = random() < 0.5 ? `\nAgent-Task: devin-${String(i)}\nAuthorized-by: ${pick(HUMANS).name}\n` : "";
    } else if (roll < 0.34) {
      author = DEPENDABOT;
      committer = GITHUB;
      subjectPrefix = "Bump ";
    } else {
      author = pick(HUMANS);
      committer = author;
    }
    const changes: string[] = [];
    const touched = 1 + Math.floor(random() * random() * 6);
    for (let t = 0; t < touched; t += 1) {
      let file: string;
      if (paths.length < 50 || random() < 0.08) {
        const dir = pick(DIRS);
        file = `${dir}/${pick(WORDS)}-${String(paths.length)}.${dir === ".github/workflows" ? "yml" : dir === "infra" ? "tf" : "ts"}`;
        files.set(file, []);
        paths.push(file);
      } else {
        file = pick(paths);
      }
      const lines = files.get(file) ?? [];
      const edits = 1 + Math.floor(random() * 8);
      for (let e = 0; e < edits; e += 1) {
        if (lines.length < 120 || random() < 0.3) {
          lines.splice(Math.floor(random() * (lines.length + 1)), 0, line());
        } else {
          lines[Math.floor(random() * lines.length)] = line();
        }
      }
      if (lines.length > 200) {
        lines.splice(0, lines.length - 200);
      }
      files.set(file, lines);
      const content = `${lines.join("\n")}\n`;
      changes.push(`M 100644 inline ${file}\ndata ${String(Buffer.byteLength(content))}\n${content}\n`);
    }
    const message = `${subjectPrefix}${pick(WORDS)}: change ${pick(WORDS)} in ${String(touched)} file(s) (#${String(i)})\n${trailers}`;
    const stamp = `${String(time)} +0000`;
    await write(
      `commit refs/heads/main\nmark :${String(i)}\nauthor ${author.name} <${author.email}> ${stamp}\ncommitter ${committer.name} <${committer.email}> ${stamp}\n` +
        `data ${String(Buffer.byteLength(message))}\n${message}\n${i > 1 ? `from :${String(i - 1)}\n` : ""}${changes.join("")}\n`,
    );
  }
  await write("done\n");
  child.stdin.end(chunk.join(""));
  if ((await exited) !== 0) {
    throw new Error("git fast-import failed");
  }
  await new Promise<void>((resolve, reject) => {
    const co = spawn("git", ["checkout", "-q", "-f", "main"], { cwd: dir, env, stdio: "inherit" });
    co.on("close", (code) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error("git checkout failed"));
      }
    });
  });
  writeFileSync(done, new Date().toISOString());
  return dir;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? "20000");
  const started = performance.now();
  const dir = await generateRepo(n);
  console.log(`${dir} (${String(n)} commits, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
