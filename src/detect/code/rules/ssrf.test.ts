import { ruleTable } from "../__fixtures__/rule-test-table.js";

ruleTable("taint/ssrf", {
  invalid: [
    { name: "express req.query → fetch", code: "app.get('/p', async (req, res) => {\n  await fetch(req.query.url);\n});", line: 2 },
    {
      name: "koa ctx.request.body → axios.post",
      code: "import axios from 'axios';\nrouter.post('/p', async (ctx) => {\n  await axios.post(ctx.request.body.callback, {});\n});",
      line: 3,
    },
    {
      name: "fastify request.params → got",
      code: "import got from 'got';\nfastify.get('/p/:host', async (request, reply) => {\n  return got(`http://${request.params.host}/x`);\n});",
      line: 3,
    },
    {
      name: "hono c.req.query() → undici request",
      code: "import { request } from 'undici';\napp.get('/p', async (c) => {\n  const target = c.req.query('target');\n  await request(target);\n  return c.text('ok');\n});",
      line: 4,
    },
    {
      name: "next route nextUrl.searchParams → http.get",
      code: "import http from 'node:http';\nexport async function GET(request) {\n  const u = request.nextUrl.searchParams.get('u');\n  http.get(u);\n}",
      line: 4,
    },
    {
      name: "next pages API req.body → https.request",
      code: "import https from 'https';\nexport default function handler(req, res) {\n  https.request(req.body.endpoint).end();\n}",
      line: 3,
    },
    {
      name: "new URL(req.url).searchParams.get",
      code: "export async function GET(request) {\n  const target = new URL(request.url).searchParams.get('target');\n  return fetch(target);\n}",
      line: 3,
    },
    { name: "headers → fetch", code: "app.get('/p', async (req, res) => {\n  await fetch(req.headers['x-callback']);\n});", line: 2 },
    {
      name: "cookies → fetch",
      code: "app.get('/p', async (req, res) => {\n  const { api } = req.cookies;\n  await fetch(api + '/v1');\n});",
      line: 3,
    },
    {
      name: "axios config object url",
      code: "import axios from 'axios';\napp.post('/p', async (req, res) => {\n  await axios({ method: 'get', url: req.body.url });\n});",
      line: 3,
    },
    {
      name: "axios.request",
      code: "import axios from 'axios';\napp.post('/p', async (req, res) => {\n  await axios.request(req.body.url);\n});",
      line: 3,
    },
    {
      name: "undici.fetch via namespace",
      code: "import * as undici from 'undici';\napp.get('/p', async (req, res) => {\n  await undici.fetch(req.query.u);\n});",
      line: 3,
    },
    {
      name: "scheme-only literal prefix does not fix the host",
      code: "app.get('/p', (req, res) => {\n  fetch('https://' + req.query.host);\n});",
      line: 2,
    },
    {
      name: "the request package",
      code: "const request = require('request');\napp.get('/p', (req, res) => {\n  request.get(req.query.url).pipe(res);\n});",
      line: 3,
    },
    {
      name: "process.argv when enabled",
      code: "const target = process.argv[2];\nfetch(target);",
      line: 2,
      options: { sources: { argv: true, env: false } },
    },
    { name: "process.env when enabled", code: "fetch(process.env.TARGET_URL);", line: 1, options: { sources: { argv: false, env: true } } },
  ],
  valid: [
    {
      name: "fixed origin in a template",
      code: "app.get('/p', async (req, res) => {\n  await fetch(`https://api.example.com/items/${req.query.id}`);\n});",
    },
    {
      name: "fixed origin by concatenation",
      code: "const BASE = 'https://api.example.com/';\napp.get('/p', async (req, res) => {\n  await fetch(BASE + req.query.id);\n});",
    },
    {
      name: "hostname allowlist guard",
      code: "const ALLOWED = new Set(['a.example.com']);\napp.get('/p', async (req, res) => {\n  const url = new URL(req.query.url);\n  if (!ALLOWED.has(url.hostname)) {\n    throw new Error('host not allowed');\n  }\n  await fetch(url);\n});",
    },
    {
      name: "hostname equality guard on the raw string",
      code: "app.get('/p', async (req, res) => {\n  const target = req.query.url;\n  if (new URL(target).hostname !== 'api.example.com') { return res.sendStatus(400); }\n  await fetch(target);\n});",
    },
    { name: "encodeURIComponent", code: "app.get('/p', async (req, res) => {\n  await fetch(encodeURIComponent(req.query.q));\n});" },
    {
      name: "configured base before the input",
      code: "app.get('/p', async (req, res) => {\n  await fetch(config.apiBase + req.query.path);\n  await fetch(`${config.apiBase}${req.query.path}`);\n});",
    },
    { name: "process.argv without the option", code: "fetch(process.argv[2]);" },
    { name: "process.env without the option", code: "fetch(process.env.TARGET_URL);" },
    { name: "constant URL", code: "app.get('/p', async (req, res) => {\n  await fetch('https://example.com/health');\n});" },
    { name: "not a request parameter", code: "function load(config) {\n  return fetch(config.query.url);\n}" },
  ],
});
