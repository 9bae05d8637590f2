/**
 * Node core beyond the rules: `vm` with a tainted sandbox (its properties become globals the
 * script sees), and `util.promisify`, whose result does what the wrapped function does.
 */
import type { PackageModels } from "./taint-model.js";

export const vmModels: PackageModels = {
  package: "vm",
  doc: "https://nodejs.org/api/vm.html — the context object of runInNewContext/runInContext/createContext.",
  models: [
    { kind: "sink", path: "Member[runInNewContext,runInContext].Argument[1]", class: "code-injection", label: "vm.runInContext" },
    { kind: "sink", path: "Member[createContext].Argument[0]", class: "code-injection", label: "vm.createContext" },
    { kind: "sink", path: "Member[compileFunction].Argument[0,1]", class: "code-injection", label: "vm.compileFunction" },
    {
      kind: "sink",
      path: "Member[Script].Instance.Member[runInNewContext,runInContext].Argument[0]",
      class: "code-injection",
      label: "script.runInContext",
    },
  ],
  samples: {
    invalid: [
      {
        name: "tainted sandbox",
        class: "code-injection",
        code: "const vm = require('vm');\napp.get('/x', (req, res) => {\n  const sandbox = { name: req.query.name };\n  vm.runInNewContext('greet(name)', sandbox);\n});",
        line: 4,
      },
    ],
    valid: [
      {
        name: "fixed code and sandbox",
        class: "code-injection",
        code: "const vm = require('vm');\napp.get('/x', (req, res) => {\n  res.json({ n: vm.runInNewContext('1 + 1', {}), q: req.query.name });\n});",
      },
    ],
  },
};

export const utilModels: PackageModels = {
  package: "util",
  doc: "https://nodejs.org/api/util.html#utilpromisifyoriginal — same function, promise-returning.",
  models: [{ kind: "summary", path: "Member[promisify,callbackify,deprecate]" }],
  samples: {
    invalid: [
      {
        name: "promisified exec",
        class: "command-injection",
        code: "const util = require('util');\nconst exec = util.promisify(require('child_process').exec);\napp.get('/x', async (req, res) => {\n  await exec('ls ' + req.query.dir);\n});",
        line: 4,
      },
    ],
    valid: [
      {
        name: "promisified exec, fixed command",
        class: "command-injection",
        code: "const { promisify } = require('util');\nconst exec = promisify(require('child_process').exec);\napp.get('/x', async (req, res) => {\n  await exec('ls');\n  res.send(String(Number(req.query.n)));\n});",
      },
    ],
  },
};
