import { describe, expect, it } from "vitest";
import type { Commit } from "../../model/commit.js";
import { LogParser, NulTokenizer, parseTrailers } from "./parse-log.js";

// Output shaped exactly as `git log -z --raw --numstat` prints it with LOG_FORMAT (captured from
// git 2.39 and trimmed): a commit with a rename and a binary file, then a root commit.
const SAMPLE = Buffer.from(
  "\x1eaaaa\0bbbb\0Ada\0ada@example.com\x002025-01-01T00:00:00+00:00\0Ada\0ada@example.com\x002025-01-01T00:00:00+00:00\0" +
    "Agent-Task\x1dT-1\x1fCo-authored-by\x1dClaude <noreply@anthropic.com>\0second\n\nAgent-Task: T-1\n\0\0" +
    "\n:100644 100644 1111 2222 R090\0old.txt\0new.txt\0:000000 100644 0000 3333 A\0img.png\0" +
    "3\t1\t\0old.txt\0new.txt\0-\t-\timg.png\0" +
    "\x1ebbbb\0\0Ada\0ada@example.com\x002025-01-01T00:00:00+00:00\0Ada\0ada@example.com\x002025-01-01T00:00:00+00:00\0\0first\n\0\0" +
    "\n:000000 100644 0000 1111 A\0old.txt\0" +
    "10\t0\told.txt\0",
);

function parseInChunks(size: number): Commit[] {
  const tokenizer = new NulTokenizer();
  const parser = new LogParser();
  const out: Commit[] = [];
  for (let i = 0; i < SAMPLE.length; i += size) {
    for (const token of tokenizer.push(SAMPLE.subarray(i, i + size))) {
      parser.push(token, out);
    }
  }
  const rest = tokenizer.end();
  if (rest) {
    parser.push(rest, out);
  }
  parser.end(out);
  return out;
}

describe("LogParser", () => {
  it.each([1, 3, 7, 64, 100_000])("parses the same commits whatever the chunk size (%i bytes)", (size) => {
    const commits = parseInChunks(size);
    expect(commits).toHaveLength(2);
    expect(commits[0]).toMatchObject({
      sha: "aaaa",
      parents: ["bbbb"],
      subject: "second",
      trailers: [
        { key: "Agent-Task", value: "T-1" },
        { key: "Co-authored-by", value: "Claude <noreply@anthropic.com>" },
      ],
      files: [
        { path: "new.txt", oldPath: "old.txt", status: "renamed", additions: 3, deletions: 1, binary: false },
        { path: "img.png", status: "added", additions: 0, deletions: 0, binary: true },
      ],
    });
    expect(commits[1]).toMatchObject({
      sha: "bbbb",
      parents: [],
      trailers: [],
      files: [{ path: "old.txt", status: "added", additions: 10 }],
    });
  });
});

describe("parseTrailers", () => {
  it("ignores lines without a key-value separator and empty input", () => {
    expect(parseTrailers("")).toEqual([]);
    expect(parseTrailers("junk\x1fKey\x1d value ")).toEqual([{ key: "Key", value: "value" }]);
  });
});
