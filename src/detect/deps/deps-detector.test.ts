import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runDetector } from "../../engine/apply-detector-options.js";
import type { Change, ChangedFile, Snapshot } from "../../model/change.js";
import type { Finding } from "../../model/finding.js";
import { depsDetector } from "./deps-detector.js";

const fixtures = fileURLToPath(new URL("__fixtures__/", import.meta.url));
const read = (path: string): string => readFileSync(`${fixtures}${path}`, "utf8");

function snapshot(rev: string, files: Record<string, string>): Snapshot {
  return {
    rev,
    read: (path) => Promise.resolve(path in files ? Buffer.from(files[path] ?? "") : undefined),
  };
}

function changedFile(path: string, status: ChangedFile["status"] = "modified"): ChangedFile {
  return { path, status, additions: 1, deletions: 0, binary: false, addedLines: [] };
}

function change(files: ChangedFile[]): Change {
  return { base: "b".repeat(40), head: "h".repeat(40), commits: [], files };
}

const base = {
  "package.json": read("npm-change/base/package.json"),
  "package-lock.json": read("npm-change/base/package-lock.json"),
  "services/api/go.sum": read("go-sum/go.sum"),
};
const head = {
  "package.json": read("npm-change/head/package.json"),
  "package-lock.json": read("npm-change/head/package-lock.json"),
  "services/api/go.sum": `${read("go-sum/go.sum")}golang.org/x/crypto v0.14.0\n`,
  "tools/requirements.txt": "reqeusts==2.31.0\nrequests==2.30.0\n",
  "README.md": "# not a dependency file\n",
};
const files = [
  changedFile("package.json"),
  changedFile("package-lock.json"),
  changedFile("services/api/go.sum"),
  changedFile("tools/requirements.txt", "added"),
  changedFile("README.md"),
];

// Through the engine's entry point, as a check runs it: options parsed, overrides and thresholds applied.
async function run(options: Record<string, unknown> = {}, changed = files): Promise<Finding[]> {
  const found = await runDetector(
    depsDetector,
    { advisories: { path: "osv" }, ...options },
    {
      change: change(changed),
      base: snapshot("base", base),
      head: snapshot("head", head),
      repoDir: fixtures,
    },
  );
  return found ?? [];
}

const brief = (finding: Finding): string =>
  `${finding.ruleId} ${finding.location?.path ?? ""}:${String(finding.location?.startLine ?? "")}`;

describe("depsDetector", () => {
  it("reviews every dependency file in the change and reports each risk once", async () => {
    const findings = await run();
    const risks = findings.filter((finding) => finding.severity !== "info").map(brief);
    expect(risks).toEqual([
      "deps/vulnerable package.json:11",
      "deps/duplicate-purpose package.json:9",
      "deps/vulnerable tools/requirements.txt:2",
      "deps/typosquat tools/requirements.txt:1",
      "deps/install-script package-lock.json:186",
      "deps/lockfile-invalid services/api/go.sum:14",
    ]);
    const vulnerable = findings.find((finding) => finding.ruleId === "deps/vulnerable");
    expect(vulnerable?.severity).toBe("critical");
    expect(vulnerable?.message).toContain("GHSA-xvch-5gv4-984h");
    expect(vulnerable?.message).toContain("fixed in 1.2.6");
    expect(vulnerable?.properties).toMatchObject({
      package: "minimist",
      version: "1.2.5",
      advisory: "GHSA-xvch-5gv4-984h",
      fixed: "1.2.6",
    });
  });

  it("inventories each direct addition once, with the transitive packages it brought folded in", async () => {
    const findings = await run();
    const inventory = findings.filter((finding) => finding.ruleId === "deps/added" || finding.ruleId === "deps/changed");
    expect(inventory.filter((finding) => finding.location?.path === "package.json").map(brief)).toEqual([
      "deps/added package.json:9",
      "deps/added package.json:11",
      "deps/added package.json:14",
      "deps/changed package.json:10",
    ]);
    // The lockfile's words (exact version, the packages folded in) on the manifest's line.
    const folded = inventory.filter((finding) => Array.isArray(finding.properties?.["transitive"]));
    expect(folded.length).toBeGreaterThan(0);
    expect(folded.some((finding) => finding.location?.path === "package.json" && /with \d+ transitive package/.test(finding.message))).toBe(
      true,
    );
    const lockAdded = inventory.filter((finding) => finding.location?.path === "package-lock.json" && finding.ruleId === "deps/added");
    expect(lockAdded.length).toBeLessThan(5);
  });

  it("names the advisory source and its date", async () => {
    const source = (await run()).find((finding) => finding.ruleId === "deps/advisory-source");
    expect(source?.message).toMatch(/^Advisories checked against OSV export osv, records up to \d{4}-\d{2}-\d{2}/);
  });

  it("gives stable fingerprints that differ per finding", async () => {
    const first = await run();
    const second = await run();
    expect(second.map((finding) => finding.fingerprint)).toEqual(first.map((finding) => finding.fingerprint));
    expect(new Set(first.map((finding) => finding.fingerprint)).size).toBe(first.length);
  });

  it("applies the policy: disabled rules, severity overrides, minimum severity, allowed packages", async () => {
    const findings = await run({
      min_severity: "low",
      rules: { "deps/duplicate-purpose": { enabled: false }, "deps/install-script": { severity: "high" } },
      allow: { packages: ["PyPI:reqeusts"] },
    });
    expect(findings.map(brief)).toEqual([
      "deps/vulnerable package.json:11",
      "deps/vulnerable tools/requirements.txt:2",
      "deps/install-script package-lock.json:186",
      "deps/lockfile-invalid services/api/go.sum:14",
    ]);
    expect(findings.find((finding) => finding.ruleId === "deps/install-script")?.severity).toBe("high");
  });

  it("reports removed packages of a deleted file against the base", async () => {
    const findings = await depsDetector.run({
      change: change([changedFile("package.json", "deleted")]),
      base: snapshot("base", base),
      head: snapshot("head", {}),
      options: depsDetector.optionsSchema.parse({}),
    });
    expect(findings.map(brief)).toEqual(["deps/removed package.json:7", "deps/removed package.json:8", "deps/removed package.json:9"]);
  });

  it("does nothing when disabled, or when no dependency file changed", async () => {
    expect(await run({ enabled: false })).toEqual([]);
    expect(await run({}, [changedFile("README.md")])).toEqual([]);
  });

  it("refuses invalid options with POLICY_INVALID", async () => {
    await expect(run({ typosquat: { max_distance: 9 } })).rejects.toMatchObject({ code: "POLICY_INVALID" });
  });

  it("says the advisory check did not run when no source can be used, and fails when advisories are required", async () => {
    const offline = { path: "no-such-dir", url: "http://127.0.0.1:1" };
    const warning = (await run({ advisories: offline })).find((finding) => finding.ruleId === "deps/advisories-unavailable");
    expect(warning?.severity).toBe("low");
    expect(warning?.message).toMatch(
      /did not run: no-such-dir \(advisories\.path\) does not exist; http:\/\/127\.0\.0\.1:1: the OSV advisory service could not be queried/,
    );
    const failure = (await run({ advisories: { ...offline, required: true } })).find(
      (finding) => finding.ruleId === "deps/advisories-unavailable",
    );
    expect(failure?.severity).toBe("high");
    const off = (await run({ advisories: "off" })).find((finding) => finding.ruleId === "deps/advisories-unavailable");
    expect(off?.message).toMatch(/the policy turns advisories off/);
  });
});
