// docs/policy.md stays true to the code: every key the schema accepts (outside the scanners'
// own sections), every default path, and every example block parses as a policy.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_AGENT_BRANCHES, DEFAULT_DEPENDENCY_FILES, DEFAULT_PROTECTED_PATHS } from "./default-paths.js";
import { parsePolicy } from "../load/load-policy.js";
import { policySchema } from "./policy-schema.js";
import { knownKeysAt } from "../load/suggest-key.js";

const docs = readFileSync(fileURLToPath(new URL("../../../docs/policy.md", import.meta.url)), "utf8");

function keysOf(path: (string | number)[]): (string | number)[][] {
  return knownKeysAt(policySchema, path).flatMap((key) => [
    [...path, key],
    ...(key === "detectors" ? [] : keysOf([...path, key])),
    ...keysOf([...path, key, 0]),
  ]);
}

describe("docs/policy.md", () => {
  it("documents every key of the policy schema", () => {
    const keys = new Set(keysOf([]).map((path) => path.at(-1)));
    for (const key of ["secrets", "code", "deps", "enabled", "min_severity", "rules"]) {
      keys.add(key);
    }
    const missing = [...keys].filter((key) => !docs.includes(`\`${String(key)}\``));
    expect(missing).toEqual([]);
  });

  it("lists every default path and branch", () => {
    const missing = [...DEFAULT_PROTECTED_PATHS, ...DEFAULT_DEPENDENCY_FILES, ...DEFAULT_AGENT_BRANCHES].filter(
      (glob) => !docs.includes(`\`${glob}\``),
    );
    expect(missing).toEqual([]);
  });

  it("every YAML example is a valid policy (given `version: 1`)", () => {
    const blocks = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) {
      const text = block.startsWith("version:") ? block : `version: 1\n${block}`;
      expect(() => parsePolicy(text, "docs/policy.md")).not.toThrow();
    }
  });
});
