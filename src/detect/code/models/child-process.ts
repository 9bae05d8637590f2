/** Node's child_process beyond the rule's `exec` and `spawn(…, { shell: true })`: a tainted program name, and `sh -c`. */
import type { PackageModels } from "./taint-model.js";

export const childProcessModels: PackageModels = {
  package: "child_process",
  doc: "https://nodejs.org/api/child_process.html — without a shell the program name itself is still a command (spawn(cmd)); `spawn('sh', ['-c', x])` is a shell.",
  models: [
    {
      kind: "sink",
      path: "Member[spawn,spawnSync,execFile,execFileSync,fork].Argument[0]",
      class: "command-injection",
      label: "child_process.spawn",
    },
    {
      kind: "sink",
      path: "Member[spawn,spawnSync,execFile,execFileSync].Argument[1]",
      class: "command-injection",
      condition: "shell-c-array",
      label: "child_process.spawn",
    },
  ],
  samples: {
    invalid: [
      {
        name: "tainted program name",
        class: "command-injection",
        code: "const { spawn } = require('child_process');\napp.get('/run', (req, res) => {\n  spawn(req.query.cmd, ['--version']);\n});",
        line: 3,
      },
      {
        name: "sh -c with input",
        class: "command-injection",
        code: "import { spawn } from 'child_process';\napp.get('/x', (req, res) => {\n  spawn('sh', ['-c', `ls ${req.query.dir}`]);\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "fixed program, argument vector",
        class: "command-injection",
        code: "import { spawn } from 'child_process';\napp.get('/x', (req, res) => {\n  spawn('ls', ['-l', req.query.dir]);\n});",
      },
    ],
  },
};
