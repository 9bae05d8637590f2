/** Path traversal: user input naming a file the server reads, writes or sends. */
import type { TaintRule } from "../taint-rule.js";

const FS_ONE_PATH = [
  "readFile",
  "readFileSync",
  "writeFile",
  "writeFileSync",
  "appendFile",
  "appendFileSync",
  "createReadStream",
  "createWriteStream",
  "unlink",
  "unlinkSync",
  "readdir",
  "readdirSync",
  "rm",
  "rmSync",
  "rmdir",
  "rmdirSync",
  "mkdir",
  "mkdirSync",
  "open",
  "openSync",
  "stat",
  "statSync",
  "access",
  "accessSync",
  "truncate",
  "truncateSync",
];
const FS_TWO_PATHS = ["copyFile", "copyFileSync", "rename", "renameSync", "cp", "cpSync", "symlink", "symlinkSync"];
const RESPONSE = /^(?:res|response|reply)$/;

export const pathTraversalRule: TaintRule = {
  meta: {
    id: "taint/path-traversal",
    category: "code",
    severity: "high",
    description: "User input names a file path (`../` reads or overwrites files outside the intended folder).",
    tags: ["external/cwe/cwe-022", "external/cwe/cwe-023", "external/cwe/cwe-036", "external/cwe/cwe-073"],
  },
  vulnClass: "path-traversal",
  title: "path traversal",
  doc: "https://owasp.org/www-community/attacks/Path_Traversal",
  sinks: [
    {
      kind: "call",
      callees: FS_ONE_PATH.flatMap((name) => [`fs.${name}`, `fs.promises.${name}`, `fs-extra.${name}`]),
      args: [0],
      label: "fs",
    },
    { kind: "call", callees: FS_TWO_PATHS.flatMap((name) => [`fs.${name}`, `fs.promises.${name}`]), args: [0, 1], label: "fs" },
    { kind: "call", methods: ["sendFile"], receiver: RESPONSE, args: [0], condition: "no-root-option", label: "res.sendFile()" },
    { kind: "call", methods: ["download"], receiver: RESPONSE, args: [0], label: "res.download()" },
  ],
  samples: {
    invalid: [
      {
        name: "readFile from query",
        code: "import fs from 'fs';\napp.get('/f', (req, res) => {\n  fs.readFile('/srv/files/' + req.query.name, (e, d) => res.send(d));\n});",
        line: 3,
      },
      {
        name: "sendFile from params",
        code: "app.get('/f/:name', (req, res) => {\n  res.sendFile(`/srv/${req.params.name}`);\n});",
        line: 2,
      },
    ],
    valid: [
      {
        name: "resolve then prefix check",
        code: "import path from 'path';\nimport fs from 'fs';\nconst base = '/srv/files';\napp.get('/f', (req, res) => {\n  const p = path.resolve(base, req.query.name);\n  if (!p.startsWith(base + path.sep)) { return res.sendStatus(403); }\n  fs.createReadStream(p).pipe(res);\n});",
      },
      {
        name: "sendFile with root",
        code: "app.get('/f/:name', (req, res) => {\n  res.sendFile(req.params.name, { root: '/srv/public' });\n});",
      },
    ],
  },
};
