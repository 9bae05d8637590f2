import { describe, expect, it } from "vitest";
import { noteSessionAt, parseAuthorshipNote } from "./git-ai-notes.js";

// The complete example of the Git AI Standard v3.0.0 (specs/git_ai_standard_v3.0.0.md §1.2.5),
// messages shortened.
const SPEC_EXAMPLE = `src/main.rs
  abcd1234abcd1234 1-10,15-20
  efab5678efab5678 25,30-35
src/lib.rs
  abcd1234abcd1234 1-50
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.0.23",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {
    "abcd1234abcd1234": {
      "agent_id": { "tool": "cursor", "id": "6ef2299e-a67f-432b-aa80-3d2fb4d28999", "model": "claude-4.5-opus" },
      "human_author": "Developer <dev@example.com>",
      "messages": [], "total_additions": 25, "total_deletions": 5, "accepted_lines": 20, "overriden_lines": 0
    },
    "efab5678efab5678": {
      "agent_id": { "tool": "claude", "id": "a1b2c3d4", "model": "claude-3-sonnet" },
      "messages": [], "total_additions": 6, "total_deletions": 0, "accepted_lines": 6, "overriden_lines": 0
    }
  }
}
`;

describe("parseAuthorshipNote", () => {
  it("reads the spec's example: files, ranges and sessions", () => {
    const note = parseAuthorshipNote(SPEC_EXAMPLE);
    expect(note).toBeDefined();
    if (note === undefined) {
      return;
    }
    expect(noteSessionAt(note, "src/main.rs", 1)).toMatchObject({
      tool: "cursor",
      model: "claude-4.5-opus",
      humanAuthor: "Developer <dev@example.com>",
    });
    expect(noteSessionAt(note, "src/main.rs", 12)).toBeUndefined();
    expect(noteSessionAt(note, "src/main.rs", 31)).toMatchObject({ tool: "claude" });
    expect(noteSessionAt(note, "src/lib.rs", 50)).toMatchObject({ tool: "cursor" });
    expect(noteSessionAt(note, "src/other.rs", 1)).toBeUndefined();
  });

  it("accepts quoted paths and 7-character hashes", () => {
    const note = parseAuthorshipNote(
      `"src/my file.rs"\n  abcd123 3\n---\n{"schema_version":"authorship/3.0.0","base_commit_sha":"x","prompts":{"abcd1234abcd1234":{"agent_id":{"tool":"amp","id":"T-1"}}}}`,
    );
    expect(note && noteSessionAt(note, "src/my file.rs", 3)).toMatchObject({ tool: "amp" });
  });

  it.each([
    ["no divider", "src/a.rs\n  abcd1234abcd1234 1-2\n"],
    ["metadata that is not JSON", "src/a.rs\n  abcd1234abcd1234 1\n---\n{not json"],
    ["another schema", `src/a.rs\n  abcd1234abcd1234 1\n---\n{"schema_version":"authorship/2.0.0","prompts":{}}`],
    ["a reversed range", `src/a.rs\n  abcd1234abcd1234 9-3\n---\n{"schema_version":"authorship/3.0.0","prompts":{}}`],
    ["an entry before any file", `  abcd1234abcd1234 1\n---\n{"schema_version":"authorship/3.0.0","prompts":{}}`],
    ["a line 0", `src/a.rs\n  abcd1234abcd1234 0-3\n---\n{"schema_version":"authorship/3.0.0","prompts":{}}`],
  ])("refuses %s without throwing", (_why, text) => {
    expect(parseAuthorshipNote(text)).toBeUndefined();
  });
});
