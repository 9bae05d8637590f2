import { ruleTable } from "../__fixtures__/rule-test-table.js";

ruleTable("taint/path-traversal", {
  invalid: [
    {
      name: "fs.readFile",
      code: "import fs from 'fs';\napp.get('/f', (req, res) => {\n  fs.readFile(req.query.name, 'utf8', () => {});\n});",
      line: 3,
    },
    {
      name: "fs/promises readFile",
      code: "import { readFile } from 'fs/promises';\nrouter.get('/f', async (ctx) => {\n  ctx.body = await readFile(`./data/${ctx.params.file}`);\n});",
      line: 3,
    },
    {
      name: "fs.promises.writeFile",
      code: "import { promises as fsp } from 'node:fs';\napp.post('/f', async (req, res) => {\n  await fsp.writeFile(req.body.path, req.body.content);\n});",
      line: 3,
    },
    {
      name: "createReadStream",
      code: "const fs = require('fs');\nfastify.get('/f', (request, reply) => {\n  return reply.send(fs.createReadStream('/srv/' + request.params.name));\n});",
      line: 3,
    },
    {
      name: "createWriteStream",
      code: "import * as fs from 'fs';\napp.post('/f', (req, res) => {\n  req.pipe(fs.createWriteStream(req.headers['x-name']));\n});",
      line: 3,
    },
    {
      name: "writeFileSync",
      code: "import fs from 'fs';\napp.post('/f', (c) => {\n  fs.writeFileSync(c.req.param('name'), 'x');\n});",
      line: 3,
    },
    { name: "res.sendFile", code: "app.get('/f', (req, res) => {\n  res.sendFile(req.query.file);\n});", line: 2 },
    { name: "res.download", code: "app.get('/f', (req, res) => {\n  res.download(`/srv/${req.params.name}`);\n});", line: 2 },
    {
      name: "prefix check without normalising",
      code: "import fs from 'fs';\napp.get('/f', (req, res) => {\n  const p = '/srv/files/' + req.query.name;\n  if (!p.startsWith('/srv/files/')) { return; }\n  fs.readFileSync(p);\n});",
      line: 5,
    },
    {
      name: "path.join is not a sanitizer on its own",
      code: "import fs from 'fs';\nimport path from 'path';\napp.get('/f', (req, res) => {\n  fs.readFileSync(path.join('/srv', req.query.name));\n});",
      line: 4,
    },
  ],
  valid: [
    {
      name: "path.resolve then startsWith guard",
      code: "import fs from 'fs';\nimport path from 'path';\nconst ROOT = '/srv/files';\napp.get('/f', (req, res) => {\n  const target = path.resolve(ROOT, req.query.name);\n  if (!target.startsWith(ROOT)) {\n    return res.status(403).end();\n  }\n  res.send(fs.readFileSync(target));\n});",
    },
    {
      name: "path.normalize then startsWith inside the if",
      code: "import fs from 'fs';\nimport path from 'path';\napp.get('/f', (req, res) => {\n  const target = path.normalize('/srv/' + req.query.name);\n  if (target.startsWith('/srv/')) {\n    fs.readFileSync(target);\n  }\n});",
    },
    {
      name: "path.basename",
      code: "import fs from 'fs';\nimport path from 'path';\napp.get('/f', (req, res) => {\n  fs.readFileSync('/srv/' + path.basename(req.query.name));\n});",
    },
    { name: "sendFile with root", code: "app.get('/f', (req, res) => {\n  res.sendFile(req.query.file, { root: '/srv/public' });\n});" },
    {
      name: "constant path",
      code: "import fs from 'fs';\napp.get('/f', (req, res) => {\n  res.send(fs.readFileSync('/srv/index.html', 'utf8'));\n});",
    },
  ],
});
