/** knex: the `*Raw` builders and `knex.raw` take SQL text; the rest of the builder parameterises. */
import type { PackageModels } from "./taint-model.js";

const RAW = "raw,whereRaw,orWhereRaw,havingRaw,orHavingRaw,orderByRaw,joinRaw,groupByRaw,fromRaw,andWhereRaw";

export const knexModels: PackageModels = {
  package: "knex",
  doc: "https://knexjs.org/guide/raw.html — raw SQL; bindings in the second argument are safe.",
  models: [
    {
      kind: "sink",
      path: `ReturnValue.Member[${RAW}].Argument[0]`,
      class: "sql-injection",
      receivers: ["knex", "db", "trx", "qb", "query"],
      label: "knex.raw",
    },
    { kind: "sink", path: `ReturnValue.ReturnValue.Member[${RAW}].Argument[0]`, class: "sql-injection", label: "knex.raw" },
  ],
  samples: {
    invalid: [
      {
        name: "whereRaw with concatenation",
        class: "sql-injection",
        code: "const knex = require('knex')({ client: 'pg' });\napp.get('/u', async (req, res) => {\n  res.json(await knex('users').whereRaw(\"name = '\" + req.query.name + \"'\"));\n});",
        line: 3,
      },
    ],
    valid: [
      {
        name: "bindings",
        class: "sql-injection",
        code: "const knex = require('knex')({ client: 'pg' });\napp.get('/u', async (req, res) => {\n  res.json(await knex.raw('select * from users where name = ?', [req.query.name]));\n});",
      },
    ],
  },
};
