/** shelljs: `exec` runs a shell command line. */
import type { PackageModels } from "./taint-model.js";

export const shelljsModels: PackageModels = {
  package: "shelljs",
  doc: "https://github.com/shelljs/shelljs#execcommand--options--callback",
  models: [
    {
      kind: "sink",
      path: "Member[exec].Argument[0]",
      class: "command-injection",
      receivers: ["shell", "shelljs", "sh"],
      label: "shell.exec",
    },
  ],
  samples: {
    invalid: [
      {
        name: "exec with query",
        class: "command-injection",
        code: "const shell = require('shelljs');\napp.get('/x', (req, res) => {\n  shell.exec(`convert ${req.query.file} out.png`);\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "constant command",
        class: "command-injection",
        code: "const shell = require('shelljs');\napp.get('/x', (req, res) => {\n  shell.exec('git status');\n  res.send(req.query.x ? 'y' : 'n');\n});",
      },
    ],
  },
};
