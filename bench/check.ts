/**
 * `custody check` of a 200-file, 20,000-line change with every detector on (secrets, taint
 * analysis, dependencies) and the policy rules, beside `git diff` of the same change in the
 * same run. The change is made of Express route modules (so the taint analysis has real work:
 * sources, sinks, sanitizers, imports between the files) and a package.json + package-lock.json
 * change for the dependency review.
 *
 *   npx tsx bench/check.ts [runs=3]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, seconds, timeProcess } from "./bench-util.js";

const RUNS = Number(process.argv[2] ?? "3");
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, "bench", ".work", "check-200-files");
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Copilot",
  GIT_AUTHOR_EMAIL: "198982749+Copilot@users.noreply.github.com",
  GIT_COMMITTER_NAME: "Copilot",
  GIT_COMMITTER_EMAIL: "198982749+Copilot@users.noreply.github.com",
  GIT_AUTHOR_DATE: "2025-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2025-01-01T00:00:00Z",
};
const git = (...args: string[]): string => execFileSync("git", args, { cwd: dir, env, encoding: "utf8" }).trim();

/** One route module of 100 lines: handlers reading the request, helpers, a call into a sibling module. */
function routeModule(index: number): string {
  const next = (index + 1) % 190;
  const lines = [
    `import express from "express";`,
    `import { execFile } from "node:child_process";`,
    `import { readFile } from "node:fs/promises";`,
    `import { normalise${String(next)} } from "./route-${String(next)}.js";`,
    ``,
    `export const router${String(index)} = express.Router();`,
    ``,
    `export function normalise${String(index)}(value) {`,
    `  return String(value).trim().toLowerCase();`,
    `}`,
    ``,
  ];
  let handler = 0;
  while (lines.length < 96) {
    const n = `${String(index)}_${String(handler)}`;
    switch (handler % 4) {
      case 0:
        lines.push(
          `router${String(index)}.get("/proxy/${n}", async (req, res) => {`,
          `  const target = normalise${String(next)}(req.query.url);`,
          `  const response = await fetch(target);`,
          `  res.json(await response.json());`,
          `});`,
          ``,
        );
        break;
      case 1:
        lines.push(
          `router${String(index)}.get("/file/${n}", async (req, res) => {`,
          `  const name = Number(req.params.id);`,
          `  const text = await readFile(\`data/\${name}.json\`, "utf8");`,
          `  res.type("json").send(text);`,
          `});`,
          ``,
        );
        break;
      case 2:
        lines.push(
          `router${String(index)}.post("/run/${n}", (req, res) => {`,
          `  execFile("convert", ["--width", String(Number(req.body.width))], (error) => {`,
          `    res.status(error ? 500 : 204).end();`,
          `  });`,
          `});`,
          ``,
        );
        break;
      default:
        lines.push(
          `export function total${n}(items) {`,
          `  let sum = 0;`,
          `  for (const item of items) sum += item.price * item.quantity;`,
          `  return Math.round(sum * 100) / 100;`,
          `}`,
          ``,
        );
    }
    handler += 1;
  }
  return `${lines.slice(0, 100).join("\n")}\n`;
}

function build(): void {
  if (existsSync(path.join(dir, ".git", "bench-complete"))) {
    return;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "src", "routes"), { recursive: true });
  git("init", "-q", "-b", "main");
  writeFileSync(path.join(dir, "package.json"), readFileSync(path.join(root, "src/detect/deps/__fixtures__/npm-change/base/package.json")));
  writeFileSync(
    path.join(dir, "package-lock.json"),
    readFileSync(path.join(root, "src/detect/deps/__fixtures__/npm-change/base/package-lock.json")),
  );
  writeFileSync(path.join(dir, "README.md"), "# service\n");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  git("checkout", "-q", "-b", "copilot/routes");
  for (let f = 0; f < 190; f += 1) {
    writeFileSync(path.join(dir, "src", "routes", `route-${String(f)}.js`), routeModule(f));
  }
  for (let f = 0; f < 8; f += 1) {
    writeFileSync(
      path.join(dir, "src", `notes-${String(f)}.md`),
      Array.from({ length: 100 }, (_, i) => `- note ${String(i)} of file ${String(f)}`).join("\n") + "\n",
    );
  }
  writeFileSync(path.join(dir, "package.json"), readFileSync(path.join(root, "src/detect/deps/__fixtures__/npm-change/head/package.json")));
  writeFileSync(
    path.join(dir, "package-lock.json"),
    readFileSync(path.join(root, "src/detect/deps/__fixtures__/npm-change/head/package-lock.json")),
  );
  git("add", "-A");
  git("commit", "-q", "-m", "Add the routes\n\nAgent-Task: https://github.com/acme/service/issues/7\nAuthorized-by: Ada <ada@example.com>");
  writeFileSync(path.join(dir, ".git", "bench-complete"), "");
}

build();
const numstat = git("diff", "--numstat", "main...copilot/routes").split("\n");
const addedLines = numstat.reduce((sum, line) => sum + (Number(line.split("\t")[0]) || 0), 0);
console.log(`change: ${String(numstat.length)} files, ${String(addedLines)} added lines (${dir})`);

const checks: number[] = [];
const diffs: number[] = [];
let findings = "";
for (let run = 0; run < RUNS; run += 1) {
  diffs.push((await timeProcess("git", ["-C", dir, "diff", "main...copilot/routes"])).ms);
  const started = performance.now();
  const result = spawnSync(
    "node",
    [
      path.join(root, "bin", "custody.js"),
      "check",
      "--repo",
      dir,
      "--base",
      "main",
      "--head",
      "copilot/routes",
      "--format",
      "json",
      "--no-summary",
    ],
    {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    },
  );
  checks.push(performance.now() - started);
  // 0 pass and 1 policy failed are both a completed check; anything else is a broken run.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`custody check exited ${String(result.status)}: ${result.stderr}`);
  }
  const out = result.stdout;
  if (run === 0) {
    const report = JSON.parse(out) as { ran: string[]; summary: { byCategory: Record<string, number> } };
    findings = `ran ${report.ran.join(", ")}; findings by category ${JSON.stringify(report.summary.byCategory)}`;
  }
}
console.log(findings);
console.log(`git diff (baseline)              ${seconds(median(diffs))}  (median of ${String(RUNS)})`);
console.log(
  `custody check, every detector on ${seconds(median(checks))}  (median of ${String(RUNS)}; whole process: start-up, git, provenance, rules, secrets, taint, deps, report)`,
);
console.log(`ratio check / git diff           ${(median(checks) / median(diffs)).toFixed(1)}x`);
