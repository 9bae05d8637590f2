import { describe, expect, it } from "vitest";
import { patchAddedLines } from "./patch-added-lines.js";

describe("patchAddedLines", () => {
  it("numbers added lines by the head version across hunks, skipping removed lines and no-newline markers", () => {
    const patch = [
      "@@ -1,3 +1,4 @@",
      " a",
      "-b",
      "+B",
      "+C",
      " d",
      "@@ -10,2 +11,2 @@ function f() {",
      " x",
      "-y",
      "+Y",
      "\\ No newline at end of file",
    ].join("\n");
    expect(patchAddedLines(patch)).toEqual([
      { line: 2, text: "B" },
      { line: 3, text: "C" },
      { line: 12, text: "Y" },
    ]);
  });

  it("returns nothing for a deletion-only patch or text before any hunk", () => {
    expect(patchAddedLines("+not in a hunk\n@@ -1,2 +0,0 @@\n-a\n-b")).toEqual([]);
  });

  it("handles a new file (`+1` without a count) and CRLF content", () => {
    expect(patchAddedLines("@@ -0,0 +1 @@\n+only\r")).toEqual([{ line: 1, text: "only" }]);
  });
});
