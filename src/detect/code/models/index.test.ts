import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findingsFor } from "../__fixtures__/rule-test-table.js";
import { VULN_CLASSES } from "../taint-rule.js";
import { parseAccessPath } from "./access-path.js";
import { packageBase } from "./compile-models.js";
import { PACKAGE_MODELS } from "./index.js";

const here = fileURLToPath(new URL(".", import.meta.url));

describe("PACKAGE_MODELS", () => {
  it("registers every package model exported from the folder's files", async () => {
    const infrastructure = new Set(["index.ts", "taint-model.ts", "access-path.ts", "compile-models.ts", "model-schema.ts"]);
    const files = readdirSync(here).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !infrastructure.has(name));
    const registered = new Set<unknown>(PACKAGE_MODELS);
    for (const name of files) {
      const module = (await import(/* @vite-ignore */ `./${name.replace(/\.ts$/, ".js")}`)) as Record<string, unknown>;
      const unregistered = Object.entries(module).filter(([exported, value]) => exported.endsWith("Models") && !registered.has(value));
      expect(unregistered.map(([exported]) => `${name}: ${exported}`)).toEqual([]);
    }
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(PACKAGE_MODELS.map((pkg) => [pkg.package, pkg] as const))(
    "%s: paths parse, sinks name a class, there is a doc line and a sample",
    (_name, pkg) => {
      expect(pkg.doc.length).toBeGreaterThan(10);
      expect(pkg.samples.invalid.length + pkg.samples.valid.length).toBeGreaterThan(0);
      const parsed = pkg.models.map((model) => ({ model, parsed: parseAccessPath(packageBase(pkg.package), model.path) }));
      expect(parsed.every((entry) => entry.parsed.targets.length > 0)).toBe(true);
      // Sinks name a class and end in an argument or a member write; the other kinds never end in Argument[…].
      expect(
        parsed
          .filter((entry) => entry.model.kind === "sink" && !VULN_CLASSES.includes(entry.model.class as never))
          .map((entry) => entry.model.path),
      ).toEqual([]);
      expect(
        parsed.filter((entry) => entry.model.kind !== "sink" && entry.parsed.args !== undefined).map((entry) => entry.model.path),
      ).toEqual([]);
    },
  );

  const invalid = PACKAGE_MODELS.flatMap((pkg) => pkg.samples.invalid.map((sample) => [`${pkg.package}: ${sample.name}`, sample] as const));
  it.each(invalid)("invalid sample %s fires at its line", (_name, sample) => {
    const lines = findingsFor(sample.code, sample.file)
      .filter((f) => f.ruleId === `taint/${sample.class}`)
      .map((f) => f.location?.startLine);
    expect(sample.line).toBeDefined();
    expect(lines).toContain(sample.line);
  });

  const valid = PACKAGE_MODELS.flatMap((pkg) => pkg.samples.valid.map((sample) => [`${pkg.package}: ${sample.name}`, sample] as const));
  it.each(valid)("valid sample %s stays quiet", (_name, sample) => {
    expect(
      findingsFor(sample.code, sample.file)
        .filter((f) => f.ruleId === `taint/${sample.class}`)
        .map((f) => f.message),
    ).toEqual([]);
  });
});
