/** Cross-site scripting: user input written into HTML without encoding. */
import type { TaintRule } from "../taint-rule.js";

export const xssRule: TaintRule = {
  meta: {
    id: "taint/xss",
    category: "code",
    severity: "high",
    description: "User input is written into HTML unencoded (scripts run in other users' browsers).",
    tags: ["external/cwe/cwe-079", "external/cwe/cwe-116"],
  },
  vulnClass: "xss",
  title: "cross-site scripting",
  doc: "https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html",
  sinks: [
    {
      kind: "call",
      methods: ["send", "write", "end"],
      receiver: /^(?:res|response)$/,
      args: [0],
      condition: "not-object-literal",
      label: "res.send()",
    },
    { kind: "call", callees: ["document.write", "document.writeln"], args: "all", label: "document.write()" },
    { kind: "call", methods: ["insertAdjacentHTML"], args: [1], label: "insertAdjacentHTML()" },
    { kind: "assign", properties: ["innerHTML", "outerHTML"], label: "innerHTML" },
    { kind: "jsx", attribute: "dangerouslySetInnerHTML", property: "__html", label: "dangerouslySetInnerHTML" },
  ],
  samples: {
    invalid: [
      {
        name: "html built from query",
        code: "app.get('/hi', (req, res) => {\n  res.send(`<h1>Hello ${req.query.name}</h1>`);\n});",
        line: 2,
      },
      {
        name: "dangerouslySetInnerHTML",
        file: "page.tsx",
        code: "export async function Page(request) {\n  const bio = request.nextUrl.searchParams.get('bio');\n  return <div dangerouslySetInnerHTML={{ __html: bio }} />;\n}",
        line: 3,
      },
    ],
    valid: [
      {
        name: "escape-html",
        code: "import escapeHtml from 'escape-html';\napp.get('/hi', (req, res) => {\n  res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`);\n});",
      },
      { name: "json response", code: "app.get('/hi', (req, res) => {\n  res.send({ name: req.query.name });\n});" },
    ],
  },
};
