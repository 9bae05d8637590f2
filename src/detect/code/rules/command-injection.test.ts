import { ruleTable } from "../__fixtures__/rule-test-table.js";

ruleTable("taint/command-injection", {
  invalid: [
    {
      name: "exec",
      code: "import { exec } from 'child_process';\napp.get('/x', (req, res) => {\n  exec('ls ' + req.query.dir);\n});",
      line: 3,
    },
    {
      name: "execSync via require",
      code: "const cp = require('node:child_process');\nrouter.post('/x', async (ctx) => {\n  cp.execSync(`convert ${ctx.request.body.file} out.png`);\n});",
      line: 3,
    },
    {
      name: "spawn with shell: true",
      code: "import { spawn } from 'child_process';\napp.get('/x', (req, res) => {\n  spawn(req.query.cmd, [], { shell: true });\n});",
      line: 3,
    },
    {
      name: "execFile with shell: true",
      code: "import cp from 'child_process';\napp.get('/x', (c) => {\n  cp.execFile('grep', [c.req.query('pattern')], { shell: true });\n});",
      line: 3,
    },
    {
      name: "spawnSync with shell",
      code: "import { spawnSync } from 'child_process';\nexport async function POST(request) {\n  const { script } = await request.json();\n  spawnSync('sh', ['-c', script], { shell: '/bin/sh' });\n}",
      line: 4,
    },
  ],
  valid: [
    {
      name: "spawn without shell",
      code: "import { spawn } from 'child_process';\napp.get('/x', (req, res) => {\n  spawn('git', ['log', req.query.ref]);\n});",
    },
    {
      name: "execFile without shell",
      code: "import { execFile } from 'child_process';\napp.get('/x', (req, res) => {\n  execFile('git', ['show', req.query.ref]);\n});",
    },
    { name: "constant command", code: "import { exec } from 'child_process';\napp.get('/x', (req, res) => {\n  exec('uptime');\n});" },
    {
      name: "numeric argument",
      code: "import { exec } from 'child_process';\napp.get('/x', (req, res) => {\n  exec(`sleep ${Number(req.query.s)}`);\n});",
    },
    // A tainted program name is a command even without a shell (models/child-process.ts); a tainted argument is not.
    {
      name: "shell: false",
      code: "import { spawn } from 'child_process';\napp.get('/x', (req, res) => {\n  spawn('ls', [req.query.dir], { shell: false });\n});",
    },
  ],
});
