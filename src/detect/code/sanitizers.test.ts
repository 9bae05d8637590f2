import { describe, expect, it } from "vitest";
import { findingsFor } from "./__fixtures__/rule-test-table.js";

// Each sanitizer: the unsanitized twin must fire (so the test can fail), the sanitized one not.
const cases: { name: string; sanitized: string; raw: string }[] = [
  {
    name: "zod .parse",
    sanitized:
      "import { z } from 'zod';\nconst Body = z.object({ url: z.string().url() });\napp.post('/p', (req, res) => {\n  const body = Body.parse(req.body);\n  fetch(body.url);\n});",
    raw: "import { z } from 'zod';\nconst Body = z.object({ url: z.string().url() });\napp.post('/p', (req, res) => {\n  const body = req.body;\n  fetch(body.url);\n});",
  },
  {
    name: "joi validateAsync on a schema",
    sanitized:
      "app.post('/p', async (req, res) => {\n  const value = await userSchema.validateAsync(req.body);\n  require('child_process').exec('echo ' + value.name);\n});",
    raw: "app.post('/p', async (req, res) => {\n  const value = await req.body;\n  require('child_process').exec('echo ' + value.name);\n});",
  },
  {
    name: "joi validate on a schema",
    sanitized:
      "app.post('/p', (req, res) => {\n  const { value } = bodySchema.validate(req.body);\n  require('child_process').exec('echo ' + value.name);\n});",
    raw: "app.post('/p', (req, res) => {\n  const { value } = { value: req.body };\n  require('child_process').exec('echo ' + value.name);\n});",
  },
  {
    name: "ajv compiled validator guard",
    sanitized:
      "import Ajv from 'ajv';\nconst ajv = new Ajv();\nconst validate = ajv.compile(schema);\napp.post('/p', (req, res) => {\n  if (!validate(req.body)) { return res.status(400).end(); }\n  const body = req.body;\n  fetch(body.url);\n});",
    raw: "import Ajv from 'ajv';\nconst ajv = new Ajv();\nconst validate = ajv.compile(schema);\napp.post('/p', (req, res) => {\n  validate(req.body);\n  const body = req.body;\n  fetch(body.url);\n});",
  },
  {
    name: "unary plus",
    sanitized: "app.get('/p', (req, res) => {\n  pool.query('SELECT * FROM t LIMIT ' + +req.query.n);\n});",
    raw: "app.get('/p', (req, res) => {\n  pool.query('SELECT * FROM t LIMIT ' + req.query.n);\n});",
  },
  {
    name: "parseFloat",
    sanitized: "app.get('/p', (req, res) => {\n  pool.query(`SELECT * FROM t WHERE p > ${parseFloat(req.query.p)}`);\n});",
    raw: "app.get('/p', (req, res) => {\n  pool.query(`SELECT * FROM t WHERE p > ${req.query.p}`);\n});",
  },
  {
    name: "anchored regex allowlist guard",
    sanitized:
      "app.get('/p', (req, res) => {\n  const name = req.query.name;\n  if (!/^[a-z0-9-]+$/.test(name)) { return res.sendStatus(400); }\n  require('child_process').exec('git show ' + name);\n});",
    raw: "app.get('/p', (req, res) => {\n  const name = req.query.name;\n  if (!/[a-z]/.test(name)) { return res.sendStatus(400); }\n  require('child_process').exec('git show ' + name);\n});",
  },
];

describe("sanitizers", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s cleans the flow its unsanitized twin reports", (_name, c) => {
    expect(findingsFor(c.raw).filter((f) => f.ruleId.startsWith("taint/"))).not.toEqual([]);
    expect(findingsFor(c.sanitized).filter((f) => f.ruleId.startsWith("taint/"))).toEqual([]);
  });

  it("an HTML encoder cleans XSS only, not SQL injection", () => {
    const code =
      "import escape from 'escape-html';\napp.get('/p', (req, res) => {\n  const q = escape(req.query.q);\n  res.send('<p>' + q + '</p>');\n  pool.query(\"SELECT * FROM t WHERE q = '\" + q + \"'\");\n});";
    expect(findingsFor(code).map((f) => f.ruleId)).toEqual(["taint/sql-injection"]);
  });
});

describe("framework sources", () => {
  const sources: [string, string, number][] = [
    ["Next.js route params", "export async function GET(request, { params }) {\n  return fetch(params.target);\n}", 2],
    [
      "Next.js arrow route handler",
      "export const POST = async (request) => {\n  const body = await request.json();\n  return fetch(body.url);\n};",
      3,
    ],
    ["Next.js request.headers.get", "export async function GET(request) {\n  return fetch(request.headers.get('x-target'));\n}", 2],
    ["Hono c.req.param()", "app.get('/p/:u', (c) => fetch(c.req.param('u')));", 1],
    ["Hono c.req.header()", "app.get('/p', (c) => fetch(c.req.header('x-target')));", 1],
    ["Koa ctx.params", "router.get('/p/:u', async (ctx) => {\n  ctx.body = await fetch(ctx.params.u);\n});", 2],
    ["Koa ctx.cookies.get()", "router.get('/p', async (ctx) => {\n  await fetch(ctx.cookies.get('target'));\n});", 2],
    ["Fastify request.headers", "fastify.get('/p', async (request, reply) => {\n  return fetch(request.headers['x-target']);\n});", 2],
    ["Express req.get()", "app.get('/p', (req, res) => {\n  fetch(req.get('X-Target'));\n});", 2],
    ["destructured parameter typed as Request", "export function handler({ body }: Request) {\n  return fetch(body.url);\n}", 2],
    ["handler with other parameter names, found by route registration", "app.get('/p', (rq, rs) => {\n  fetch(rq.query.u);\n});", 2],
  ];
  it.each(sources)("%s", (_name, code, line) => {
    expect(
      findingsFor(code)
        .filter((f) => f.ruleId === "taint/ssrf")
        .map((f) => f.location?.startLine),
    ).toEqual([line]);
  });
});
