import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capturedIO } from "./cli-io.js";
import type { CliIO } from "./cli-io.js";
import { checkCommitMessage } from "../engine/hooks/check-commit-message.js";
import { HOOK_MARKER, installHooks } from "../engine/hooks/install-hooks.js";
import { prepareCommitMessage } from "../engine/hooks/prepare-commit-message.js";
import { hookCommand } from "./hook.js";
import { buildProgram } from "./main.js";
import { isCustodyError } from "../model/errors.js";

let repo: string;

function git(args: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync("git", args, {
    cwd: repo,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: repo, GIT_CONFIG_NOSYSTEM: "1", ...env },
  });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

function io(env: Record<string, string> = {}): CliIO & { out: () => string; err: () => string } {
  return capturedIO({ cwd: repo, env });
}

async function runHook(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const captured = io(env);
  let code = 0;
  const program = buildProgram({ io: captured, setExitCode: (value) => (code = value) }, [hookCommand]);
  program.exitOverride();
  await program.parseAsync(args, { from: "user" });
  return { code, out: captured.out(), err: captured.err() };
}

function writeMessage(text: string): string {
  const path = join(repo, ".git", "COMMIT_EDITMSG");
  writeFileSync(path, text);
  return path;
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), "custody-hook-"));
  git(["init", "-q", "-b", "main"]);
  git(["config", "user.name", "Jane Doe"]);
  git(["config", "user.email", "jane.doe@example.com"]);
});

afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe("custody hook prepare-commit-msg", () => {
  it("adds the task and delegator trailers from the environment", async () => {
    const file = writeMessage(
      "fix: handle empty input\n\nCo-authored-by: Claude <noreply@anthropic.com>\n# Please enter the commit message\n",
    );
    const result = await runHook(["hook", "prepare-commit-msg", file, "message"], {
      CUSTODY_AGENT_TASK: "PROJ-123",
      CUSTODY_AUTHORIZED_BY: "Jane Doe <jane.doe@example.com>",
    });
    expect(result.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(
      "fix: handle empty input\n\nCo-authored-by: Claude <noreply@anthropic.com>\nAgent-Task: PROJ-123\nAuthorized-by: Jane Doe <jane.doe@example.com>\n# Please enter the commit message\n",
    );
  });

  it("does not stack the same trailers when run twice (amend)", async () => {
    const file = writeMessage("fix: x\n");
    const env = { CUSTODY_AGENT_TASK: "PROJ-1" };
    await prepareCommitMessage(io(env), file);
    await prepareCommitMessage(io(env), file);
    expect(readFileSync(file, "utf8")).toBe("fix: x\n\nAgent-Task: PROJ-1\n");
  });

  it("leaves the message alone without the variables", async () => {
    const file = writeMessage("fix: x\n");
    expect(await prepareCommitMessage(io(), file)).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe("fix: x\n");
  });

  it("uses the trailer names the policy sets", async () => {
    mkdirSync(join(repo, ".github"));
    writeFileSync(
      join(repo, ".github", "custody.yml"),
      "version: 1\nprovenance:\n  required_trailers: [Task-Ref, Approved-by]\n  delegator_trailer: Approved-by\n",
    );
    const file = writeMessage("fix: x\n");
    const added = await prepareCommitMessage(io({ CUSTODY_AGENT_TASK: "T-9", CUSTODY_AUTHORIZED_BY: "Sam <sam@example.com>" }), file);
    expect(added).toEqual(["Task-Ref: T-9", "Approved-by: Sam <sam@example.com>"]);
    expect(readFileSync(file, "utf8")).toContain("Task-Ref: T-9\nApproved-by: Sam <sam@example.com>\n");
  });

  it("refuses a value with a line break", async () => {
    const file = writeMessage("fix: x\n");
    const error = await prepareCommitMessage(io({ CUSTODY_AGENT_TASK: "PROJ-1\nAuthorized-by: Mallory" }), file).catch(
      (caught: unknown) => caught,
    );
    expect(isCustodyError(error, "USAGE")).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("fix: x\n");
  });

  it("reports an unreadable message file as an input error", async () => {
    const error = await prepareCommitMessage(io({ CUSTODY_AGENT_TASK: "PROJ-1" }), "no/such/file").catch((caught: unknown) => caught);
    expect(isCustodyError(error, "FILE_NOT_FOUND")).toBe(true);
  });
});

describe("custody hook commit-msg", () => {
  it("rejects an agent-authored message without the trailers", async () => {
    const file = writeMessage("fix: x\n\nCo-authored-by: Claude <noreply@anthropic.com>\n");
    const result = await runHook(["hook", "commit-msg", file]);
    expect(result.code).toBe(1);
    expect(result.err).toContain("agent-authored (claude-code)");
    expect(result.err).toContain("Agent-Task and Authorized-by");
  });

  it("names only the trailer that is missing", async () => {
    const file = writeMessage("fix: x\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\nAgent-Task: PROJ-1\n");
    expect(await checkCommitMessage(io(), file)).toEqual({ agent: "cursor", missing: ["Authorized-by"] });
  });

  it("accepts an agent-authored message with the trailers, folded or not", async () => {
    const file = writeMessage(
      "fix: x\n\nCo-authored-by: Claude\n <noreply@anthropic.com>\nagent-task: PROJ-1\nAuthorized-by: Jane Doe <jane.doe@example.com>\n",
    );
    expect((await runHook(["hook", "commit-msg", file])).code).toBe(0);
  });

  it("accepts a human's message without trailers", async () => {
    const file = writeMessage("fix: x\n\nCo-authored-by: Grace Hopper <grace@example.org>\n");
    expect((await runHook(["hook", "commit-msg", file])).code).toBe(0);
  });

  it("reads the author git exports to hooks", async () => {
    const file = writeMessage("feat: add --dry-run\n");
    const verdict = await checkCommitMessage(io({ GIT_AUTHOR_NAME: "Jane Doe (aider)", GIT_AUTHOR_EMAIL: "jane.doe@example.com" }), file);
    expect(verdict).toEqual({ agent: "aider", missing: ["Agent-Task", "Authorized-by"] });
  });

  it("treats a session that declared a task as an agent's", async () => {
    const file = writeMessage("fix: x\n\nAgent-Task: PROJ-1\n");
    expect(await checkCommitMessage(io({ CUSTODY_AGENT_TASK: "PROJ-1" }), file)).toEqual({
      agent: "declared agent session",
      missing: ["Authorized-by"],
    });
  });

  it("ignores trailers that only appear in comment lines", async () => {
    const file = writeMessage("fix: x\n\nCo-authored-by: Claude <noreply@anthropic.com>\n# Agent-Task: PROJ-1\n# Authorized-by: Jane\n");
    expect((await checkCommitMessage(io(), file)).missing).toEqual(["Agent-Task", "Authorized-by"]);
  });
});

describe("custody hook install", () => {
  it("writes both hooks, executable and marked", async () => {
    const result = await runHook(["hook", "install", "--command", "npx custody"]);
    expect(result.code).toBe(0);
    for (const name of ["prepare-commit-msg", "commit-msg"]) {
      const path = join(repo, ".git", "hooks", name);
      const text = readFileSync(path, "utf8");
      expect(text).toContain(HOOK_MARKER);
      expect(text).toContain(`exec npx custody hook ${name} "$@"`);
      expect(statSync(path).mode & 0o111).not.toBe(0);
      expect(result.out).toContain(path);
    }
    expect(readFileSync(join(repo, ".git", "hooks", "prepare-commit-msg"), "utf8")).toContain(
      '[ -n "$CUSTODY_AGENT_TASK$CUSTODY_AUTHORIZED_BY" ] || exit 0',
    );
  });

  it("writes a pre-commit hook running check --staged only when asked (--pre-commit)", async () => {
    await installHooks(io(), { dir: ".", force: false, command: "custody" });
    expect(existsSync(join(repo, ".git", "hooks", "pre-commit"))).toBe(false);
    const result = await runHook(["hook", "install", "--pre-commit"]);
    expect(result.code).toBe(0);
    const path = join(repo, ".git", "hooks", "pre-commit");
    expect(readFileSync(path, "utf8")).toContain("exec custody check --staged --no-summary");
    expect(readFileSync(path, "utf8")).toContain(HOOK_MARKER);
    expect(statSync(path).mode & 0o111).not.toBe(0);
  });

  it("honours core.hooksPath and is idempotent", async () => {
    git(["config", "core.hooksPath", "tools/hooks"]);
    await installHooks(io(), { dir: ".", force: false, command: "custody" });
    await installHooks(io(), { dir: ".", force: false, command: "custody" });
    expect(existsSync(join(repo, "tools", "hooks", "commit-msg"))).toBe(true);
    expect(existsSync(join(repo, ".git", "hooks", "commit-msg"))).toBe(false);
  });

  it("will not replace a hook it did not write unless forced", async () => {
    const path = join(repo, ".git", "hooks", "commit-msg");
    mkdirSync(join(repo, ".git", "hooks"), { recursive: true });
    writeFileSync(path, '#!/bin/sh\nexec lint-commit "$1"\n');
    const error = await installHooks(io(), { dir: ".", force: false, command: "custody" }).catch((caught: unknown) => caught);
    expect(isCustodyError(error, "USAGE")).toBe(true);
    expect(readFileSync(path, "utf8")).toContain("lint-commit");
    await installHooks(io(), { dir: ".", force: true, command: "custody" });
    expect(readFileSync(path, "utf8")).toContain(HOOK_MARKER);
  });

  it("refuses a multi-line command and a directory outside a repository", async () => {
    const multi = await installHooks(io(), { dir: ".", force: false, command: "custody\nrm -rf /" }).catch((caught: unknown) => caught);
    expect(isCustodyError(multi, "USAGE")).toBe(true);
    const outside = mkdtempSync(join(tmpdir(), "custody-no-repo-"));
    try {
      const error = await installHooks(capturedIO({ cwd: outside }), { dir: ".", force: false, command: "custody" }).catch(
        (caught: unknown) => caught,
      );
      expect(isCustodyError(error, "NOT_A_REPOSITORY")).toBe(true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("teaches its use in --help", async () => {
    const captured = io();
    const program = buildProgram({ io: captured, setExitCode: () => undefined }, [hookCommand]);
    program.exitOverride();
    await expect(program.parseAsync(["hook", "--help"], { from: "user" })).rejects.toThrow();
    expect(captured.out()).toContain("CUSTODY_AGENT_TASK");
    expect(captured.out()).toContain("custody hook install");
  });
});

describe("installed hooks with real git commits", () => {
  const loader = pathToFileURL(resolve("node_modules/tsx/dist/loader.mjs")).href;
  const runner = resolve("src/cli/__fixtures__/run-hook-command.ts");
  const command = `"${process.execPath}" --import "${loader}" "${runner}"`;

  it("adds trailers to an agent's commit and rejects one without them", async () => {
    await installHooks(io(), { dir: ".", force: false, command });
    writeFileSync(join(repo, "a.txt"), "one\n");
    git(["add", "a.txt"]);

    const rejected = git(["commit", "-q", "-m", "feat: one\n\nCo-authored-by: Claude <noreply@anthropic.com>"]);
    expect(rejected.status).not.toBe(0);
    expect(rejected.stderr).toContain("lacks Agent-Task and Authorized-by");
    expect(git(["rev-list", "--all"]).stdout).toBe("");

    const accepted = git(["commit", "-q", "-m", "feat: one\n\nCo-authored-by: Claude <noreply@anthropic.com>"], {
      CUSTODY_AGENT_TASK: "PROJ-7",
      CUSTODY_AUTHORIZED_BY: "Jane Doe <jane.doe@example.com>",
    });
    expect(accepted.stderr).toBe("");
    expect(accepted.status).toBe(0);
    expect(git(["log", "-1", "--format=%(trailers:key=Agent-Task,valueonly)%(trailers:key=Authorized-by,valueonly)"]).stdout.trim()).toBe(
      "PROJ-7\nJane Doe <jane.doe@example.com>",
    );
  });
});
