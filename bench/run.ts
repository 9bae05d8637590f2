/**
 * `npm run bench`: every benchmark, one after another, each printing its figures beside the
 * baseline it measures in the same run. `npm run bench -- audit secrets` runs only those.
 * Benchmarks build what they need under bench/.work/ (gitignored) and reuse it.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BENCHMARKS: readonly { name: string; file: string; what: string }[] = [
  { name: "audit", file: "audit.ts", what: "custody audit over 20,000 commits vs git log --numstat; peak RSS at 20k and 100k commits" },
  { name: "check-git", file: "check-git.ts", what: "reading a 200-file, 20,000-line change vs git diff" },
  { name: "check", file: "check.ts", what: "custody check of a 200-file change with every detector on vs git diff" },
  { name: "classify", file: "classify-commit.ts", what: "provenance classification per commit" },
  {
    name: "audit-commits",
    file: "attribution/audit-commits.ts",
    what: "custody audit --commits over 20,000 and 100,000 commits vs git log -z --raw --numstat (CPU and wall); peak RSS",
  },
  { name: "blame", file: "attribution/blame.ts", what: "custody blame of a 5,000-line file vs git blame --porcelain" },
  {
    name: "attribution-quality",
    file: "attribution/quality.ts",
    what: "attribution precision, recall (in-commit, branch-only) and identity accuracy on a generated labelled set, beside the release on main",
  },
  { name: "secrets", file: "secrets.ts", what: "secret scanning MB/s vs grep -E with the rules' keywords" },
  {
    name: "secrets-quality",
    file: "secrets-quality.ts",
    what: "secret recall and false positives on gitleaks' labelled samples, beside secretlint when installed",
  },
  {
    name: "secrets-heldout",
    file: "secrets-quality-heldout.ts",
    what: "secret recall and false positives on detect-secrets' labelled plugin-test samples (held out: rules never tuned on them), beside secretlint when installed",
  },
  { name: "taint", file: "taint.ts", what: "taint analysis files/s vs oxc-parser parsing alone" },
  {
    name: "taint-quality",
    file: "taint-quality.ts",
    what: "taint recall and false positives on Semgrep's labelled rule tests, beside eslint-plugin-security when installed",
  },
  {
    name: "taint-quality-heldout",
    file: "taint-quality-heldout.ts",
    what: "held-out taint recall and false positives on Semgrep and CodeQL tests never tuned on, beside eslint-plugin-security",
  },
  { name: "deps", file: "deps.ts", what: "lockfile parsing vs JSON.parse" },
  {
    name: "glob",
    file: "glob.ts",
    what: "policy globs against a 10,000-character path (linear NFA) vs picomatch, including the (a+)+b bomb",
  },
  {
    name: "deps-typosquat",
    file: "deps-typosquat.ts",
    what: "typosquat recall/precision on a labelled set beside a naive edit distance and the previous release; check of a 2,000-package lockfile",
  },
  {
    name: "deps-advisories",
    file: "deps-advisories.ts",
    what: "advisory matching of a 2,000-package lockfile against a 200,000-record npm export, cold, vs inflate + JSON.parse of the export",
  },
  { name: "ledger", file: "ledger.ts", what: "verify of 1,000,000 events vs plain SHA-256; group commit vs one transaction per append" },
  {
    name: "app",
    file: "app.ts",
    what: "GitHub App evaluations/s (warm) of a 20-file agent PR and GitHub requests per evaluation vs the API minimum",
  },
  { name: "server", file: "server.ts", what: "webhook deliveries/s and latency vs a bare signature-verifying server; metrics API p50" },
];

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Known: ${BENCHMARKS.map((b) => b.name).join(", ")}.`);
  process.exit(2);
}
let failed = 0;
for (const bench of BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  console.log(`\n=== ${bench.name}: ${bench.what}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(here, bench.file)], { stdio: "inherit" });
  if (result.status !== 0) {
    failed += 1;
    console.log(`=== ${bench.name} exited ${String(result.status)}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
