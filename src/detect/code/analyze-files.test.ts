import { describe, expect, it } from "vitest";
import { analyzeFiles } from "./analyze-files.js";
import { codeOptionsSchema } from "./options.js";
import { findingsFor } from "./__fixtures__/rule-test-table.js";

const options = codeOptionsSchema.parse({});

describe("analyzeFiles: findings and flows", () => {
  it("names the source and the sink, and lists the steps between them", () => {
    const code =
      "app.get('/p', async (req, res) => {\n  const url = req.query.url;\n  const target = `${url}`;\n  await fetch(target);\n});";
    const [finding] = findingsFor(code, "routes/proxy.ts");
    expect(finding?.ruleId).toBe("taint/ssrf");
    expect(finding?.message).toBe("User input from req.query.url reaches fetch() (server-side request forgery).");
    expect(finding?.location).toMatchObject({ path: "routes/proxy.ts", startLine: 4 });
    const flow = finding?.flows?.[0] ?? [];
    expect(flow[0]).toMatchObject({
      message: "User input from req.query.url",
      location: { path: "routes/proxy.ts", startLine: 2, startColumn: 15 },
    });
    expect(flow.map((step) => step.message)).toEqual([
      "User input from req.query.url",
      "Assigned to url",
      "Assigned to target",
      "Reaches fetch() (server-side request forgery)",
    ]);
    expect(finding?.properties).toMatchObject({ source: "req.query.url", vulnerabilityClass: "ssrf" });
  });

  it("gives the same fingerprint on a re-run and a different one for another sink position", () => {
    const code = "app.get('/p', (req, res) => {\n  fetch(req.query.a);\n});";
    const first = findingsFor(code)[0]?.fingerprint;
    expect(findingsFor(code)[0]?.fingerprint).toBe(first);
    expect(findingsFor(`\n${code}`)[0]?.fingerprint).not.toBe(first);
  });

  it("reports one finding per sink, each source a flow of it, tagged with the rule's CWE", () => {
    const code = "app.get('/p', async (req, res) => {\n  const url = req.query.a || req.body.b;\n  await fetch(url);\n});";
    const findings = findingsFor(code);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe("User input from req.query.a and 1 other source reaches fetch() (server-side request forgery).");
    expect(findings[0]?.flows?.map((flow) => flow[0]?.message)).toEqual(["User input from req.query.a", "User input from req.body.b"]);
    expect(findings[0]?.properties).toMatchObject({ sources: ["req.query.a", "req.body.b"], cwe: ["external/cwe/cwe-918"] });
  });

  it("follows destructuring with defaults and renames", () => {
    const code =
      "app.post('/p', async (req, res) => {\n  const { target: t = 'x', other } = req.body;\n  await fetch(t);\n  await fetch(other ? 'https://a.example/' : 'b');\n});";
    const findings = findingsFor(code);
    expect(findings.map((f) => [f.location?.startLine, f.properties?.source])).toEqual([[3, "req.body.target"]]);
  });

  it("follows object spread and keeps untainted properties clean", () => {
    const code =
      "app.post('/p', async (req, res) => {\n  const opts = { ...req.body, safe: 'https://fixed.example' };\n  await fetch(opts.safe);\n  await fetch(opts.url);\n});";
    expect(findingsFor(code).map((f) => f.location?.startLine)).toEqual([4]);
  });

  it("follows values through a helper's return value within a file", () => {
    const code = "function pick(q) {\n  return q.url.trim();\n}\napp.get('/p', async (req, res) => {\n  await fetch(pick(req.query));\n});";
    const [finding] = findingsFor(code);
    expect(finding?.location?.startLine).toBe(5);
    expect(finding?.flows?.[0]?.map((s) => s.message)).toContain("Returned from pick()");
  });

  it("reports a sink inside a helper reached through a parameter", () => {
    const code =
      "function run(cmd) {\n  require('child_process').exec(cmd);\n}\napp.get('/x', (req, res) => {\n  run('ls ' + req.query.dir);\n});";
    const [finding] = findingsFor(code);
    expect(finding?.ruleId).toBe("taint/command-injection");
    expect(finding?.location?.startLine).toBe(2);
    expect(finding?.flows?.[0]?.map((s) => s.location.startLine)).toEqual([5, 5, 2]);
  });

  it("does not confuse a shadowing variable with the tainted one (scopes from eslint-scope)", () => {
    const code =
      "app.get('/p', async (req, res) => {\n  const url = req.query.url;\n  function inner() {\n    const url = 'https://fixed.example/';\n    return fetch(url);\n  }\n  await inner();\n});";
    expect(findingsFor(code)).toEqual([]);
  });

  it("sees taint captured by a callback closure", () => {
    const code = "app.get('/p', (req, res) => {\n  const u = req.query.u;\n  setTimeout(() => { fetch(u); }, 10);\n});";
    expect(findingsFor(code).map((f) => f.location?.startLine)).toEqual([3]);
  });

  it("is clean after reassignment with a sanitized value", () => {
    const code =
      "app.get('/p', async (req, res) => {\n  let id = req.query.id;\n  id = Number(id);\n  await pool.query('SELECT * FROM t WHERE id = ' + id);\n});";
    expect(findingsFor(code)).toEqual([]);
  });

  it("stays tainted when only one branch sanitizes", () => {
    const code =
      "app.get('/p', async (req, res) => {\n  let id = req.query.id;\n  if (req.query.strict) { id = Number(id); }\n  await pool.query('SELECT * FROM t WHERE id = ' + id);\n});";
    expect(findingsFor(code).map((f) => f.location?.startLine)).toEqual([4]);
  });

  it("honours extra sanitizer names from the policy", () => {
    const code = "app.get('/p', (req, res) => {\n  require('child_process').exec(shellQuote(req.query.f));\n});";
    expect(findingsFor(code)).toHaveLength(1);
    expect(findingsFor(code, "sample.ts", { sanitizers: ["shellQuote"] })).toEqual([]);
  });

  it("lets the policy switch a rule off", () => {
    const code = "app.get('/p', (req, res) => { fetch(req.query.u); });";
    expect(findingsFor(code, "a.ts", { rules: { "taint/ssrf": { enabled: false } } })).toEqual([]);
  });
});

describe("analyzeFiles: unusual syntax", () => {
  it("walks classes, generators, getters, labels, switch, try and optional chains without failing", () => {
    const code = [
      "@injectable() class Svc { #x = 1; static { init(); } get v() { return this.#x; } *gen() { yield 1; } }",
      "enum E { A }\ninterface I { a: string }\ndeclare module 'm' { const x: number; }",
      "app.get('/p', async (req, res) => {",
      "  let u: string | undefined = req?.query?.u as string;",
      "  outer: for (const k of [1, 2]) { switch (k) { case 1: u = u + ''; break outer; default: continue; } }",
      "  try { await fetch(u!); } catch ({ message }) { res.send(String(message)); } finally { void 0; }",
      "});",
    ].join("\n");
    const findings = findingsFor(code, "odd.ts");
    expect(findings.map((f) => [f.ruleId, f.location?.startLine])).toEqual([["taint/ssrf", 8]]);
  });
});

describe("analyzeFiles: across files", () => {
  it("follows a flow through an imported helper (ESM, .js specifier naming a .ts file)", () => {
    const files = [
      { path: "src/lib/http.ts", text: "export function get(url: string) {\n  return fetch(url);\n}\n" },
      {
        path: "src/routes/proxy.ts",
        text: "import { get } from '../lib/http.js';\napp.get('/p', (req, res) => {\n  get(req.query.url as string);\n});\n",
      },
    ];
    const [finding] = analyzeFiles(files, options);
    expect(finding?.ruleId).toBe("taint/ssrf");
    expect(finding?.location).toMatchObject({ path: "src/lib/http.ts", startLine: 2 });
    expect(finding?.flows?.[0]?.[0]?.location.path).toBe("src/routes/proxy.ts");
  });

  it("follows CommonJS exports and a returned value from another file", () => {
    const files = [
      {
        path: "lib/query.js",
        text: "function build(name) {\n  return 'SELECT * FROM t WHERE n = ' + name;\n}\nmodule.exports = { build };\n",
      },
      {
        path: "app.js",
        text: "const { build } = require('./lib/query');\napp.get('/u', async (req, res) => {\n  await pool.query(build(req.query.name));\n});\n",
      },
    ];
    const findings = analyzeFiles(files, options);
    expect(findings.map((f) => [f.ruleId, f.location?.path, f.location?.startLine])).toEqual([["taint/sql-injection", "app.js", 3]]);
  });

  it("resolves index files and default exports", () => {
    const files = [
      { path: "util/index.ts", text: "export default function render(html: string) {\n  document.body.innerHTML = html;\n}\n" },
      { path: "page.ts", text: "import render from './util';\nexport function show(req) {\n  render(req.query.h);\n}\n" },
    ];
    expect(analyzeFiles(files, options).map((f) => [f.ruleId, f.location?.path])).toEqual([["taint/xss", "util/index.ts"]]);
  });

  it("does not follow imports of packages or missing files", () => {
    const files = [
      {
        path: "a.ts",
        text: "import { get } from './missing';\nimport { x } from 'some-pkg';\napp.get('/p', (req, res) => { get(req.query.u); x(req.query.u); });\n",
      },
    ];
    expect(analyzeFiles(files, options)).toEqual([]);
  });
});

describe("analyzeFiles: files it cannot analyse", () => {
  it("reports a parse error as info and goes on with the other files", () => {
    const files = [
      { path: "broken.ts", text: "export function (\n" },
      { path: "ok.ts", text: "app.get('/p', (req, res) => { fetch(req.query.u); });" },
    ];
    const findings = analyzeFiles(files, options);
    const parseError = findings.find((f) => f.ruleId === "code/parse-error");
    expect(parseError).toMatchObject({ severity: "info", location: { path: "broken.ts", startLine: 1 } });
    expect(parseError?.message).toContain("broken.ts");
    expect(findings.some((f) => f.ruleId === "taint/ssrf" && f.location?.path === "ok.ts")).toBe(true);
  });

  it("analyses what the parser recovered from a recoverable error and reports the error as info", () => {
    const code =
      "app.get('/u', (req, res) => {\n  const rows = await sequelize.query('SELECT * FROM t WHERE a = ' + req.query.a);\n  res.json(rows);\n});";
    const findings = findingsFor(code, "legacy.js");
    expect(findings.map((f) => [f.ruleId, f.location?.startLine])).toEqual([
      ["code/parse-error", 2],
      ["taint/sql-injection", 2],
    ]);
    expect(findings[0]?.message).toContain("only what the parser recovered was analysed");
  });

  it("skips minified files with an info finding", () => {
    const minified = `var a=${Array.from({ length: 800 }, (_, i) => `f${String(i)}(${String(i)})`).join(",")};`;
    const findings = analyzeFiles([{ path: "dist/app.min.js", text: minified }], options);
    expect(findings.map((f) => [f.ruleId, f.location?.path])).toEqual([["code/parse-error", "dist/app.min.js"]]);
    expect(findings[0]?.message).toContain("minified");
  });

  it("skips files over the size limit with an info finding", () => {
    const text = "app.get('/p', (req, res) => { fetch(req.query.u); });\n".repeat(50);
    const findings = analyzeFiles([{ path: "big.ts", text }], codeOptionsSchema.parse({ max_file_bytes: 1000 }));
    expect(findings.map((f) => f.ruleId)).toEqual(["code/file-too-large"]);
    expect(findings[0]?.message).toContain("big.ts");
  });

  it("stops a file at its time budget with an info finding and still analyses the next file", () => {
    // 40 000 statements cannot be walked within 1 ms; the budget is checked during traversal.
    const huge = Array.from({ length: 20_000 }, (_, i) => `const v${String(i)} = w${String(i)} + 1;`).join("\n");
    const files = [
      { path: "huge.ts", text: huge },
      { path: "ok.ts", text: "app.get('/p', (req, res) => { fetch(req.query.u); });" },
    ];
    const findings = analyzeFiles(files, codeOptionsSchema.parse({ time_budget_ms: 1 }));
    expect(findings.find((f) => f.ruleId === "code/analysis-budget")?.location?.path).toBe("huge.ts");
    expect(findings.some((f) => f.ruleId === "taint/ssrf")).toBe(true);
  });

  it("parses JSX in .js files and TSX with types", () => {
    const jsx = "export function P(req) {\n  return <div dangerouslySetInnerHTML={{ __html: req.query.h }} />;\n}";
    expect(findingsFor(jsx, "p.js").map((f) => f.ruleId)).toEqual(["taint/xss"]);
    const tsx =
      "type P = { html: string };\nexport function Q(req: { query: P }) {\n  const h = req.query.html as string;\n  return <div dangerouslySetInnerHTML={{ __html: h! }} />;\n}";
    expect(findingsFor(tsx, "p.tsx").map((f) => f.ruleId)).toEqual(["taint/xss"]);
  });
});
