import { describe, expect, it } from "vitest";
import type { RegistryFacts } from "../registry/query-registry.js";
import { npmPackage, ruleContext } from "../__fixtures__/rule-test-context.js";
import { unknownPackageRule } from "./unknown-package.js";

const DAY = 24 * 60 * 60 * 1000;
const facts: Record<string, { exists: boolean; created?: string; downloads?: number }> = {
  "react-dom-helpers-pro": { exists: false },
  "fresh-name": { exists: true, created: new Date(Date.now() - 2 * DAY).toISOString(), downloads: 5000 },
  "quiet-name": { exists: true, created: "2019-01-01T00:00:00Z", downloads: 12 },
  "solid-name": { exists: true, created: "2019-01-01T00:00:00Z", downloads: 90_000 },
};
const registry: RegistryFacts = { source: "http://127.0.0.1:9/npm", get: (_ecosystem, name) => facts[name] };
const online = { registry: { url: "http://127.0.0.1:9/npm" } };

describe("deps/unknown-package", () => {
  it.each([
    ["react-dom-helpers-pro", "high", /does not exist on http:\/\/127\.0\.0\.1:9\/npm/],
    ["fresh-name", "high", /first published 2 days ago/],
    ["quiet-name", "medium", /has 12 downloads a month, under the policy's 100/],
  ])("with a registry: reports %s (%s)", (name, severity, message) => {
    const [found, ...rest] = unknownPackageRule.check({ ...ruleContext({ added: [npmPackage(name)], options: online }), registry });
    expect(rest).toEqual([]);
    expect(found?.severity).toBe(severity);
    expect(found?.message).toMatch(message);
  });

  it("with a registry: does not report an established package, or a transitive one", () => {
    expect(
      unknownPackageRule.check({
        ...ruleContext({ added: [npmPackage("solid-name"), npmPackage("react-dom-helpers-pro", { direct: false })], options: online }),
        registry,
      }),
    ).toEqual([]);
  });

  it("says when the registry could not be asked rather than passing in silence", () => {
    const [found] = unknownPackageRule.check({
      ...ruleContext({ added: [npmPackage("anything")], options: online }),
      registryProblem: "HTTP 503",
    });
    expect(found?.severity).toBe("low");
    expect(found?.message).toMatch(/not checked against the registry: HTTP 503/);
  });

  it("offline: an unlisted name not resolved from the public registry is info", () => {
    const [found] = unknownPackageRule.check(ruleContext({ added: [npmPackage("zq-invented-helper-kit")] }));
    expect(found?.severity).toBe("info");
    expect(found?.message).toMatch(/is not among the 100,000 most used npm packages/);
  });

  it("offline: a popular name, or one the lockfile resolved from the public registry, is not reported", () => {
    const resolved = npmPackage("zq-invented-helper-kit", {
      resolved: "https://registry.npmjs.org/zq-invented-helper-kit/-/zq-invented-helper-kit-1.0.0.tgz",
      direct: false,
    });
    expect(unknownPackageRule.check(ruleContext({ added: [npmPackage("express")] }))).toEqual([]);
    expect(unknownPackageRule.check(ruleContext({ added: [npmPackage("zq-invented-helper-kit")], present: [resolved] }))).toEqual([]);
  });
});
