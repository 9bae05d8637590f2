/**
 * Template engines: compiling or rendering a template whose source is user input runs code on
 * the server (server-side template injection). Rendering *data* into a fixed template is safe,
 * and Handlebars/Mustache/Nunjucks output escapes HTML, so those results clear XSS.
 */
import type { PackageModels } from "./taint-model.js";

export const pugModels: PackageModels = {
  package: "pug",
  doc: "https://pugjs.org/api/reference.html — compile/render take template source.",
  models: [
    {
      kind: "sink",
      path: "Member[compile,render,compileClient,compileClientWithDependenciesTracked].Argument[0]",
      class: "code-injection",
      label: "pug.compile",
    },
  ],
  samples: {
    invalid: [
      {
        name: "compile user template",
        class: "code-injection",
        code: "const pug = require('pug');\napp.post('/t', (req, res) => {\n  res.send(pug.compile(req.body.tpl)());\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "data into a fixed template",
        class: "code-injection",
        code: "const pug = require('pug');\nconst page = pug.compile('p= name');\napp.post('/t', (req, res) => {\n  res.json({ html: page({ name: req.body.name }) });\n});",
      },
    ],
  },
};

export const ejsModels: PackageModels = {
  package: "ejs",
  doc: "https://github.com/mde/ejs#usage — render(str, data) and compile(str).",
  models: [{ kind: "sink", path: "Member[render,compile].Argument[0]", class: "code-injection", label: "ejs.render" }],
  samples: {
    invalid: [
      {
        name: "render user template",
        class: "code-injection",
        code: "import ejs from 'ejs';\napp.get('/t', (req, res) => {\n  res.json({ out: ejs.render(req.query.t, {}) });\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "user data only",
        class: "code-injection",
        code: "import ejs from 'ejs';\napp.get('/t', (req, res) => {\n  res.json({ out: ejs.render('<p><%= name %></p>', { name: req.query.name }) });\n});",
      },
    ],
  },
};

export const handlebarsModels: PackageModels = {
  package: "handlebars",
  doc: "https://handlebarsjs.com/api-reference/compilation.html — compile(source); `{{x}}` output is HTML-escaped.",
  models: [
    { kind: "sink", path: "Member[compile,precompile].Argument[0]", class: "code-injection", label: "Handlebars.compile" },
    { kind: "sanitizer", path: "Member[compile].ReturnValue.ReturnValue", clears: ["xss"] },
  ],
  samples: {
    invalid: [
      {
        name: "compile user template",
        class: "code-injection",
        code: "const Handlebars = require('handlebars');\napp.post('/t', (req, res) => {\n  res.json({ out: Handlebars.compile(req.body.tpl)({}) });\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "escaped output",
        class: "xss",
        code: "const Handlebars = require('handlebars');\nconst tpl = Handlebars.compile('<p>{{name}}</p>');\napp.get('/t', (req, res) => {\n  res.send(tpl({ name: req.query.name }));\n});",
      },
    ],
  },
};

export const nunjucksModels: PackageModels = {
  package: "nunjucks",
  doc: "https://mozilla.github.io/nunjucks/api.html#renderstring — renderString/compile take template source.",
  models: [
    { kind: "sink", path: "Member[renderString,compile].Argument[0]", class: "code-injection", label: "nunjucks.renderString" },
    {
      kind: "sink",
      path: "Member[Environment].Instance.Member[renderString].Argument[0]",
      class: "code-injection",
      label: "nunjucks.renderString",
    },
  ],
  samples: {
    invalid: [
      {
        name: "renderString of input",
        class: "code-injection",
        code: "const nunjucks = require('nunjucks');\napp.get('/t', (req, res) => {\n  res.json({ out: nunjucks.renderString(req.query.t, {}) });\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "render a file with user data",
        class: "code-injection",
        code: "const nunjucks = require('nunjucks');\napp.get('/t', (req, res) => {\n  res.json({ out: nunjucks.render('page.njk', { q: req.query.t }) });\n});",
      },
    ],
  },
};

export const lodashTemplateModels: PackageModels = {
  package: "lodash",
  doc: "https://lodash.com/docs/#template — _.template(source) compiles to a function; `_.escape` encodes HTML.",
  models: [
    { kind: "sink", path: "Member[template].Argument[0]", class: "code-injection", receivers: ["_", "lodash"], label: "_.template" },
    { kind: "sanitizer", path: "Member[escape].ReturnValue", clears: ["xss"] },
  ],
  samples: {
    invalid: [
      {
        name: "template from query",
        class: "code-injection",
        code: "const _ = require('lodash');\napp.get('/t', (req, res) => {\n  res.json({ out: _.template(req.query.t)({}) });\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "fixed template",
        class: "code-injection",
        code: "const _ = require('lodash');\napp.get('/t', (req, res) => {\n  res.json({ out: _.template('<%- q %>')({ q: req.query.t }) });\n});",
      },
    ],
  },
};

export const mustacheModels: PackageModels = {
  package: "mustache",
  doc: "https://github.com/janl/mustache.js#usage — render(template, view); `{{x}}` escapes HTML.",
  models: [{ kind: "sanitizer", path: "Member[render].ReturnValue", clears: ["xss"] }],
  samples: {
    invalid: [],
    valid: [
      {
        name: "escaped output",
        class: "xss",
        code: "const Mustache = require('mustache');\napp.get('/t', (req, res) => {\n  res.send(Mustache.render('<p>{{q}}</p>', { q: req.query.q }));\n});",
      },
    ],
  },
};
