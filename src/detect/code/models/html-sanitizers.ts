/**
 * Libraries whose output is safe HTML (XSS sanitizers) or a safe file name. markdown-it escapes
 * raw HTML unless created with `html: true` (that option is not looked at: a known gap).
 */
import type { PackageModels } from "./taint-model.js";

export const markdownItModels: PackageModels = {
  package: "markdown-it",
  doc: "https://github.com/markdown-it/markdown-it#init-with-presets-and-options — html: false by default.",
  models: [{ kind: "sanitizer", path: "ReturnValue.Member[render,renderInline].ReturnValue", clears: ["xss"] }],
  samples: {
    invalid: [],
    valid: [
      {
        name: "rendered markdown",
        class: "xss",
        code: "const md = require('markdown-it')();\napp.post('/preview', (req, res) => {\n  res.send(md.render(req.body.text));\n});",
      },
    ],
  },
};

export const xssFiltersModels: PackageModels = {
  package: "xss-filters",
  doc: "https://github.com/yahoo/xss-filters#usage — context-aware output filters.",
  models: [
    {
      kind: "sanitizer",
      path: "Member[inHTMLData,inHTMLComment,inSingleQuotedAttr,inDoubleQuotedAttr,inUnQuotedAttr,uriInHTMLData,uriInDoubleQuotedAttr].ReturnValue",
      clears: ["xss"],
    },
  ],
  samples: {
    invalid: [],
    valid: [
      {
        name: "filtered",
        class: "xss",
        code: "const xssFilters = require('xss-filters');\napp.get('/x', (req, res) => {\n  res.send('<p>' + xssFilters.inHTMLData(req.query.q) + '</p>');\n});",
      },
    ],
  },
};

export const htmlEntitiesModels: PackageModels = {
  package: "html-entities",
  doc: "https://github.com/mdevils/html-entities#usage",
  models: [{ kind: "sanitizer", path: "Member[encode,escape].ReturnValue", clears: ["xss"] }],
  samples: {
    invalid: [],
    valid: [
      {
        name: "encoded",
        class: "xss",
        code: "import { encode } from 'html-entities';\napp.get('/x', (req, res) => {\n  res.send(`<p>${encode(req.query.q)}</p>`);\n});",
      },
    ],
  },
};

export const sanitizeFilenameModels: PackageModels = {
  package: "sanitize-filename",
  doc: "https://github.com/parshap/node-sanitize-filename — strips separators and `..`.",
  models: [{ kind: "sanitizer", path: "ReturnValue", clears: ["path-traversal"] }],
  samples: {
    invalid: [],
    valid: [
      {
        name: "sanitized name",
        class: "path-traversal",
        code: "const fs = require('fs');\nconst sanitize = require('sanitize-filename');\napp.get('/f', (req, res) => {\n  fs.readFile('/srv/' + sanitize(req.query.name), (e, d) => res.json({ d }));\n});",
      },
    ],
  },
};
