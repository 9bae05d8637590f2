import { describe, expect, it } from "vitest";
import type { Change, ChangedFile, Snapshot } from "../../model/change.js";
import type { DetectorInput } from "../../model/detector.js";
import { isCustodyError } from "../../model/errors.js";
import { runDetector } from "../../engine/apply-detector-options.js";
import { codeDetector } from "./code-detector.js";

function snapshot(files: Record<string, string | Buffer>): Snapshot {
  return {
    rev: "head",
    read: (path) => Promise.resolve(path in files ? Buffer.from(files[path] ?? "") : undefined),
  };
}

function changed(path: string, extra: Partial<ChangedFile> = {}): ChangedFile {
  return { path, status: "modified", additions: 1, deletions: 0, binary: false, addedLines: [], ...extra };
}

function change(files: ChangedFile[]): Change {
  return { base: "base", head: "head", commits: [], files };
}

const HELPER = "export function proxy(url: string) {\n  return fetch(url);\n}\n";
const ROUTE = "import { proxy } from './lib/proxy';\napp.get('/p', (req, res) => {\n  proxy(req.query.u);\n});\n";

// Through the engine's entry point, as a check runs it: options parsed, overrides and thresholds applied.
const run = async ({ options, ...context }: Omit<DetectorInput, "options"> & { options: unknown }) =>
  (await runDetector(codeDetector, options, context)) ?? [];

describe("codeDetector", () => {
  it("analyses changed files with the unchanged files they import and reports the flow", async () => {
    const head = snapshot({ "src/route.ts": ROUTE, "src/lib/proxy.ts": HELPER });
    const findings = await run({ change: change([changed("src/route.ts")]), base: snapshot({}), head, options: {} });
    expect(findings.map((f) => [f.ruleId, f.location?.path, f.location?.startLine])).toEqual([["taint/ssrf", "src/lib/proxy.ts", 2]]);
    expect(findings[0]?.flows?.[0]?.[0]?.location.path).toBe("src/route.ts");
  });

  it("does not follow imports when import_depth is 0", async () => {
    const head = snapshot({ "src/route.ts": ROUTE, "src/lib/proxy.ts": HELPER });
    const findings = await run({ change: change([changed("src/route.ts")]), base: snapshot({}), head, options: { import_depth: 0 } });
    expect(findings).toEqual([]);
  });

  it("does not report flows that lie wholly in unchanged files", async () => {
    const head = snapshot({
      "src/other.ts": "import './old';\nexport const x = 1;\n",
      "src/old.ts": "app.get('/p', (req, res) => { fetch(req.query.u); });\n",
    });
    const findings = await run({ change: change([changed("src/other.ts")]), base: snapshot({}), head, options: {} });
    expect(findings).toEqual([]);
  });

  it("skips binary, deleted and non-script files", async () => {
    const head = snapshot({
      "a.js": Buffer.from([0x61, 0x00, 0x62]),
      "README.md": "app.get('/p', (req, res) => { fetch(req.query.u); });",
    });
    const files = [changed("a.js"), changed("b.js", { status: "deleted" }), changed("img.js", { binary: true }), changed("README.md")];
    expect(await run({ change: change(files), base: snapshot({}), head, options: {} })).toEqual([]);
  });

  it("applies min_severity and per-rule severity overrides", async () => {
    const head = snapshot({ "r.ts": "app.get('/l', (req, res) => { res.redirect(req.query.to); });\n" });
    const input = { change: change([changed("r.ts")]), base: snapshot({}), head };
    expect(await run({ ...input, options: { min_severity: "high" } })).toEqual([]);
    const raised = await run({ ...input, options: { min_severity: "high", rules: { "taint/open-redirect": { severity: "critical" } } } });
    expect(raised.map((f) => [f.ruleId, f.severity])).toEqual([["taint/open-redirect", "critical"]]);
  });

  it("returns nothing when disabled", async () => {
    const head = snapshot({ "r.ts": "app.get('/l', (req, res) => { res.redirect(req.query.to); });\n" });
    expect(await run({ change: change([changed("r.ts")]), base: snapshot({}), head, options: { enabled: false } })).toEqual([]);
  });

  it("reports a parse error in a changed file as info", async () => {
    const head = snapshot({ "bad.ts": "const = ;\n" });
    const findings = await run({ change: change([changed("bad.ts")]), base: snapshot({}), head, options: {} });
    expect(findings.map((f) => [f.ruleId, f.severity, f.location?.path])).toEqual([["code/parse-error", "info", "bad.ts"]]);
  });

  it("rejects an invalid policy section with a CustodyError naming the key", async () => {
    const running = run({ change: change([changed("r.ts")]), base: snapshot({}), head: snapshot({}), options: { max_file_bytes: -1 } });
    await expect(running).rejects.toSatisfy(
      (error: unknown) => isCustodyError(error, "POLICY_INVALID") && error.message.includes("detectors.code.max_file_bytes"),
    );
  });
});
