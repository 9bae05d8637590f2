import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CustodyError } from "../../model/errors.js";
import { isCustodyError } from "../../model/errors.js";
import { defaultPolicy, loadPolicy, parsePolicy } from "./load-policy.js";

function parseError(text: string): CustodyError {
  try {
    parsePolicy(text, "policy.yml");
  } catch (error) {
    if (isCustodyError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error("expected the policy to be rejected");
}

describe("parsePolicy", () => {
  it("fills every default from `version: 1`", () => {
    const policy = parsePolicy("version: 1\n", "policy.yml");
    expect(policy).toEqual(defaultPolicy());
    expect(policy.fail_on).toBe("medium");
    expect(policy.provenance.required_trailers).toEqual(["Agent-Task", "Authorized-by"]);
    expect(policy.rules.protected_paths.enabled).toBe(true);
    expect(policy.detectors.secrets.enabled).toBe(true);
  });

  it("parses agents into the model's AgentSignature shape", () => {
    const policy = parsePolicy(
      "version: 1\nagents:\n  - id: acme-bot\n    logins: [acme-bot]\n    account_ids: [42]\n    branch_prefixes: [acme/]\n",
      "policy.yml",
    );
    expect(policy.agents).toEqual([
      { id: "acme-bot", name: "acme-bot", kind: "agent", logins: ["acme-bot"], accountIds: [42], branchPrefixes: ["acme/"] },
    ]);
  });

  it("strips the @ from approver logins", () => {
    const policy = parsePolicy("version: 1\nrules:\n  dependency_approval:\n    approval:\n      approvers: ['@lead']\n", "policy.yml");
    expect(policy.rules.dependency_approval.approval).toEqual({ labels: [], approvers: ["lead"] });
  });

  it.each([
    {
      name: "YAML syntax error",
      text: "version: 1\nfail_on: high\n  bad: indent\n",
      line: 2,
      column: 10,
      key: undefined,
      message: /not valid YAML: Nested mappings/,
    },
    {
      name: "duplicate key",
      text: "version: 1\nfail_on: high\nfail_on: low\n",
      line: 3,
      column: 1,
      key: undefined,
      message: /Map keys must be unique/,
    },
    {
      name: "unknown key with a suggestion",
      text: "version: 1\nrules:\n  protected_path:\n    enabled: false\n",
      line: 3,
      column: 3,
      key: "rules.protected_path",
      message: /unknown key "protected_path"; did you mean "protected_paths"\?/,
    },
    {
      name: "unknown key without a close match",
      text: "version: 1\nshiny: true\n",
      line: 2,
      column: 1,
      key: "shiny",
      message: /unknown key "shiny"; known keys here: version, fail_on, agents/,
    },
    {
      name: "unknown key inside a scope beats the scope's own check",
      text: 'version: 1\nrules:\n  path_scope:\n    scopes:\n      - agents: [x]\n        only_changed_file: ["a/**"]\n',
      line: 6,
      column: 9,
      key: "rules.path_scope.scopes.0.only_changed_file",
      message: /did you mean "only_changed_files"\? \(1 more problem/,
    },
    {
      name: "unknown key in a detector section",
      text: "version: 1\ndetectors:\n  secrets:\n    enabeld: false\n",
      line: 4,
      column: 5,
      key: "detectors.secrets.enabeld",
      message: /did you mean "enabled"/,
    },
    {
      name: "wrong type",
      text: "version: 1\nrules:\n  max_change_size:\n    max_files: many\n",
      line: 4,
      column: 16,
      key: "rules.max_change_size.max_files",
      message: /expected number, got string "many"/,
    },
    {
      name: "bad severity",
      text: "version: 1\nrules:\n  protected_paths:\n    severity: urgent\n",
      line: 4,
      column: 15,
      key: "rules.protected_paths.severity",
      message: /"urgent" is not allowed; expected "info", "low", "medium", "high", "critical"/,
    },
    { name: "bad fail_on", text: "version: 1\nfail_on: never\n", line: 2, column: 10, key: "fail_on", message: /"never" is not allowed/ },
    {
      name: "bad glob",
      text: 'version: 1\nrules:\n  protected_paths:\n    paths:\n      - "ok/**"\n      - "src/[abc"\n',
      line: 6,
      column: 9,
      key: "rules.protected_paths.paths.1",
      message: /bad glob "src\/\[abc": not a valid glob/,
    },
    {
      name: "absolute glob",
      text: "version: 1\nrules:\n  path_scope:\n    scopes:\n      - only_changed_files: [/src/**]\n",
      line: 5,
      column: 30,
      key: "rules.path_scope.scopes.0.only_changed_files.0",
      message: /without a leading "\/"/,
    },
    { name: "missing version", text: "fail_on: high\n", line: 1, column: 1, key: "version", message: /missing required key; expected 1/ },
    { name: "unsupported version", text: "version: 2\n", line: 1, column: 10, key: "version", message: /2 is not allowed; expected 1/ },
    { name: "not a mapping", text: "- a\n- b\n", line: 1, column: 1, key: undefined, message: /must be a mapping of keys .* got a list/ },
    { name: "empty file", text: "", line: 1, column: 1, key: undefined, message: /empty/ },
    {
      name: "scope without paths",
      text: "version: 1\nrules:\n  path_scope:\n    scopes:\n      - agents: [x]\n",
      line: 5,
      column: 9,
      key: "rules.path_scope.scopes.0",
      message: /a scope needs `only_changed_files`/,
    },
    {
      name: "agent email glob",
      text: 'version: 1\nagents:\n  - id: acme\n    emails: ["bot*@acme.example"]\n',
      line: 4,
      column: 14,
      key: "agents.0.emails.0",
      message: /`\*` may only start a pattern/,
    },
    {
      name: "agent id not kebab-case",
      text: "version: 1\nagents:\n  - id: Bad Id\n",
      line: 3,
      column: 9,
      key: "agents.0.id",
      message: /kebab-case/,
    },
    {
      name: "alias bomb",
      text: `version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
      line: 1,
      column: 1,
      key: undefined,
      message: /cannot be read as data/,
    },
  ])("$name → POLICY_INVALID at $line:$column", ({ text, line, column, key, message }) => {
    const error = parseError(text);
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.position).toEqual({ file: "policy.yml", line, column, ...(key === undefined ? {} : { key }) });
    expect(error.message).toMatch(message);
  });
});

describe("loadPolicy", () => {
  let repoDir = "";
  beforeEach(async () => {
    repoDir = await mkdtemp(join(tmpdir(), "custody-policy-"));
  });
  afterEach(async () => {
    await rm(repoDir, { recursive: true, force: true });
  });

  it("returns the defaults when the repository has no policy file", async () => {
    await expect(loadPolicy({ repoDir })).resolves.toEqual({ policy: defaultPolicy(), source: undefined, from: { origin: "default" } });
  });

  it("reads .github/custody.yml", async () => {
    await mkdir(join(repoDir, ".github"));
    await writeFile(join(repoDir, ".github/custody.yml"), "version: 1\nfail_on: high\n");
    const loaded = await loadPolicy({ repoDir });
    expect(loaded.source).toBe(".github/custody.yml");
    expect(loaded.policy.fail_on).toBe("high");
    // `git hash-object` of the same bytes: a reader can find this exact version in git.
    const sha = execFileSync("git", ["hash-object", "--no-filters", join(repoDir, ".github/custody.yml")], { encoding: "utf8" }).trim();
    expect(loaded.from).toEqual({ origin: "worktree", path: ".github/custody.yml", blobSha: sha });
  });

  it("falls back to .github/custody.yaml", async () => {
    await mkdir(join(repoDir, ".github"));
    await writeFile(join(repoDir, ".github/custody.yaml"), "version: 1\nfail_on: low\n");
    const loaded = await loadPolicy({ repoDir });
    expect(loaded.source).toBe(".github/custody.yaml");
    expect(loaded.policy.fail_on).toBe("low");
  });

  it("reports errors against the file's path", async () => {
    await writeFile(join(repoDir, "team.yml"), "version: 1\nrules:\n  nope: {}\n");
    await expect(loadPolicy({ repoDir, path: "team.yml" })).rejects.toMatchObject({
      code: "POLICY_INVALID",
      position: { file: "team.yml", line: 3, column: 3, key: "rules.nope" },
    });
  });

  it("POLICY_NOT_FOUND when an explicit file is missing", async () => {
    await expect(loadPolicy({ repoDir, path: "missing.yml" })).rejects.toMatchObject({
      code: "POLICY_NOT_FOUND",
      position: { file: "missing.yml" },
    });
  });

  it("POLICY_INVALID when the explicit path is a directory", async () => {
    await mkdir(join(repoDir, "dir.yml"));
    await expect(loadPolicy({ repoDir, path: "dir.yml" })).rejects.toMatchObject({ code: "POLICY_INVALID", position: { file: "dir.yml" } });
  });

  it("POLICY_INVALID for an oversized file", async () => {
    await writeFile(join(repoDir, "big.yml"), `version: 1\n#${"x".repeat(1024 * 1024)}\n`);
    await expect(loadPolicy({ repoDir, path: "big.yml" })).rejects.toMatchObject({
      code: "POLICY_INVALID",
      message: expect.stringContaining("at most"),
    });
  });

  it("POLICY_INVALID, not a hang or unbounded memory, for a FIFO or a device named as the policy", async () => {
    const fifo = join(repoDir, "policy.fifo");
    execFileSync("mkfifo", [fifo]);
    await expect(loadPolicy({ repoDir, path: "policy.fifo" })).rejects.toMatchObject({
      code: "POLICY_INVALID",
      message: expect.stringContaining("FIFO"),
    });
    await expect(loadPolicy({ repoDir, path: "/dev/zero" })).rejects.toMatchObject({
      code: "POLICY_INVALID",
      message: expect.stringContaining("character device"),
    });
  });
});

describe("parsePolicy: YAML that does not mean what it seems", () => {
  it("refuses an unknown tag at its position instead of dropping it", () => {
    const error = parseError("version: 1\nfail_on: !!python/object:os.system high\n");
    expect(error.message).toContain("YAML tag");
    expect(error.message).toContain("python/object");
    expect(error.position).toMatchObject({ line: 2, column: 10 });
  });

  it("names a number too large to read, at its position", () => {
    const error = parseError("version: 1\nrules:\n  max_change_size:\n    max_files: 1e400\n");
    expect(error.message).toBe("The number 1e400 is too large to be read as a number; use a finite number.");
    expect(error.position).toMatchObject({ line: 4, column: 16 });
  });
});
