import { ruleTable } from "../__fixtures__/rule-test-table.js";

ruleTable("taint/code-injection", {
  invalid: [
    { name: "eval", code: "app.post('/c', (req, res) => {\n  res.json(eval(req.body.expr));\n});", line: 2 },
    {
      name: "new Function",
      code: "app.post('/c', (req, res) => {\n  const fn = new Function('x', req.body.src);\n  res.json(fn(1));\n});",
      line: 2,
    },
    { name: "Function()", code: "router.post('/c', (ctx) => {\n  Function(ctx.request.body.src)();\n});", line: 2 },
    {
      name: "vm.runInNewContext",
      code: "import vm from 'vm';\napp.post('/c', (req, res) => {\n  vm.runInNewContext(req.body.code);\n});",
      line: 3,
    },
    {
      name: "vm.runInThisContext",
      code: "import { runInThisContext } from 'node:vm';\napp.post('/c', async (c) => {\n  runInThisContext(await c.req.text());\n});",
      line: 3,
    },
    {
      name: "new vm.Script",
      code: "const vm = require('vm');\napp.post('/c', (req, res) => {\n  new vm.Script(req.body.code).runInThisContext();\n});",
      line: 3,
    },
    {
      name: "setTimeout with a string",
      code: "app.get('/c', (req, res) => {\n  setTimeout('tick(' + req.query.n + ')', 10);\n});",
      line: 2,
    },
    { name: "setInterval with a string", code: "app.get('/c', (req, res) => {\n  setInterval(req.query.code, 1000);\n});", line: 2 },
  ],
  valid: [
    { name: "setTimeout with a function", code: "app.get('/c', (req, res) => {\n  setTimeout(() => res.send(req.query.n), 10);\n});" },
    { name: "JSON.parse", code: "app.post('/c', (req, res) => {\n  res.json(JSON.parse(req.body.data));\n});" },
    { name: "eval of a constant", code: "app.post('/c', (req, res) => {\n  res.json(eval('1 + 1'));\n});" },
    { name: "Number", code: "app.post('/c', (req, res) => {\n  eval(String(Number(req.body.n)));\n});" },
  ],
});
