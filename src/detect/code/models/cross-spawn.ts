/** cross-spawn: spawn's signature; a tainted program name is a command. */
import type { PackageModels } from "./taint-model.js";

export const crossSpawnModels: PackageModels = {
  package: "cross-spawn",
  doc: "https://github.com/moxystudio/node-cross-spawn — spawn(command, args, options) and spawn.sync.",
  models: [
    { kind: "sink", path: "Argument[0]", class: "command-injection", label: "cross-spawn" },
    { kind: "sink", path: "Member[sync,spawn].Argument[0]", class: "command-injection", label: "cross-spawn" },
    { kind: "sink", path: "Argument[1]", class: "command-injection", condition: "shell-option", label: "cross-spawn with shell: true" },
  ],
  samples: {
    invalid: [
      {
        name: "tainted command",
        class: "command-injection",
        code: "const spawn = require('cross-spawn');\napp.get('/x', (req, res) => {\n  spawn.sync(req.query.cmd, []);\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "fixed command",
        class: "command-injection",
        code: "const spawn = require('cross-spawn');\napp.get('/x', (req, res) => {\n  spawn('npm', ['view', req.query.pkg]);\n});",
      },
    ],
  },
};
