/** execa: like spawn, the program is a command; `execaCommand` and `$` parse a whole command line. */
import type { PackageModels } from "./taint-model.js";

export const execaModels: PackageModels = {
  package: "execa",
  doc: "https://github.com/sindresorhus/execa#api — execa(file, args), execaCommand(command), $`…`.",
  models: [
    { kind: "sink", path: "Argument[0]", class: "command-injection", label: "execa" },
    {
      kind: "sink",
      path: "Member[execa,execaSync,execaCommand,execaCommandSync,execaNode,command,commandSync,sync,node].Argument[0]",
      class: "command-injection",
      label: "execa",
    },
  ],
  samples: {
    invalid: [
      {
        name: "execaCommand from body",
        class: "command-injection",
        code: "import { execaCommand } from 'execa';\napp.post('/x', async (req, res) => {\n  await execaCommand('git log ' + req.body.ref);\n});",
        line: 3,
      },
      {
        name: "default export, tainted program",
        class: "command-injection",
        code: "const execa = require('execa');\napp.get('/x', (req, res) => {\n  execa(req.query.tool);\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "fixed program",
        class: "command-injection",
        code: "import { execa } from 'execa';\napp.get('/x', async (req, res) => {\n  await execa('git', ['log', req.query.ref]);\n});",
      },
    ],
  },
};
