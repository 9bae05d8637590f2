import { ruleTable } from "../__fixtures__/rule-test-table.js";

ruleTable("taint/sql-injection", {
  invalid: [
    {
      name: "pg pool.query concatenation",
      code: "app.get('/u', async (req, res) => {\n  await pool.query('SELECT * FROM users WHERE name = \\'' + req.query.name + '\\'');\n});",
      line: 2,
    },
    {
      name: "pg query object text",
      code: "app.get('/u', async (req, res) => {\n  await client.query({ text: `SELECT * FROM t WHERE id = ${req.params.id}` });\n});",
      line: 2,
    },
    {
      name: "pg Pool instance tracked by import",
      code: "import pg from 'pg';\nconst store = new pg.Pool();\napp.get('/u', async (req, res) => {\n  await store.query(`DELETE FROM t WHERE id = ${req.params.id}`);\n});",
      line: 4,
    },
    {
      name: "mysql2 execute",
      code: "import mysql from 'mysql2/promise';\nrouter.get('/u', async (ctx) => {\n  await connection.execute(`SELECT * FROM t WHERE a = '${ctx.query.a}'`);\n});",
      line: 3,
    },
    {
      name: "better-sqlite3 prepare",
      code: "import Database from 'better-sqlite3';\nconst db = new Database('app.db');\napp.get('/u', (req, res) => {\n  res.json(db.prepare(`SELECT * FROM t WHERE name = '${req.query.n}'`).all());\n});",
      line: 4,
    },
    { name: "better-sqlite3 exec", code: "app.post('/u', (req, res) => {\n  db.exec('DROP TABLE ' + req.body.table);\n});", line: 2 },
    {
      name: "knex.raw",
      code: "app.get('/u', async (req, res) => {\n  await knex.raw(`SELECT * FROM t ORDER BY ${req.query.sort}`);\n});",
      line: 2,
    },
    {
      name: "sequelize.query",
      code: "fastify.get('/u', async (request, reply) => {\n  return sequelize.query('SELECT * FROM t WHERE x = ' + request.query.x);\n});",
      line: 2,
    },
    {
      name: "prisma.$executeRawUnsafe",
      code: "app.post('/u', async (c) => {\n  const body = await c.req.json();\n  await prisma.$executeRawUnsafe(`UPDATE t SET a = '${body.a}'`);\n});",
      line: 3,
    },
    {
      name: "next route JSON body to $queryRawUnsafe",
      code: "export async function POST(request) {\n  const data = await request.json();\n  return prisma.$queryRawUnsafe('SELECT ' + data.column + ' FROM t');\n}",
      line: 3,
    },
  ],
  valid: [
    {
      name: "placeholder with params array",
      code: "app.get('/u', async (req, res) => {\n  await pool.query('SELECT * FROM t WHERE id = $1', [req.params.id]);\n});",
    },
    {
      name: "query object with values",
      code: "app.get('/u', async (req, res) => {\n  await pool.query({ text: 'SELECT * FROM t WHERE id = $1', values: [req.params.id] });\n});",
    },
    {
      name: "mysql2 placeholders",
      code: "app.get('/u', async (req, res) => {\n  await connection.execute('SELECT * FROM t WHERE a = ?', [req.query.a]);\n});",
    },
    {
      name: "parseInt",
      code: "app.get('/u', async (req, res) => {\n  const limit = parseInt(req.query.limit, 10);\n  await pool.query(`SELECT * FROM t LIMIT ${limit}`);\n});",
    },
    {
      name: "zod parse",
      code: "import { z } from 'zod';\nconst Sort = z.enum(['name', 'date']);\napp.get('/u', async (req, res) => {\n  const sort = Sort.parse(req.query.sort);\n  await pool.query(`SELECT * FROM t ORDER BY ${sort}`);\n});",
    },
    {
      name: "prisma tagged template",
      code: "app.get('/u', async (req, res) => {\n  await prisma.$queryRaw`SELECT * FROM t WHERE id = ${req.params.id}`;\n});",
    },
    {
      name: "RegExp exec is not SQL",
      code: "app.get('/u', (req, res) => {\n  const m = /^(\\d+)$/.exec(req.query.id);\n  res.json({ m });\n});",
    },
  ],
});
