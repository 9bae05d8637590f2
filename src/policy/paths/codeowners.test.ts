import { describe, expect, it } from "vitest";
import { CODEOWNERS_PATHS, ownersOf, parseCodeowners } from "./codeowners.js";

// The example file from GitHub's "About code owners" documentation, abridged, with its own claims.
const GITHUB_EXAMPLE = `# This is a comment.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
\\#notes.md @hash-owner
`;

describe("parseCodeowners", () => {
  const codeowners = parseCodeowners(GITHUB_EXAMPLE, ".github/CODEOWNERS");

  it.each([
    ["README.md", ["@global-owner1", "@global-owner2"]],
    ["src/app.js", ["@js-owner"]],
    ["cmd/main.go", ["docs@example.com"]],
    ["notes/todo.txt", ["@octo-org/octocats"]],
    // /build/logs/ names @doctocat, but the later **/logs line matches too and wins.
    ["build/logs/today.log", ["@octocat"]],
    ["docs/getting-started.md", ["@doctocat"]],
    ["deeply/nested/logs/x.log", ["@octocat"]],
    ["apps/web/index.html", ["@octocat"]],
    ["apps/github/readme.md", []],
    ["#notes.md", ["@hash-owner"]],
    [".github/workflows/ci.yml", ["@global-owner1", "@global-owner2"]],
  ])("%s is owned by %j (last matching line wins)", (path, owners) => {
    expect(ownersOf(codeowners, path)?.owners).toEqual(owners);
  });

  it("docs/* owns files directly in docs/ but not nested ones (the later /docs/ line aside)", () => {
    const only = parseCodeowners("docs/*  docs@example.com\n", "CODEOWNERS");
    expect(ownersOf(only, "docs/getting-started.md")?.owners).toEqual(["docs@example.com"]);
    expect(ownersOf(only, "docs/build-app/troubleshooting.md")).toBeUndefined();
  });

  it("an unanchored directory matches at any depth; an anchored one only at the root", () => {
    const file = parseCodeowners("apps/ @any\n/root-only/ @root\n", "CODEOWNERS");
    expect(ownersOf(file, "services/apps/x.ts")?.owners).toEqual(["@any"]);
    expect(ownersOf(file, "root-only/x.ts")?.owners).toEqual(["@root"]);
    expect(ownersOf(file, "nested/root-only/x.ts")).toBeUndefined();
  });

  it("reports lines GitHub ignores instead of throwing", () => {
    const file = parseCodeowners("!secret.txt @a\n[abc].md @b\nsrc/ not-an-owner\nok.md @c\n", "CODEOWNERS");
    expect(file.problems.map((problem) => problem.line)).toEqual([1, 2, 3]);
    expect(file.rules.map((rule) => rule.pattern)).toEqual(["ok.md"]);
  });

  it("ignores GitLab-style section headers and blank lines", () => {
    const file = parseCodeowners("[Docs]\n\ndocs/ @writer\n", "CODEOWNERS");
    expect(file.rules).toHaveLength(1);
    expect(file.rules[0]?.line).toBe(3);
  });

  it("lists GitHub's three locations in its search order", () => {
    expect(CODEOWNERS_PATHS).toEqual([".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]);
  });
});
