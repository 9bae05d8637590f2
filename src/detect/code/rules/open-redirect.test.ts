import { ruleTable } from "../__fixtures__/rule-test-table.js";

ruleTable("taint/open-redirect", {
  invalid: [
    { name: "res.redirect", code: "app.get('/l', (req, res) => {\n  res.redirect(req.query.returnTo);\n});", line: 2 },
    { name: "res.redirect with status", code: "app.get('/l', (req, res) => {\n  res.redirect(302, req.body.next);\n});", line: 2 },
    { name: "ctx.redirect", code: "router.get('/l', (ctx) => {\n  ctx.redirect(ctx.request.query.next);\n});", line: 2 },
    {
      name: "NextResponse.redirect",
      code: "import { NextResponse } from 'next/server';\nexport async function GET(request) {\n  const next = request.nextUrl.searchParams.get('next');\n  return NextResponse.redirect(new URL(next, request.url));\n}",
      line: 4,
    },
    {
      name: "Location header via setHeader",
      code: "export default function handler(req, res) {\n  res.setHeader('Location', req.query.to);\n  res.statusCode = 302;\n  res.end();\n}",
      line: 2,
    },
    {
      name: "Location in writeHead",
      code: "app.get('/l', (req, res) => {\n  res.writeHead(302, { Location: req.query.to });\n  res.end();\n});",
      line: 2,
    },
    { name: "fastify reply.redirect", code: "fastify.get('/l', (request, reply) => {\n  reply.redirect(request.query.url);\n});", line: 2 },
    { name: "hono c.redirect", code: "app.get('/l', (c) => c.redirect(c.req.query('to')));", line: 1 },
  ],
  valid: [
    { name: "same-site path prefix", code: "app.get('/l', (req, res) => {\n  res.redirect('/users/' + req.query.id);\n});" },
    {
      name: "allowlist of targets",
      code: "const TARGETS = ['/home', '/settings'];\napp.get('/l', (req, res) => {\n  const to = req.query.to;\n  if (!TARGETS.includes(to)) { return res.redirect('/'); }\n  res.redirect(to);\n});",
    },
    { name: "other header", code: "app.get('/l', (req, res) => {\n  res.setHeader('X-Trace', req.query.id);\n});" },
    { name: "fixed redirect", code: "app.get('/l', (req, res) => {\n  res.redirect('/login');\n});" },
  ],
});
