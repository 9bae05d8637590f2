/** Prototype pollution: user-controlled keys written into objects (`__proto__`, `constructor`). */
import type { TaintRule } from "../taint-rule.js";

export const prototypePollutionRule: TaintRule = {
  meta: {
    id: "taint/prototype-pollution",
    category: "code",
    severity: "high",
    description: "User-controlled keys are merged or written into objects (`__proto__` changes every object).",
    tags: ["external/cwe/cwe-1321", "external/cwe/cwe-915"],
  },
  vulnClass: "prototype-pollution",
  title: "prototype pollution",
  doc: "https://github.com/HoLyVieR/prototype-pollution-nsec18",
  sinks: [
    { kind: "computed-write", label: "computed property write" },
    { kind: "call", callees: ["Object.assign"], args: "all", condition: "shared-target", label: "Object.assign()" },
    {
      kind: "call",
      callees: [
        "lodash.merge",
        "lodash.mergeWith",
        "lodash.defaultsDeep",
        "lodash.set",
        "lodash.setWith",
        "lodash.zipObjectDeep",
        "_.merge",
        "_.set",
        "_.defaultsDeep",
        "_.mergeWith",
        "_.setWith",
      ],
      args: [1, 2],
      label: "lodash merge/set",
    },
  ],
  samples: {
    invalid: [
      {
        name: "recursive merge of the body",
        code: "function merge(t, s) {\n  for (const k in s) {\n    if (typeof s[k] === 'object') { t[k] = merge(t[k] || {}, s[k]); }\n    else { t[k] = s[k]; }\n  }\n  return t;\n}\napp.post('/cfg', (req, res) => {\n  merge(config, req.body);\n});",
        line: 4,
      },
      {
        name: "lodash set with a user path",
        code: "import _ from 'lodash';\napp.post('/s', (req, res) => {\n  _.set(settings, req.body.path, req.body.value);\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "key guard",
        code: "app.post('/s', (req, res) => {\n  const { key, value } = req.body;\n  if (key === '__proto__' || key === 'constructor' || key === 'prototype') { return res.sendStatus(400); }\n  store[key] = value;\n});",
      },
      {
        name: "assign into a fresh object",
        code: "app.post('/s', (req, res) => {\n  const copy = Object.assign({}, req.body);\n  res.json(copy);\n});",
      },
    ],
  },
};
