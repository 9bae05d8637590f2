/** sequelize: `sequelize.query(sql)` and `Sequelize.literal(sql)` take SQL text. */
import type { PackageModels } from "./taint-model.js";

export const sequelizeModels: PackageModels = {
  package: "sequelize",
  doc: "https://sequelize.org/docs/v6/core-concepts/raw-queries/ — replacements and bind parameters are the safe form.",
  models: [
    {
      kind: "sink",
      path: "Instance.Member[query].Argument[0]",
      class: "sql-injection",
      receivers: ["sequelize", "db"],
      label: "sequelize.query",
    },
    { kind: "sink", path: "Member[Sequelize].Instance.Member[query].Argument[0]", class: "sql-injection", label: "sequelize.query" },
    { kind: "sink", path: "Member[literal,Sequelize.literal].Argument[0]", class: "sql-injection", label: "Sequelize.literal" },
  ],
  samples: {
    invalid: [
      {
        name: "query with a template",
        class: "sql-injection",
        code: "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize('sqlite::memory:');\napp.get('/u', async (req, res) => {\n  res.json(await sequelize.query(`SELECT * FROM users WHERE id = ${req.params.id}`));\n});",
        line: 4,
      },
    ],
    valid: [
      {
        name: "replacements",
        class: "sql-injection",
        code: "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize('sqlite::memory:');\napp.get('/u', async (req, res) => {\n  res.json(await sequelize.query('SELECT * FROM users WHERE id = ?', { replacements: [req.params.id] }));\n});",
      },
    ],
  },
};
