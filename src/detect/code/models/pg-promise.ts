/** pg-promise: the database object's query methods take SQL text first (`db.any(sql, values)`). */
import type { PackageModels } from "./taint-model.js";

const METHODS = "any,one,many,none,oneOrNone,manyOrNone,query,result,multi,multiResult,each,map,func,proc,stream";

export const pgPromiseModels: PackageModels = {
  package: "pg-promise",
  doc: "https://vitaly-t.github.io/pg-promise/Database.html — pgp(connection) gives the database; values go in the second argument.",
  models: [
    {
      kind: "sink",
      path: `ReturnValue.ReturnValue.Member[${METHODS}].Argument[0]`,
      class: "sql-injection",
      receivers: ["db", "t", "tx", "task", "database"],
      label: "db.query",
    },
  ],
  samples: {
    invalid: [
      {
        name: "db.any with a template",
        class: "sql-injection",
        code: "const pgp = require('pg-promise')();\nconst db = pgp(process.env.DB);\napp.get('/u', async (req, res) => {\n  res.json(await db.any(`SELECT * FROM users WHERE name = '${req.query.name}'`));\n});",
        line: 4,
      },
    ],
    valid: [
      {
        name: "values as parameters",
        class: "sql-injection",
        code: "const pgp = require('pg-promise')();\nconst db = pgp(process.env.DB);\napp.get('/u', async (req, res) => {\n  res.json(await db.any('SELECT * FROM users WHERE name = $1', [req.query.name]));\n});",
      },
    ],
  },
};
