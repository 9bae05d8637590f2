import { describe, expect, it } from "vitest";
import { LineSplitter, PatchParser } from "./parse-patch.js";

function parse(patch: string, max: number, chunk = 5, maxLine = Math.max(max + 2, 65_536)): PatchParser {
  const parser = new PatchParser(max);
  const splitter = new LineSplitter(maxLine);
  const bytes = Buffer.from(patch);
  const onLine = (line: Buffer): void => {
    parser.line(line);
  };
  for (let i = 0; i < bytes.length; i += chunk) {
    splitter.push(bytes.subarray(i, i + chunk), onLine);
  }
  splitter.end(onLine);
  return parser;
}

const PATCH = [
  "diff --git a/x.ts b/x.ts",
  "index 1..2 100644",
  "--- a/x.ts",
  "+++ b/x.ts",
  "@@ -1,0 +2,2 @@",
  "+two",
  "+three",
  "@@ -9 +10,0 @@",
  "-gone",
  "@@ -20,0 +20 @@",
  "+twenty",
  "\\ No newline at end of file",
  "diff --git a/bin.png b/bin.png",
  "Binary files a/bin.png and b/bin.png differ",
  "diff --git a/+odd b/+odd",
  "new file mode 100644",
  "--- /dev/null",
  "+++ b/+odd",
  "@@ -0,0 +1 @@",
  "+diff --git inside content",
  "",
].join("\n");

describe("PatchParser", () => {
  it("reads added lines with their new-side numbers, one section per file", () => {
    const parser = parse(PATCH, 1000);
    expect(parser.sections).toEqual([
      {
        addedLines: [
          { line: 2, text: "two" },
          { line: 3, text: "three" },
          { line: 20, text: "twenty" },
        ],
        truncated: false,
      },
      { addedLines: [], truncated: false },
      { addedLines: [{ line: 1, text: "diff --git inside content" }], truncated: false },
    ]);
  });

  it("truncates a file whose added text exceeds the limit", () => {
    const parser = parse(PATCH, 6);
    expect(parser.sections[0]).toEqual({ addedLines: [], truncated: true });
    expect(parser.sections[2]?.truncated).toBe(true);
  });

  it("cuts one enormous line without keeping it whole, and truncates its file", () => {
    const huge = `diff --git a/min.js b/min.js\n@@ -0,0 +1 @@\n+${"x".repeat(100_000)}\ndiff --git a/ok b/ok\n@@ -0,0 +1 @@\n+fine\n`;
    const seen: number[] = [];
    const splitter = new LineSplitter(1000);
    splitter.push(Buffer.from(huge), (line) => seen.push(line.length));
    expect(Math.max(...seen)).toBe(1000);
    const parser = parse(huge, 500, 4096, 1000);
    expect(parser.sections[0]).toEqual({ addedLines: [], truncated: true });
    expect(parser.sections[1]?.addedLines).toEqual([{ line: 1, text: "fine" }]);
  });
});
