/** Server-side request forgery: user input choosing the URL the server fetches. */
import type { TaintRule } from "../taint-rule.js";

const HTTP_VERBS = ["get", "post", "put", "patch", "delete", "head", "options", "request"];

export const ssrfRule: TaintRule = {
  meta: {
    id: "taint/ssrf",
    category: "code",
    severity: "high",
    description: "User input decides the URL of a server-side HTTP request (internal services, cloud metadata).",
    tags: ["external/cwe/cwe-918"],
  },
  vulnClass: "ssrf",
  title: "server-side request forgery",
  doc: "https://owasp.org/www-community/attacks/Server_Side_Request_Forgery",
  sinks: [
    { kind: "call", callees: ["fetch", "node-fetch", "cross-fetch"], args: [0], label: "fetch()" },
    {
      kind: "call",
      callees: ["axios", ...HTTP_VERBS.map((verb) => `axios.${verb}`)],
      args: [0],
      objectProps: ["url", "baseURL"],
      label: "axios",
    },
    {
      kind: "call",
      callees: ["got", ...HTTP_VERBS.map((verb) => `got.${verb}`), "got.stream"],
      args: [0],
      objectProps: ["url"],
      label: "got",
    },
    { kind: "call", callees: ["undici.request", "undici.fetch", "undici.stream"], args: [0], label: "undici" },
    // The deprecated `request` package is still common in older Express code.
    {
      kind: "call",
      callees: ["request", "request.get", "request.post", "request.put", "request.patch", "request.del", "request.delete", "request.head"],
      args: [0],
      objectProps: ["url", "uri"],
      label: "request()",
    },
    {
      kind: "call",
      callees: ["http.request", "http.get", "https.request", "https.get"],
      args: [0],
      objectProps: ["host", "hostname"],
      label: "http.request()",
    },
  ],
  samples: {
    invalid: [
      {
        name: "express query to fetch",
        code: "app.get('/p', async (req, res) => {\n  const r = await fetch(req.query.url);\n  res.json(await r.json());\n});",
        line: 2,
      },
      {
        name: "axios.get with a template",
        code: "import axios from 'axios';\nexport async function h(req) {\n  return axios.get(`${req.body.host}/status`);\n}",
        line: 3,
      },
    ],
    valid: [
      {
        name: "fixed origin",
        code: "app.get('/p', async (req, res) => {\n  await fetch(`https://api.example.com/items/${req.query.id}`);\n});",
      },
      {
        name: "allowlist guard",
        code: "const allowed = ['a.example.com'];\napp.get('/p', async (req, res) => {\n  const u = new URL(req.query.url);\n  if (!allowed.includes(u.hostname)) { return res.sendStatus(400); }\n  await fetch(u);\n});",
      },
    ],
  },
};
