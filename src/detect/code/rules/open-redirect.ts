/** Open redirect: user input choosing where the browser is sent. */
import type { TaintRule } from "../taint-rule.js";

export const openRedirectRule: TaintRule = {
  meta: {
    id: "taint/open-redirect",
    category: "code",
    severity: "medium",
    description: "User input decides a redirect target (phishing through a trusted domain, token leaks).",
    tags: ["external/cwe/cwe-601"],
  },
  vulnClass: "open-redirect",
  title: "open redirect",
  doc: "https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html",
  sinks: [
    { kind: "call", methods: ["redirect"], receiver: /^(?:res|response|reply|ctx|c|context)$/, args: "all", label: "redirect()" },
    {
      kind: "call",
      callees: ["next.server.NextResponse.redirect", "NextResponse.redirect", "next.navigation.redirect"],
      args: [0],
      label: "NextResponse.redirect()",
    },
    {
      kind: "call",
      methods: ["setHeader", "set", "header", "append"],
      receiver: /^(?:res|response|reply|ctx)$/,
      args: [1],
      condition: "location-header",
      label: "Location header",
    },
    {
      kind: "call",
      methods: ["writeHead"],
      receiver: /^(?:res|response)$/,
      args: "all",
      condition: "location-in-headers",
      label: "Location header",
    },
  ],
  samples: {
    invalid: [
      { name: "express redirect", code: "app.get('/login', (req, res) => {\n  res.redirect(req.query.next);\n});", line: 2 },
      { name: "koa redirect", code: "router.get('/go', async (ctx) => {\n  ctx.redirect(ctx.query.to);\n});", line: 2 },
    ],
    valid: [
      {
        name: "same-site path",
        code: "app.get('/login', (req, res) => {\n  res.redirect('/profile/' + encodeURIComponent(req.query.user));\n});",
      },
      { name: "fixed target", code: "app.get('/login', (req, res) => {\n  res.redirect('/home');\n});" },
    ],
  },
};
