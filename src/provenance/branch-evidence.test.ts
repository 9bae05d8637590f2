import { describe, expect, it } from "vitest";
import { mergedBranchEvidence, parseMergeSubject } from "./branch-evidence.js";
import { buildRegistry } from "./signature-registry.js";

const registry = buildRegistry();
const SHA = "a".repeat(40);

describe("parseMergeSubject", () => {
  it.each([
    ["Merge pull request #12 from acme/codex/fix-login", undefined, { branch: "codex/fix-login", platform: "github", number: 12 }],
    ["Merged in copilot/fix (pull request #3)", undefined, { branch: "copilot/fix", platform: "bitbucket", number: 3 }],
    [
      "Merge branch 'claude/x' into 'main'",
      "Merge branch 'claude/x' into 'main'\n\nSee merge request group/p!7\n",
      { branch: "claude/x", platform: "gitlab", number: 7 },
    ],
    ["Merge branch 'claude/x'", undefined, { branch: "claude/x", platform: "git" }],
    ["Merge remote-tracking branch 'origin/codex/y'", undefined, { branch: "codex/y", platform: "git" }],
  ])("reads %s", (subject, message, expected) => {
    expect(parseMergeSubject(subject, message ?? subject)).toEqual(expected);
  });

  it.each(["Merge the two parsers", "fix: merge pull request handling", 'Revert "Merge pull request #1 from a/codex/x"'])(
    "is not fooled by %s",
    (subject) => {
      expect(parseMergeSubject(subject)).toBeUndefined();
    },
  );
});

describe("mergedBranchEvidence", () => {
  it("decides for the agent whose prefix names the branch under decide", () => {
    const [item] = mergedBranchEvidence({ branch: "codex/fix", platform: "github", number: 4 }, SHA, registry, "decide");
    expect(item).toMatchObject({ signal: "merge", strength: "medium", subject: "openai-codex", kind: "agent" });
  });

  it("only hints under hint", () => {
    const [item] = mergedBranchEvidence({ branch: "codex/fix", platform: "github" }, SHA, registry, "hint");
    expect(item).toMatchObject({ signal: "merge", strength: "weak" });
  });

  it("calls a local merge branch evidence", () => {
    const [item] = mergedBranchEvidence({ branch: "claude/x", platform: "git" }, SHA, registry, "decide");
    expect(item).toMatchObject({ signal: "branch", subject: "claude-code" });
  });

  it.each(["feature/codex-support", "codex", "dependabot/npm/zod-4", "copilot/"])("finds nothing agent-named in %s", (branch) => {
    expect(mergedBranchEvidence({ branch, platform: "github" }, SHA, registry, "decide")).toEqual([]);
  });
});
