/** Code injection: user input evaluated as JavaScript. */
import type { TaintRule } from "../taint-rule.js";

export const codeInjectionRule: TaintRule = {
  meta: {
    id: "taint/code-injection",
    category: "code",
    severity: "critical",
    description: "User input is evaluated as JavaScript (eval, Function, vm, string timers).",
    tags: ["external/cwe/cwe-094", "external/cwe/cwe-095"],
  },
  vulnClass: "code-injection",
  title: "code injection",
  doc: "https://owasp.org/www-community/attacks/Code_Injection",
  sinks: [
    { kind: "call", callees: ["eval", "Function", "globalThis.eval", "window.eval"], args: "all", label: "eval()" },
    {
      kind: "call",
      callees: ["vm.runInNewContext", "vm.runInThisContext", "vm.runInContext", "vm.compileFunction", "vm.Script", "vm.SourceTextModule"],
      args: [0],
      label: "vm",
    },
    {
      kind: "call",
      callees: ["setTimeout", "setInterval", "setImmediate"],
      args: [0],
      condition: "not-function",
      label: "setTimeout() with a string",
    },
  ],
  samples: {
    invalid: [
      { name: "eval of the body", code: "app.post('/calc', (req, res) => {\n  res.json(eval(req.body.expr));\n});", line: 2 },
      {
        name: "vm with fastify",
        code: "import vm from 'node:vm';\nfastify.post('/run', async (request, reply) => {\n  return vm.runInNewContext(request.body.code, {});\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "setTimeout with a function",
        code: "app.get('/t', (req, res) => {\n  setTimeout(() => res.send(String(Number(req.query.n))), 10);\n});",
      },
      { name: "JSON.parse is not eval", code: "app.post('/calc', (req, res) => {\n  res.json(JSON.parse(req.body.data).x);\n});" },
    ],
  },
};
