import { describe, expect, it } from "vitest";
import { authorizedBy, parseMessageTrailers } from "./commit-trailers.js";

describe("parseMessageTrailers", () => {
  it("reads the last paragraph's trailers", () => {
    const trailers = parseMessageTrailers("Fix\n\nBody text.\n\nAgent-Task: T-1\nAuthorized-by: Jane <jane@example.com>\n");
    expect(trailers).toEqual([
      { key: "Agent-Task", value: "T-1" },
      { key: "Authorized-by", value: "Jane <jane@example.com>" },
    ]);
    expect(authorizedBy(trailers)).toBe("Jane <jane@example.com>");
  });

  it("finds none in a subject-only message or a body paragraph with prose", () => {
    expect(parseMessageTrailers("Authorized-by: not a trailer, it is the subject")).toEqual([]);
    expect(parseMessageTrailers("Fix\n\nThis explains: things\nand more prose here")).toEqual([]);
    expect(authorizedBy([])).toBeUndefined();
  });
});
