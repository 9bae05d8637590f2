import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INFORMATION_URI, VERSION } from "../src/version.js";

interface Manifest {
  version: string;
  homepage: string;
  repository: { type: string; url: string };
  bugs: { url: string };
}

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as Manifest;

describe("package.json", () => {
  it("names the one project home that reports (SARIF informationUri) point to", () => {
    expect(manifest.homepage.startsWith(INFORMATION_URI)).toBe(true);
    expect(manifest.repository.url).toBe(`git+${INFORMATION_URI}.git`);
    expect(manifest.bugs.url).toBe(`${INFORMATION_URI}/issues`);
  });

  it("carries the version the CLI and reports print", () => {
    expect(manifest.version).toBe(VERSION);
  });
});

// What `npm pack` would publish, read from the built tree (a fresh clone builds it on install).
const built = existsSync(new URL("../dist/index.js", import.meta.url));

describe.skipIf(!built)("the published package", () => {
  const packed = (): string[] => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: new URL("..", import.meta.url),
      encoding: "utf8",
    });
    const [report] = JSON.parse(out) as [{ files: { path: string }[] }];
    return report.files.map((file) => file.path);
  };

  it("ships the product only: no tests, fixtures, test helpers or the decisions log", () => {
    const files = packed();
    expect(files).toContain("dist/cli/main.js");
    expect(files).toContain("docs/policy.md");
    expect(files).toContain("app.yml"); // serve --setup reads the manifest from the package root
    expect(files.filter((path) => path.includes("__fixtures__") || /\.test\.|rule-test-|decisions\.md|\.map$/.test(path))).toEqual([]);
    const importsVitest = files.filter(
      (path) => path.endsWith(".js") && /from "vitest"/.test(readFileSync(new URL(`../${path}`, import.meta.url), "utf8")),
    );
    expect(importsVitest).toEqual([]);
  });
});
