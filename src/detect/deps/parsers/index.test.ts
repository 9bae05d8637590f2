import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isCustodyError } from "../../../model/errors.js";
import { LOCKFILE_PARSERS, parserFor } from "./index.js";

const fixtures = new URL("../__fixtures__/", import.meta.url);

/** Input each parser must refuse: broken syntax of its own format. */
const MALFORMED: Record<(typeof LOCKFILE_PARSERS)[number]["id"], string> = {
  "package-json": '{ "dependencies": { "lodash": "^4" ',
  "package-lock": '{ "lockfileVersion": 3, "packages": { "node_modules/x": { "version": 7 } } }',
  "pnpm-lock": "lockfileVersion: '9.0'\npackages:\n  lodash@4.17.21: [unclosed\n",
  "yarn-lock": '# yarn lockfile v1\n\nlodash@^4.17.0:\n  version "4.17.21\n',
  "requirements-txt": "requests==2.31.0\nflask >= = 2\n",
  "pyproject-toml": '[project]\ndependencies = ["requests>=2"\nname = "x"\n',
  "poetry-lock": '[[package]]\nname = "requests"\nversion = \n',
  "go-mod": "module example.com/x\n\nrequire (\n\tgolang.org/x/net\n)\n",
  "go-sum": "golang.org/x/net v0.17.0 h1:pVaXccu2ozPjCXewfr1S7xza/zcXTity9cCdXQYSjIM=\nnot a checksum line\n",
  "cargo-toml": '[dependencies]\nserde = { version = "1" \n',
  "cargo-lock": 'version = 3\n\n[[package]]\nname = "serde"\n',
  "pom-xml": "<project>\n  <dependencies>\n    <dependency><groupId>a</groupId>\n  </dependencies>\n</project>\n",
};

describe("LOCKFILE_PARSERS", () => {
  it("has unique ids", () => {
    const ids = LOCKFILE_PARSERS.map((parser) => parser.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(LOCKFILE_PARSERS)("$id", (parser) => {
    const directory = new URL(`${parser.id}/`, fixtures);
    const files = existsSync(directory)
      ? readdirSync(directory, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
      : [];

    it("has fixtures whose names select this parser and no other", () => {
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        expect(parserFor(file.name)?.id).toBe(parser.id);
        expect(LOCKFILE_PARSERS.filter((other) => other.fileName.test(file.name))).toHaveLength(1);
      }
    });

    it("refuses malformed input with LOCKFILE_INVALID naming the file", () => {
      const name = files[0]?.name ?? "unknown";
      const path = `sub/dir/${name}`;
      let caught: unknown;
      try {
        parser.parse(MALFORMED[parser.id], path);
      } catch (error) {
        caught = error;
      }
      expect(isCustodyError(caught, "LOCKFILE_INVALID")).toBe(true);
      expect((caught as Error).message).toContain(path);
    });
  });

  it("ignores files it has no parser for", () => {
    expect(parserFor("src/index.ts")).toBeUndefined();
    expect(parserFor("docs/package.json.md")).toBeUndefined();
    expect(parserFor("requirements/dev.in")).toBeUndefined();
  });

  it("selects by base name, whatever the folder", () => {
    expect(parserFor("services/api/requirements-dev.txt")?.id).toBe("requirements-txt");
    expect(parserFor("npm-shrinkwrap.json")?.id).toBe("package-lock");
  });
});
