import { describe, expect, it } from "vitest";
import { readLockfile } from "./read-lockfile.js";

describe("readLockfile", () => {
  it("selects the parser by file name and reports ecosystem and kind", () => {
    const set = readLockfile("services/api/go.mod", "module x\n\nrequire golang.org/x/net v0.17.0\n");
    expect([set.file, set.ecosystem, set.kind, set.packages.map((item) => item.name)]).toEqual([
      "services/api/go.mod",
      "Go",
      "manifest",
      ["golang.org/x/net"],
    ]);
  });

  it("accepts a byte-order mark before JSON", () => {
    expect(readLockfile("package.json", '\uFEFF{"dependencies":{"zod":"4.1.0"}}').packages.map((item) => item.version)).toEqual(["4.1.0"]);
  });

  it("throws LOCKFILE_INVALID for a file it has no parser for", () => {
    expect(() => readLockfile("Gemfile.lock", "GEM\n")).toThrow(
      expect.objectContaining({ code: "LOCKFILE_INVALID", position: { file: "Gemfile.lock" } }),
    );
  });

  it("throws LOCKFILE_INVALID with the file and line for a malformed lockfile", () => {
    expect(() => readLockfile("web/package-lock.json", '{\n  "lockfileVersion": 3,\n  "packages": {,\n}')).toThrow(
      expect.objectContaining({ code: "LOCKFILE_INVALID", position: { file: "web/package-lock.json", line: 3 } }),
    );
  });
});
