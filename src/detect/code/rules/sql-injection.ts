/** SQL injection: user input concatenated into a query string instead of passed as a parameter. */
import type { TaintRule } from "../taint-rule.js";

const DB_RECEIVER = /^(?:db|database|sqlite|conn|connection|client|pool|knex|sequelize|prisma|tx|trx|pg|mysql|sql)$/i;

export const sqlInjectionRule: TaintRule = {
  meta: {
    id: "taint/sql-injection",
    category: "code",
    severity: "critical",
    description: "User input is built into a raw SQL string (read, change or drop any data).",
    tags: ["external/cwe/cwe-089"],
  },
  vulnClass: "sql-injection",
  title: "SQL injection",
  doc: "https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html",
  sinks: [
    // pg (Client/Pool.query), mysql2 (query/execute), sequelize.query: the SQL text is the first
    // argument, or the `text`/`sql` property of a query object. Values in a params array are safe.
    {
      kind: "call",
      callees: [
        "pg.Pool().query",
        "pg.Client().query",
        "mysql2.createConnection().query",
        "mysql2.createConnection().execute",
        "mysql2.createPool().query",
        "mysql2.createPool().execute",
      ],
      methods: ["query", "execute"],
      receiver: DB_RECEIVER,
      args: [0],
      objectProps: ["text", "sql"],
      label: "query()",
    },
    {
      kind: "call",
      callees: ["better-sqlite3().prepare", "better-sqlite3().exec"],
      methods: ["prepare", "exec"],
      receiver: DB_RECEIVER,
      args: [0],
      label: "better-sqlite3",
    },
    { kind: "call", callees: ["knex.raw", "knex().raw"], methods: ["raw"], receiver: DB_RECEIVER, args: [0], label: "knex.raw()" },
    { kind: "call", methods: ["$queryRawUnsafe", "$executeRawUnsafe"], args: [0], label: "prisma raw query" },
  ],
  samples: {
    invalid: [
      {
        name: "pg query with concatenation",
        code: "app.get('/u', async (req, res) => {\n  const r = await pool.query('SELECT * FROM users WHERE id = ' + req.params.id);\n  res.json(r.rows);\n});",
        line: 2,
      },
      {
        name: "prisma unsafe raw",
        code: "export async function POST(request) {\n  const { name } = await request.json();\n  return prisma.$queryRawUnsafe(`SELECT * FROM t WHERE name = '${name}'`);\n}",
        line: 3,
      },
    ],
    valid: [
      {
        name: "placeholder with params array",
        code: "app.get('/u', async (req, res) => {\n  await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);\n});",
      },
      {
        name: "numeric conversion",
        code: "app.get('/u', async (req, res) => {\n  const id = Number(req.params.id);\n  await pool.query(`SELECT * FROM users WHERE id = ${id}`);\n});",
      },
    ],
  },
};
