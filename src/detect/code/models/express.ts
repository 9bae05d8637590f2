/**
 * Express responses beyond the rules: a tainted view name in `res.render` picks which template
 * file is loaded, and a tainted `root` in `res.sendFile` moves the directory a path is confined to.
 * `express.response` is the prototype of every `res`, so the paths read as Express documents them;
 * matching is by the receiver's name (`res`, `response`), since `res` is a handler parameter.
 */
import type { PackageModels } from "./taint-model.js";

export const expressModels: PackageModels = {
  package: "express",
  doc: "https://expressjs.com/en/api.html#res.render and #res.sendFile",
  models: [
    {
      kind: "sink",
      path: "Member[response].Member[render].Argument[0]",
      class: "path-traversal",
      receivers: ["res", "response"],
      label: "res.render",
    },
    {
      kind: "sink",
      path: "Member[response].Member[sendFile,download].Argument[1].Member[root]",
      class: "path-traversal",
      receivers: ["res", "response"],
      label: "res.sendFile",
    },
  ],
  samples: {
    invalid: [
      {
        name: "view name from query",
        class: "path-traversal",
        code: "app.get('/page', (req, res) => {\n  res.render(req.query.page, { title: 'x' });\n});",
        line: 2,
      },
      {
        name: "tainted root",
        class: "path-traversal",
        code: "app.get('/f', (req, res) => {\n  res.sendFile('index.html', { root: req.query.dir });\n});",
        line: 2,
      },
    ],
    valid: [
      {
        name: "fixed view, user data",
        class: "path-traversal",
        code: "app.get('/page', (req, res) => {\n  res.render('page', { title: req.query.title });\n});",
      },
      {
        name: "fixed root, user file",
        class: "path-traversal",
        code: "app.get('/f', (req, res) => {\n  res.sendFile(req.query.name, { root: '/srv/public' });\n});",
      },
    ],
  },
};
