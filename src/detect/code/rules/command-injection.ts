/** Command injection: user input reaching a shell. */
import type { TaintRule } from "../taint-rule.js";

export const commandInjectionRule: TaintRule = {
  meta: {
    id: "taint/command-injection",
    category: "code",
    severity: "critical",
    description: "User input reaches a shell command line (run any command as the server).",
    tags: ["external/cwe/cwe-078", "external/cwe/cwe-088"],
  },
  vulnClass: "command-injection",
  title: "command injection",
  doc: "https://owasp.org/www-community/attacks/Command_Injection",
  sinks: [
    { kind: "call", callees: ["child_process.exec", "child_process.execSync"], args: [0], label: "child_process.exec()" },
    {
      kind: "call",
      callees: ["child_process.spawn", "child_process.spawnSync", "child_process.execFile", "child_process.execFileSync"],
      args: [0, 1],
      condition: "shell-option",
      label: "child_process.spawn() with shell: true",
    },
  ],
  samples: {
    invalid: [
      {
        name: "exec with template",
        code: "import { exec } from 'node:child_process';\napp.post('/ping', (req, res) => {\n  exec(`ping -c 1 ${req.body.host}`);\n});",
        line: 3,
      },
      {
        name: "spawn with shell",
        code: "const cp = require('child_process');\napp.get('/x', (req, res) => {\n  cp.spawn('git', ['log', req.query.ref], { shell: true });\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "spawn without shell",
        code: "const cp = require('child_process');\napp.get('/x', (req, res) => {\n  cp.spawn('git', ['log', req.query.ref]);\n});",
      },
      {
        name: "constant command",
        code: "import { execSync } from 'child_process';\napp.get('/x', (req, res) => {\n  execSync('git status');\n  res.send('ok');\n});",
      },
    ],
  },
};
