/** fs-extra: its own functions beyond fs, including the two-path ones (copy, move, symlink). */
import type { PackageModels } from "./taint-model.js";

export const fsExtraModels: PackageModels = {
  package: "fs-extra",
  doc: "https://github.com/jprichardson/node-fs-extra#methods — both paths of copy/move/rename/link/symlink are files the server touches.",
  models: [
    {
      kind: "sink",
      path: "Member[copy,copySync,move,moveSync,rename,renameSync,symlink,symlinkSync,link,linkSync,copyFile,copyFileSync,ensureLink,ensureLinkSync,ensureSymlink,ensureSymlinkSync,createLink,createSymlink].Argument[0,1]",
      class: "path-traversal",
      label: "fs-extra",
    },
    {
      kind: "sink",
      path: "Member[remove,removeSync,outputFile,outputFileSync,outputJson,outputJSON,outputJsonSync,readJson,readJSON,readJsonSync,writeJson,writeJSON,writeJsonSync,ensureFile,ensureFileSync,ensureDir,ensureDirSync,mkdirs,mkdirsSync,mkdirp,mkdirpSync,emptyDir,emptyDirSync,createFile,createReadStream,createWriteStream,readFile,readFileSync,writeFile,writeFileSync,unlink,unlinkSync,rm,rmSync,appendFile,appendFileSync].Argument[0]",
      class: "path-traversal",
      label: "fs-extra",
    },
  ],
  samples: {
    invalid: [
      {
        name: "move to a user path",
        class: "path-traversal",
        code: "const fse = require('fs-extra');\napp.post('/mv', async (req, res) => {\n  await fse.move('/tmp/upload', req.body.dest);\n});",
        line: 3,
      },
      {
        name: "outputFile",
        class: "path-traversal",
        code: "import fs from 'fs-extra';\napp.post('/w', (req, res) => {\n  fs.outputFileSync(`/data/${req.body.name}`, 'x');\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "fixed paths",
        class: "path-traversal",
        code: "import fs from 'fs-extra';\napp.post('/w', async (req, res) => {\n  await fs.copy('/srv/a', '/srv/b');\n  res.send(String(Number(req.body.n)));\n});",
      },
    ],
  },
};
