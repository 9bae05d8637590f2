import { describe, expect, it } from "vitest";
import { agentVerdict, approvalFinding, protectedPathFinding, ssrfFinding, unicodePathFinding } from "./__fixtures__/verdicts.js";
import { renderCheckRun } from "./check-run.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

const all = [approvalFinding, ssrfFinding, protectedPathFinding, unicodePathFinding];

describe("text reporter", () => {
  it("prints no escape codes without colour, and the outcome, rule, place and flow", () => {
    const text = renderText(agentVerdict(all), { color: false });
    expect(text).not.toContain("\u001b[");
    expect(text).toMatch(/^FAIL /);
    expect(text).toContain("taint/ssrf src/routes/proxy.ts:14");
    expect(text).toContain("→ src/routes/proxy.ts:11 source: req.query.url");
    expect(text).toContain("required-approvals (change) (below fail_on)");
    expect(text).toContain("4 finding(s): 1 critical, 2 high, 1 medium; the check fails at high and above.");
  });

  it("colours severities on a terminal", () => {
    expect(renderText(agentVerdict(all), { color: true })).toContain("\u001b[31m");
  });

  it("says so when there is nothing to report", () => {
    expect(renderText(agentVerdict([], "pass"), { color: false })).toContain("PASS");
  });
});

describe("JSON reporter", () => {
  it("is stable: schema version, sorted findings, nulls instead of missing fields", () => {
    const document = JSON.parse(renderJson(agentVerdict(all)));
    expect(document.schemaVersion).toBe(1);
    expect(document.outcome).toBe("fail");
    expect(document.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      "secret/github-pat",
      "protected-paths",
      "taint/ssrf",
      "required-approvals",
    ]);
    expect(document.findings[3].location).toBeNull();
    expect(document.summary.bySeverity).toEqual({ info: 0, low: 0, medium: 1, high: 2, critical: 1 });
    expect(document.provenance.commits[0].provenanceTrailers).toEqual({ "agent-task": "#42" });
  });
});

describe("Markdown reporter", () => {
  it("escapes table cells so a message cannot break the table", () => {
    const markdown = renderMarkdown(agentVerdict([protectedPathFinding]));
    expect(markdown).toContain("## Custody check: ❌ fail");
    expect(markdown).toContain("ci.yml \\| deploy.");
    expect(markdown.split("\n").filter((l) => l.startsWith("| high |"))).toHaveLength(1);
  });
});

describe("check run", () => {
  it("maps severities to annotation levels and places change-level findings on the policy file", () => {
    const run = renderCheckRun(agentVerdict(all));
    expect(run.conclusion).toBe("failure");
    const approval = run.annotations.find((a) => a.title === "required-approvals");
    expect(approval).toMatchObject({ path: ".github/custody.yml", start_line: 1, annotation_level: "warning" });
    expect(run.annotations.find((a) => a.title === "taint/ssrf")?.annotation_level).toBe("failure");
  });
});

describe("every format names the policy it applied and accounts for every rule", () => {
  const verdict = agentVerdict([protectedPathFinding]);
  const sarif = JSON.parse(renderSarif(verdict, { rules: [], policyPath: ".github/custody.yml" })) as {
    runs: {
      properties: { policy: unknown; rules: unknown[] };
      invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
    }[];
  };
  const run = sarif.runs[0];
  const json = JSON.parse(renderJson(verdict)) as {
    policy: unknown;
    rules: { id: string; outcome: string; reason: string | null; remedy: string | null }[];
  };

  it.each([
    ["text", renderText(verdict, { color: false })],
    ["markdown", renderMarkdown(verdict)],
    ["check run", renderCheckRun(verdict).summary],
  ])("%s: the policy's source and blob, and each rule with its outcome, reason and remedy", (_format, output) => {
    expect(output).toMatch(/[Pp]olicy: \.github\/custody\.yml at base 111111111111 \(blob 9f8e7d6c5b4a\)/);
    for (const id of ["protected-paths", "required-approvals", "branch-naming", "code"]) {
      expect(output).toContain(id);
    }
    expect(output).toContain(
      "skipped: disabled by the policy (rules.branch_naming.enabled: false); to run it: set rules.branch_naming.enabled: true",
    );
    expect(output).toContain("failed, cannot judge: the pull request's reviews are unknown");
    expect(output).toContain("give the Action a github-token");
  });

  it("json: `policy` and `rules` with reason and remedy", () => {
    expect(json.policy).toEqual(verdict.policySource);
    expect(json.rules.map((rule) => [rule.id, rule.outcome])).toEqual([
      ["protected-paths", "failed"],
      ["required-approvals", "failed"],
      ["branch-naming", "skipped"],
      ["code", "passed"],
    ]);
    expect(json.rules[2]).toMatchObject({ reason: expect.stringContaining("disabled"), remedy: "set rules.branch_naming.enabled: true" });
  });

  it("sarif: run properties carry the policy and every outcome; rules that did not judge are invocation notifications", () => {
    expect(run?.properties.policy).toEqual(verdict.policySource);
    expect(run?.properties.rules).toHaveLength(4);
    expect(run?.invocations[0]?.toolExecutionNotifications.map((note) => note.message.text)).toEqual([
      expect.stringContaining("required-approvals: failed, cannot judge"),
      expect.stringContaining("branch-naming: skipped"),
    ]);
  });
});
