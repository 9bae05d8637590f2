import { ruleTable } from "../__fixtures__/rule-test-table.js";

ruleTable("taint/prototype-pollution", {
  invalid: [
    {
      name: "recursive merge of the body (summary: param reaches a computed write)",
      code: "function merge(target, source) {\n  for (const key of Object.keys(source)) {\n    if (source[key] && typeof source[key] === 'object') {\n      merge(target[key], source[key]);\n    } else {\n      target[key] = source[key];\n    }\n  }\n}\napp.post('/cfg', (req, res) => {\n  merge(settings, req.body);\n});",
      line: 6,
    },
    {
      name: "computed write with user key and value",
      code: "app.post('/s', (req, res) => {\n  const { key, value } = req.body;\n  store[key] = value;\n});",
      line: 3,
    },
    {
      name: "nested computed write",
      code: "router.post('/s', (ctx) => {\n  const { a, b, v } = ctx.request.body;\n  config[a][b] = v;\n});",
      line: 3,
    },
    {
      name: "Object.assign into a shared object",
      code: "const defaults = {};\napp.post('/s', (req, res) => {\n  Object.assign(defaults, req.body);\n});",
      line: 3,
    },
    {
      name: "lodash merge",
      code: "import _ from 'lodash';\napp.post('/s', (req, res) => {\n  _.merge(appConfig, req.body);\n});",
      line: 3,
    },
    {
      name: "lodash/set with a user path",
      code: "import set from 'lodash/set';\napp.post('/s', (req, res) => {\n  set(state, req.body.path, req.body.value);\n});",
      line: 3,
    },
  ],
  valid: [
    {
      name: "proto key guard",
      code: "app.post('/s', (req, res) => {\n  const { key, value } = req.body;\n  if (['__proto__', 'constructor', 'prototype'].includes(key)) { return res.sendStatus(400); }\n  store[key] = value;\n});",
    },
    {
      name: "guard with continue in a loop",
      code: "function copy(target, source) {\n  for (const k in source) {\n    if (k === '__proto__' || k === 'constructor') { continue; }\n    target[k] = source[k];\n  }\n}\napp.post('/s', (req, res) => { copy({}, req.body); });",
    },
    {
      name: "Object.assign into a fresh object",
      code: "app.post('/s', (req, res) => {\n  res.json(Object.assign({}, defaults, req.body));\n});",
    },
    {
      name: "lodash set with a constant path",
      code: "import _ from 'lodash';\napp.post('/s', (req, res) => {\n  _.set(state, 'user.name', 'x');\n});",
    },
    { name: "constant value", code: "app.post('/s', (req, res) => {\n  seen[req.body.id] = true;\n});" },
  ],
});
