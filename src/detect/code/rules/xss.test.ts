import { ruleTable } from "../__fixtures__/rule-test-table.js";

ruleTable("taint/xss", {
  invalid: [
    { name: "res.send template", code: "app.get('/', (req, res) => {\n  res.send(`<p>${req.query.q}</p>`);\n});", line: 2 },
    {
      name: "res.status().send",
      code: "app.get('/', (req, res) => {\n  res.status(404).send('<h1>Not found: ' + req.path + '</h1>');\n});",
      line: 2,
    },
    {
      name: "res.write",
      code: "app.get('/', (req, res) => {\n  const name = req.cookies.name;\n  res.write('<b>' + name + '</b>');\n  res.end();\n});",
      line: 3,
    },
    { name: "res.end", code: "export default function handler(req, res) {\n  res.end(`<div>${req.query.msg}</div>`);\n}", line: 2 },
    {
      name: "Express 3 req.query() called as a function",
      code: "app.get('/', (req, res) => {\n  res.write('<p>' + req.query('q'));\n});",
      line: 2,
    },
    {
      name: "innerHTML",
      code: "export function show(request) {\n  const el = document.getElementById('out');\n  el.innerHTML = request.nextUrl.searchParams.get('m');\n}",
      line: 3,
    },
    { name: "outerHTML", code: "export function show(req) {\n  document.body.outerHTML = req.query.page;\n}", line: 2 },
    { name: "document.write", code: "export function show(req) {\n  document.write(req.query.banner);\n}", line: 2 },
    {
      name: "insertAdjacentHTML",
      code: "export function show(req) {\n  list.insertAdjacentHTML('beforeend', `<li>${req.body.item}</li>`);\n}",
      line: 2,
    },
    {
      name: "dangerouslySetInnerHTML in TSX",
      file: "page.tsx",
      code: "export default function Page({ request }: { request: Request }) {\n  return null;\n}\nexport async function GET(req: Request) {\n  const html = await req.text();\n  return <section dangerouslySetInnerHTML={{ __html: html }} />;\n}",
      line: 6,
    },
  ],
  valid: [
    {
      name: "escape-html",
      code: "import escape from 'escape-html';\napp.get('/', (req, res) => {\n  res.send(`<p>${escape(req.query.q)}</p>`);\n});",
    },
    {
      name: "he.encode",
      code: "import he from 'he';\napp.get('/', (req, res) => {\n  res.send('<p>' + he.encode(req.query.q) + '</p>');\n});",
    },
    {
      name: "DOMPurify.sanitize",
      file: "page.jsx",
      code: "import DOMPurify from 'dompurify';\nexport function Show(req) {\n  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(req.query.html) }} />;\n}",
    },
    { name: "object sent as JSON", code: "app.get('/', (req, res) => {\n  res.send({ q: req.query.q });\n});" },
    { name: "res.json", code: "app.get('/', (req, res) => {\n  res.json(req.query);\n});" },
    { name: "textContent", code: "export function show(req) {\n  document.getElementById('o').textContent = req.query.m;\n}" },
    {
      name: "JSX text child is escaped by React",
      file: "page.jsx",
      code: "export function Show(req) {\n  return <p>{req.query.m}</p>;\n}",
    },
  ],
});
