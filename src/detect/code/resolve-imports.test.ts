import { describe, expect, it } from "vitest";
import { candidatePaths } from "./import-candidates.js";
import { createImportResolver, safeRelativePath } from "./resolve-imports.js";

describe("createImportResolver (oxc-resolver over mirrored paths)", () => {
  it("resolves extensions, index files and .js specifiers naming .ts files", () => {
    const resolver = createImportResolver(["src/a.ts", "src/lib/index.tsx", "src/b.js"]);
    try {
      expect(resolver.resolve("src/main.ts", "./a.js")).toBe("src/a.ts");
      expect(resolver.resolve("src/main.ts", "./lib")).toBe("src/lib/index.tsx");
      expect(resolver.resolve("src/deep/x.ts", "../b")).toBe("src/b.js");
      expect(resolver.resolve("src/main.ts", "./missing")).toBeUndefined();
      expect(resolver.resolve("src/main.ts", "react")).toBeUndefined();
    } finally {
      resolver.dispose();
    }
  });

  it("never mirrors or resolves paths outside the repository", () => {
    expect(safeRelativePath("../etc/passwd")).toBeUndefined();
    expect(safeRelativePath("/etc/passwd")).toBeUndefined();
    expect(safeRelativePath("a/../../b")).toBeUndefined();
    expect(safeRelativePath("a/./b.ts")).toBe("a/b.ts");
    expect(candidatePaths("a.ts", "../../etc/passwd")).toEqual([]);
    const resolver = createImportResolver(["../outside.ts", "in.ts"]);
    try {
      expect(resolver.resolve("in.ts", "../outside")).toBeUndefined();
    } finally {
      resolver.dispose();
    }
  });

  it("lists .ts candidates for a .js specifier", () => {
    expect(candidatePaths("src/x.ts", "./y.js")).toEqual(expect.arrayContaining(["src/y.js", "src/y.ts", "src/y.tsx"]));
  });
});
