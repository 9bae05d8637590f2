/** rimraf: deletes a path recursively. */
import type { PackageModels } from "./taint-model.js";

export const rimrafModels: PackageModels = {
  package: "rimraf",
  doc: "https://github.com/isaacs/rimraf#api — rimraf(path), rimraf.sync, rimrafSync and the named variants.",
  models: [
    { kind: "sink", path: "Argument[0]", class: "path-traversal", label: "rimraf" },
    {
      kind: "sink",
      path: "Member[sync,rimraf,rimrafSync,native,nativeSync,manual,manualSync,windows,windowsSync,posix,posixSync,moveRemove,moveRemoveSync].Argument[0]",
      class: "path-traversal",
      label: "rimraf",
    },
  ],
  samples: {
    invalid: [
      {
        name: "delete a user path",
        class: "path-traversal",
        code: "import { rimraf } from 'rimraf';\napp.delete('/f', async (req, res) => {\n  await rimraf('/srv/uploads/' + req.query.name);\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "base name only",
        class: "path-traversal",
        code: "import { rimraf } from 'rimraf';\nimport path from 'path';\napp.delete('/f', async (req, res) => {\n  await rimraf('/srv/uploads/' + path.basename(req.query.name));\n});",
      },
    ],
  },
};
