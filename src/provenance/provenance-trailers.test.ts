import { describe, expect, it } from "vitest";
import { makeCommit } from "./__fixtures__/make-commit.js";
import { missingProvenanceTrailers, readProvenanceTrailers } from "./provenance-trailers.js";

describe("provenance trailers", () => {
  it("reads the default keys case-insensitively", () => {
    const commit = makeCommit({
      trailers: [
        ["agent-task", "PROJ-123"],
        ["AUTHORIZED-BY", "Jane Doe <jane.doe@example.com>"],
      ],
    });
    expect(readProvenanceTrailers(commit)).toEqual({
      values: { "agent-task": "PROJ-123", "authorized-by": "Jane Doe <jane.doe@example.com>" },
      missing: [],
    });
    expect(missingProvenanceTrailers(commit, ["Agent-Task", "Authorized-by"])).toEqual([]);
  });

  it("names the missing keys as the policy spelled them", () => {
    const commit = makeCommit({ trailers: [["Agent-Task", "PROJ-9"]] });
    expect(missingProvenanceTrailers(commit, ["Agent-Task", "Authorized-by"])).toEqual(["Authorized-by"]);
    expect(missingProvenanceTrailers(makeCommit(), ["Task-Ref", "Approved-by"])).toEqual(["Task-Ref", "Approved-by"]);
  });

  it("counts an empty value as missing", () => {
    const commit = makeCommit({
      trailers: [
        ["Agent-Task", "PROJ-1"],
        ["Authorized-by", "   "],
      ],
    });
    expect(missingProvenanceTrailers(commit, ["Agent-Task", "Authorized-by"])).toEqual(["Authorized-by"]);
  });

  it("keeps every distinct value of a repeated key and unfolds whitespace", () => {
    const commit = makeCommit({
      trailers: [
        ["Authorized-by", "Jane Doe\n <jane.doe@example.com>"],
        ["Authorized-by", "Sam Roe <sam@example.com>"],
        ["Authorized-by", "Jane Doe <jane.doe@example.com>"],
      ],
    });
    expect(readProvenanceTrailers(commit, ["Authorized-by"]).values).toEqual({
      "authorized-by": "Jane Doe <jane.doe@example.com>, Sam Roe <sam@example.com>",
    });
  });

  it("ignores duplicate and blank required keys", () => {
    const commit = makeCommit();
    expect(missingProvenanceTrailers(commit, ["Agent-Task", "agent-task", " "])).toEqual(["Agent-Task"]);
  });
});
