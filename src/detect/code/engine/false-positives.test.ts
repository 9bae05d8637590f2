/**
 * What makes a value safe, class by class (issue: the false positives reviewers saw): a non-HTML
 * Content-Type set before the body is written, escaping functions and replace chains, allowlist
 * guards, fixed relative prefixes and logical assignments that keep a constant. Each safe case
 * sits beside the unsafe variant it must still report.
 */
import { describe, expect, it } from "vitest";
import { findingsFor } from "../__fixtures__/rule-test-table.js";

function lines(code: string, ruleId: string): (number | undefined)[] {
  return findingsFor(code)
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => finding.location?.startLine);
}

describe("content type set before the body", () => {
  it.each([
    ["res.set('Content-Type', 'text/plain')", "res.set('Content-Type', 'text/plain');"],
    ["res.type('json')", "res.type('json');"],
    ["res.setHeader('content-type', 'application/json')", "res.setHeader('content-type', 'application/json');"],
    ["res.writeHead(200, { 'Content-Type': 'text/csv' })", "res.writeHead(200, { 'Content-Type': 'text/csv' });"],
  ])("%s: not XSS", (_name, setter) => {
    expect(lines(`app.get('/x', (req, res) => {\n  ${setter}\n  res.send('<b>' + req.query.q + '</b>');\n});`, "taint/xss")).toEqual([]);
  });

  it("a chained type() before send counts", () => {
    expect(lines("app.get('/x', (req, res) => {\n  res.type('text').send('<b>' + req.query.q);\n});", "taint/xss")).toEqual([]);
  });

  it("text/html, a dynamic type, or a type set on another response still report", () => {
    expect(
      lines("app.get('/x', (req, res) => {\n  res.set('Content-Type', 'text/html');\n  res.send('<b>' + req.query.q);\n});", "taint/xss"),
    ).toEqual([3]);
    expect(lines("app.get('/x', (req, res) => {\n  res.type(req.query.t);\n  res.send('<b>' + req.query.q);\n});", "taint/xss")).toEqual([
      3,
    ]);
    expect(lines("app.get('/x', (req, res) => {\n  other.type('json');\n  res.send('<b>' + req.query.q);\n});", "taint/xss")).toEqual([3]);
  });
});

describe("escaping functions", () => {
  const escaper = "function escapeHtml(s) {\n  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');\n}\n";
  it("a function named as an escaper that replaces markup with entities cleans XSS", () => {
    expect(
      lines(`${escaper}app.get('/x', (req, res) => {\n  res.send('<p>' + escapeHtml(req.query.q) + '</p>');\n});`, "taint/xss"),
    ).toEqual([]);
  });

  it("an inline replace chain cleans XSS", () => {
    expect(
      lines("app.get('/x', (req, res) => {\n  res.send('<p>' + req.query.q.replace(/[<>]/g, '') + '</p>');\n});", "taint/xss"),
    ).toEqual([]);
    expect(
      lines("app.get('/x', (req, res) => {\n  res.send('<p>' + req.query.q.replace(/</g, '&lt;') + '</p>');\n});", "taint/xss"),
    ).toEqual([]);
  });

  it("an escaper name without an escaping body, or a replace of something else, still reports", () => {
    expect(
      lines(
        "function escapeHtml(s) {\n  return s.trim();\n}\napp.get('/x', (req, res) => {\n  res.send(escapeHtml(req.query.q));\n});",
        "taint/xss",
      ),
    ).toEqual([5]);
    expect(lines("app.get('/x', (req, res) => {\n  res.send(req.query.q.replace(/a/g, '&amp;'));\n});", "taint/xss")).toEqual([2]);
  });

  it("cleans only XSS: the escaped value is still a shell injection", () => {
    expect(
      lines(
        `const cp = require('child_process');\n${escaper}app.get('/x', (req, res) => {\n  cp.exec('echo ' + escapeHtml(req.query.q));\n});`,
        "taint/command-injection",
      ),
    ).toEqual([6]);
  });
});

describe("allowlist guards", () => {
  const run = (guard: string): (number | undefined)[] =>
    lines(
      `const cp = require('child_process');\nconst TOOLS = { ls: 1, df: 1 };\napp.get('/x', (req, res) => {\n  const tool = req.query.tool;\n  if (${guard}) {\n    cp.exec(tool);\n  }\n});`,
      "taint/command-injection",
    );

  it.each([
    "TOOLS.hasOwnProperty(tool)",
    "Object.hasOwn(TOOLS, tool)",
    "Object.prototype.hasOwnProperty.call(TOOLS, tool)",
    "tool in TOOLS",
    "!/[^a-z0-9_-]/.test(tool)",
    "!tool.match(/[;&|`$]/)",
  ])("%s", (guard) => {
    expect(run(guard)).toEqual([]);
  });

  it("the unguarded call and a guard on another value still report", () => {
    expect(run("true")).toEqual([6]);
    expect(run("TOOLS.hasOwnProperty(other)")).toEqual([6]);
    expect(run("!/[^a-z.\\/]/.test(tool) && false || true")).toEqual([6]);
  });

  it("`in` does not guard prototype pollution (`'__proto__' in {}` is true)", () => {
    const code =
      "app.post('/x', (req, res) => {\n  const config = {};\n  const key = req.body.key;\n  if (key in config) {\n    config[key] = req.body.value;\n  }\n});";
    expect(lines(code, "taint/prototype-pollution")).toEqual([5]);
  });
});

describe("fixed prefixes and logical assignments", () => {
  it.each(["'./' + req.query.page", "'?tab=' + req.query.tab", "`../list/${req.query.id}`"])(
    "redirect to %s stays on the site",
    (target) => {
      expect(lines(`app.get('/x', (req, res) => {\n  res.redirect(${target});\n});`, "taint/open-redirect")).toEqual([]);
    },
  );

  it("`||=` and `??=` keep a constant already set", () => {
    expect(
      lines(
        "app.get('/x', (req, res) => {\n  let next = '/home';\n  next ||= req.query.next;\n  res.redirect(next);\n});",
        "taint/open-redirect",
      ),
    ).toEqual([]);
    expect(
      lines(
        "app.get('/x', (req, res) => {\n  let next = '/home';\n  next ??= req.query.next;\n  res.redirect(next);\n});",
        "taint/open-redirect",
      ),
    ).toEqual([]);
  });

  it("`||=` on an empty or unknown value takes the input", () => {
    expect(
      lines(
        "app.get('/x', (req, res) => {\n  let next = '';\n  next ||= req.query.next;\n  res.redirect(next);\n});",
        "taint/open-redirect",
      ),
    ).toEqual([4]);
    expect(
      lines(
        "app.get('/x', (req, res) => {\n  let next = req.cookies.last;\n  next ??= '/home';\n  res.redirect(next);\n});",
        "taint/open-redirect",
      ),
    ).toEqual([4]);
  });
});
