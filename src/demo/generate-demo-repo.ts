/**
 * Builds the demo repository `custody demo` audits: a small, real git repository of a billing
 * service where people and AI coding agents (Copilot coding agent, Claude Code as co-author,
 * OpenAI Codex, Devin) and Dependabot have committed. Some agent commits carry the provenance
 * trailers the policy requires (`Agent-Task:`, `Authorized-by:`), some do not; Devin edits the CI
 * workflow (a protected path); Codex leaves its allowed scope. Every identity and date is fixed
 * and the user's git configuration is ignored, so the same shas come out on every machine.
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { CustodyError } from "../model/errors.js";

interface Person {
  name: string;
  email: string;
}

const MAYA: Person = { name: "Maya Chen", email: "maya@acme.example" };
const OMAR: Person = { name: "Omar Haddad", email: "omar@acme.example" };
const COPILOT: Person = { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com" };
const GITHUB: Person = { name: "GitHub", email: "noreply@github.com" };
const CODEX: Person = { name: "Codex", email: "codex@openai.com" };
const DEVIN: Person = { name: "devin-ai-integration[bot]", email: "158243242+devin-ai-integration[bot]@users.noreply.github.com" };
const DEPENDABOT: Person = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" };

const DEMO_POLICY = `# Custody policy for the demo repository (see docs/policy.md).
version: 1
provenance:
  # Every agent commit names its task and the person who delegated it.
  required_trailers: [Agent-Task, Authorized-by]
rules:
  path_scope:
    scopes:
      - name: codex-sources-only
        agents: [openai-codex]
        only_changed_files: ["src/**", "test/**"]
`;

interface DemoCommit {
  author: Person;
  committer?: Person;
  date: string;
  message: string;
  files: Record<string, string>;
  /** Make this commit on a branch and merge it (no fast-forward) as `mergedBy`. */
  branch?: { name: string; mergedBy: Person; mergeDate: string };
}

const INVOICE_V1 = `export interface Line {
  description: string;
  cents: number;
}

export function total(lines: Line[]): number {
  return lines.reduce((sum, line) => sum + line.cents, 0);
}
`;

const INVOICE_V2 = `${INVOICE_V1}
export function formatCents(cents: number): string {
  return (cents / 100).toFixed(2);
}
`;

const CI_V1 = `name: ci
on: [push, pull_request]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
`;

const CI_V2 = CI_V1.replace("permissions:\n  contents: read\n", "permissions:\n  contents: write\n").replace(
  "      - run: npm ci && npm test\n",
  "      - run: npm ci && npm test\n      - run: npm run deploy\n        env:\n          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n",
);

const PACKAGE_V1 = `{
  "name": "acme-billing",
  "version": "1.0.0",
  "type": "module",
  "scripts": { "test": "node --test" },
  "dependencies": { "zod": "3.22.0" }
}
`;

const DEMO_COMMITS: readonly DemoCommit[] = [
  {
    author: MAYA,
    date: "2025-03-03T09:12:00+01:00",
    message: "Start the billing service\n",
    files: {
      "README.md": "# acme-billing\n\nInvoices and taxes for ACME.\n",
      "package.json": PACKAGE_V1,
      "src/invoice.ts": INVOICE_V1,
      ".github/workflows/ci.yml": CI_V1,
      ".github/custody.yml": DEMO_POLICY,
    },
  },
  {
    author: OMAR,
    date: "2025-03-04T14:30:00+01:00",
    message: "Test invoice totals\n",
    files: {
      "test/invoice.test.ts":
        'import { total } from "../src/invoice.js";\n\nconsole.assert(total([{ description: "a", cents: 250 }]) === 250);\n',
    },
  },
  {
    author: COPILOT,
    committer: GITHUB,
    date: "2025-03-06T10:02:00Z",
    message:
      "Add cent formatting for invoice totals\n\nFormats integer cents as a decimal string for the PDF renderer.\n\n" +
      "Agent-Task: https://github.com/acme/billing/issues/12\nAuthorized-by: Maya Chen <maya@acme.example>\nCo-authored-by: Maya Chen <maya@acme.example>\n",
    files: { "src/invoice.ts": INVOICE_V2 },
    branch: { name: "copilot/fix-12", mergedBy: MAYA, mergeDate: "2025-03-06T16:45:00+01:00" },
  },
  {
    author: OMAR,
    date: "2025-03-11T11:20:00+01:00",
    message:
      "Compute VAT per line\n\nRounds per line, as the tax office requires.\n\n" +
      "Agent-Task: ACME-88\nAuthorized-by: Omar Haddad <omar@acme.example>\nCo-authored-by: Claude <noreply@anthropic.com>\n",
    files: {
      "src/tax.ts":
        'import type { Line } from "./invoice.js";\n\nexport function vat(line: Line, rate: number): number {\n  return Math.round(line.cents * rate);\n}\n',
    },
  },
  {
    author: OMAR,
    date: "2025-03-12T17:05:00+01:00",
    message:
      "Handle zero-rated lines\n\n\u{1F916} Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-authored-by: Claude <noreply@anthropic.com>\n",
    files: {
      "src/tax.ts":
        'import type { Line } from "./invoice.js";\n\nexport function vat(line: Line, rate: number): number {\n  if (rate === 0) {\n    return 0;\n  }\n  return Math.round(line.cents * rate);\n}\n',
    },
  },
  {
    author: CODEX,
    date: "2025-03-18T08:40:00Z",
    message: "Add a deploy script and currency rounding helper\n\nhttps://chatgpt.com/codex/tasks/task_e_demo\n",
    files: {
      "src/round.ts":
        "export function roundHalfEven(value: number): number {\n  const floor = Math.floor(value);\n  const diff = value - floor;\n  if (diff !== 0.5) {\n    return Math.round(value);\n  }\n  return floor % 2 === 0 ? floor : floor + 1;\n}\n",
      "scripts/deploy.sh": '#!/bin/sh\nset -eu\ncurl -fsS -X POST "$DEPLOY_HOOK"\n',
    },
  },
  {
    author: DEVIN,
    date: "2025-03-19T13:15:00Z",
    message:
      "Deploy from CI after tests pass\n\nAgent-Task: https://app.devin.ai/sessions/demo\nAuthorized-by: Omar Haddad <omar@acme.example>\n",
    files: { ".github/workflows/ci.yml": CI_V2 },
  },
  {
    author: DEPENDABOT,
    committer: GITHUB,
    date: "2025-03-24T06:00:00Z",
    message:
      "Bump zod from 3.22.0 to 3.22.3\n\nBumps [zod](https://github.com/colinhacks/zod) from 3.22.0 to 3.22.3.\n\nSigned-off-by: dependabot[bot] <support@github.com>\n",
    files: { "package.json": PACKAGE_V1.replace("3.22.0", "3.22.3") },
  },
  {
    author: COPILOT,
    committer: GITHUB,
    date: "2025-03-25T09:30:00Z",
    message: "Document the tax module\n",
    files: { "README.md": "# acme-billing\n\nInvoices and taxes for ACME.\n\n## Taxes\n\n`vat(line, rate)` rounds per line.\n" },
  },
  {
    author: MAYA,
    date: "2025-03-26T10:00:00+01:00",
    message: "Release 1.1.0\n",
    files: { "package.json": PACKAGE_V1.replace("3.22.0", "3.22.3").replace('"version": "1.0.0"', '"version": "1.1.0"') },
  },
];

function git(dir: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<void> {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("GIT_")) {
      base[key] = value;
    }
  }
  return new Promise((resolve, reject) => {
    // The user's global and system config (signing, hooks, templates, autocrlf) would change
    // the shas or stop the commit: the demo ignores both.
    const child = spawn("git", ["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", "-c", "core.hooksPath=/dev/null", ...args], {
      cwd: dir,
      env: { ...base, LC_ALL: "C", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", ...env },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr += text;
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new CustodyError("GIT_FAILED", "Could not run `git`: install git to build the demo repository.", { cause: error })
          : error,
      );
    });
    child.on("close", (code) => {
      if (code === 0) {
        resolve();
      } else {
        reject(
          new CustodyError("GIT_FAILED", `git ${args[0] ?? ""} failed while building the demo repository in ${dir}: ${stderr.trim()}`),
        );
      }
    });
    child.stdin.end(input);
  });
}

function identityEnv(author: Person, committer: Person, date: string, committerDate = date): NodeJS.ProcessEnv {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_COMMITTER_DATE: committerDate,
  };
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

/** Creates the demo repository in `dir` (which must be empty or absent). */
export async function generateDemoRepo(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await git(dir, ["init", "-q", "-b", "main"]);
  for (const commit of DEMO_COMMITS) {
    if (commit.branch) {
      await git(dir, ["checkout", "-q", "-b", commit.branch.name]);
    }
    await writeFiles(dir, commit.files);
    await git(dir, ["add", "-A"]);
    await git(
      dir,
      ["commit", "-q", "--no-verify", "-F", "-"],
      identityEnv(commit.author, commit.committer ?? commit.author, commit.date),
      commit.message,
    );
    if (commit.branch) {
      const { name, mergedBy, mergeDate } = commit.branch;
      await git(dir, ["checkout", "-q", "main"]);
      await git(
        dir,
        ["merge", "-q", "--no-ff", "--no-verify", "-m", `Merge pull request #13 from acme/${name}`, name],
        identityEnv(mergedBy, GITHUB, mergeDate),
      );
      await git(dir, ["branch", "-q", "-D", name]);
    }
  }
}
