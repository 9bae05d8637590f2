// The policy's `agents:` section through the real loader: every signature mistake, including the
// ones that need the whole list (a repeated id, an extension that changes a built-in's kind), is
// a POLICY_INVALID at the file, line, column and key of the mistake. A parity table then holds
// the loader and the registry (src/provenance) to the same verdict on the same entries.
import { describe, expect, it } from "vitest";
import type { AgentSignature } from "../../model/agent-signature.js";
import type { CustodyError } from "../../model/errors.js";
import { isCustodyError } from "../../model/errors.js";
import { buildRegistry } from "../../provenance/signature-registry.js";
import { parsePolicy } from "../load/load-policy.js";

function loaderError(text: string): CustodyError {
  try {
    parsePolicy(text, ".github/custody.yml");
  } catch (error) {
    if (isCustodyError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error("expected the policy to be rejected");
}

const agents = (yaml: string): string => `version: 1\nagents:\n${yaml}`;

describe("policy agents: mistakes carry a position", () => {
  it.each([
    {
      name: "a repeated id, at the later entry",
      text: agents("  - id: acme-agent\n    logins: [acme]\n  - id: acme-agent\n    logins: [acme-two]\n"),
      line: 5,
      column: 9,
      key: "agents.1.id",
      message: /"acme-agent" is defined twice \(entries 0 and 1\)/,
    },
    {
      name: "an extension that changes a built-in's kind, at the kind written",
      text: agents("  - id: dependabot\n    kind: agent\n    logins: [acme-deps]\n"),
      line: 4,
      column: 11,
      key: "agents.0.kind",
      message: /"dependabot" extends the built-in signature of Dependabot \(kind "maintenance-bot"\) with kind "agent"/,
    },
    {
      // `kind` defaults to `agent`, so extending a bot without restating its kind is the same
      // mistake; there is no `kind` node, so the position is the entry's.
      name: "an extension of a bot that leaves kind to its default, at the entry",
      text: agents("  - id: renovate\n    logins: [acme-renovate]\n"),
      line: 3,
      column: 5,
      key: "agents.0.kind",
      message: /set kind to "maintenance-bot" \(the policy's default is "agent"\)/,
    },
    {
      name: "an AI reviewer extended as an agent, in the second entry",
      text: agents("  - id: acme-agent\n  - id: coderabbit\n    kind: agent\n"),
      line: 5,
      column: 11,
      key: "agents.1.kind",
      message: /CodeRabbit \(kind "ai-reviewer"\)/,
    },
    {
      name: "a bare `*` email",
      text: agents('  - id: acme\n    emails: ["*"]\n'),
      line: 4,
      column: 14,
      key: "agents.0.emails.0",
      message: /a suffix pattern needs text after `\*`/,
    },
    {
      name: "a `*` inside a login",
      text: agents('  - id: acme\n    logins: ["acme-*"]\n'),
      line: 4,
      column: 14,
      key: "agents.0.logins.0",
      message: /`\*` may only start a pattern/,
    },
    {
      name: "an empty name pattern",
      text: agents('  - id: acme\n    names: ["  "]\n'),
      line: 4,
      column: 13,
      key: "agents.0.names.0",
      message: /must not be empty/,
    },
    {
      name: "a two-letter marker",
      text: agents("  - id: acme\n    markers: [ai]\n"),
      line: 4,
      column: 15,
      key: "agents.0.markers.0",
      message: /at least 3 characters/,
    },
    {
      name: "a one-letter branch prefix",
      text: agents("  - id: acme\n    branch_prefixes: [a]\n"),
      line: 4,
      column: 23,
      key: "agents.0.branch_prefixes.0",
      message: /at least 2 characters/,
    },
    {
      name: "an empty label",
      text: agents('  - id: acme\n    labels: [""]\n'),
      line: 4,
      column: 14,
      key: "agents.0.labels.0",
      message: /must not be empty/,
    },
    {
      name: "a trailer key with spaces",
      text: agents("  - id: acme\n    trailer_values: [Co authored by]\n"),
      line: 4,
      column: 22,
      key: "agents.0.trailer_values.0",
      message: /git trailer key/,
    },
    {
      name: "a negative account id",
      text: agents("  - id: acme\n    account_ids: [-1]\n"),
      line: 4,
      column: 19,
      key: "agents.0.account_ids.0",
      message: /must be a positive number/,
    },
    {
      name: "a fractional app id",
      text: agents("  - id: acme\n    app_ids: [1.5]\n"),
      line: 4,
      column: 15,
      key: "agents.0.app_ids.0",
      message: /expected int, got number 1\.5/,
    },
    {
      name: "an empty display name",
      text: agents('  - id: acme\n    name: ""\n'),
      line: 4,
      column: 11,
      key: "agents.0.name",
      message: /must not be empty/,
    },
    {
      name: "an unknown kind",
      text: agents("  - id: acme\n    kind: robot\n"),
      line: 4,
      column: 11,
      key: "agents.0.kind",
      message: /"robot" is not allowed/,
    },
    {
      name: "a camelCase key",
      text: agents("  - id: acme\n    accountIds: [1]\n"),
      line: 4,
      column: 5,
      key: "agents.0.accountIds",
      message: /did you mean "account_ids"/,
    },
  ])("$name → POLICY_INVALID at $line:$column ($key)", ({ text, line, column, key, message }) => {
    const error = loaderError(text);
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.position).toEqual({ file: ".github/custody.yml", line, column, key });
    expect(error.message).toMatch(message);
  });

  it("accepts extensions that keep the built-in's kind, and distinct ids", () => {
    const policy = parsePolicy(
      agents(
        "  - id: dependabot\n    kind: maintenance-bot\n    logins: [acme-deps]\n  - id: claude-code\n    logins: [acme-claude]\n  - id: acme-agent\n",
      ),
      "p.yml",
    );
    expect(policy.agents.map((agent) => [agent.id, agent.kind])).toEqual([
      ["dependabot", "maintenance-bot"],
      ["claude-code", "agent"],
      ["acme-agent", "agent"],
    ]);
    // What the loader accepted, the registry accepts.
    expect(buildRegistry(policy.agents).get("dependabot")?.logins).toContain("acme-deps");
  });
});

function registryRejects(entries: readonly unknown[]): boolean {
  try {
    buildRegistry(entries as AgentSignature[]);
    return false;
  } catch (error) {
    if (isCustodyError(error) && error.code === "POLICY_INVALID") {
      return true;
    }
    throw error;
  }
}

function loaderRejects(text: string): boolean {
  try {
    parsePolicy(text, "p.yml");
    return false;
  } catch (error) {
    if (isCustodyError(error) && error.code === "POLICY_INVALID") {
      return true;
    }
    throw error;
  }
}

describe("the loader and the registry agree", () => {
  // Each row: the same entries as a policy writes them and as the model holds them.
  it.each([
    {
      name: "plain agent",
      yaml: '  - id: acme\n    emails: ["*@acme.example"]\n',
      model: [{ id: "acme", name: "acme", kind: "agent", emails: ["*@acme.example"] }],
      rejected: false,
    },
    {
      name: "bare `*`",
      yaml: '  - id: acme\n    emails: ["*"]\n',
      model: [{ id: "acme", name: "acme", kind: "agent", emails: ["*"] }],
      rejected: true,
    },
    {
      name: "glob in the middle",
      yaml: '  - id: acme\n    names: ["a*b"]\n',
      model: [{ id: "acme", name: "acme", kind: "agent", names: ["a*b"] }],
      rejected: true,
    },
    {
      name: "short marker",
      yaml: "  - id: acme\n    markers: [ab]\n",
      model: [{ id: "acme", name: "acme", kind: "agent", markers: ["ab"] }],
      rejected: true,
    },
    {
      name: "three-letter marker",
      yaml: "  - id: acme\n    markers: [abc]\n",
      model: [{ id: "acme", name: "acme", kind: "agent", markers: ["abc"] }],
      rejected: false,
    },
    {
      name: "duplicate id",
      yaml: "  - id: acme\n  - id: acme\n",
      model: [
        { id: "acme", name: "acme", kind: "agent" },
        { id: "acme", name: "acme", kind: "agent" },
      ],
      rejected: true,
    },
    {
      name: "kind changed",
      yaml: "  - id: github-actions\n",
      model: [{ id: "github-actions", name: "github-actions", kind: "agent" }],
      rejected: true,
    },
    {
      name: "kind kept",
      yaml: "  - id: github-actions\n    kind: maintenance-bot\n",
      model: [{ id: "github-actions", name: "github-actions", kind: "maintenance-bot" }],
      rejected: false,
    },
  ])("$name", ({ yaml, model, rejected }) => {
    expect(loaderRejects(agents(yaml))).toBe(rejected);
    expect(registryRejects(model)).toBe(rejected);
  });
});
