/**
 * Database and broker connection strings that embed a password: PostgreSQL, MySQL, MongoDB
 * (incl. +srv), Redis, AMQP, JDBC and SQL Server. The secret is the password only. Defaults
 * that ship with local setups (`postgres:postgres`, `root:root`, `guest:guest`) and variable
 * references are not reported: they are not someone's credential.
 */
import { ALNUM, sampleSecret as s } from "../sample-secret.js";
import { isPlaceholder } from "../allowlist.js";
import { defineRule } from "./define-rule.js";

const DEFAULT_PASSWORDS = new Set([
  "password",
  "pass",
  "passwd",
  "secret",
  "postgres",
  "mysql",
  "root",
  "admin",
  "guest",
  "test",
  "changeme",
  "example",
  "user",
  "mongo",
  "redis",
  "rabbitmq",
  "docker",
  "dev",
  "local",
  "pwd",
]);

function isRealPassword(password: string): boolean {
  return password.length >= 4 && !DEFAULT_PASSWORDS.has(password.toLowerCase()) && !isPlaceholder(password) && !password.startsWith("$");
}

const pw = (seed: string): string => `${s(ALNUM, 10, seed)}!${s(ALNUM, 6, `${seed}b`)}`;

export const DATABASE_URL_RULES = [
  defineRule({
    id: "postgres-connection-string",
    description: "PostgreSQL connection URL with a password: logs into the database.",
    severity: "critical",
    keywords: ["postgres", "pgsql://"],
    regex: /\b(?:postgres(?:ql)?|pgsql)(?:\+\w+)?:\/\/[^:@\s/"'\x60]{1,128}:([^@\s/"'\x60]{1,128})@[\w.-]+/i,
    validate: isRealPassword,
    truePositives: [
      `DATABASE_URL=postgres://app:${pw("pg-1")}@db.internal:5432/app`,
      `engine = create_engine("postgresql+psycopg2://svc:${pw("pg-2")}@10.0.0.5/prod")`,
    ],
    falsePositives: [
      "postgres://postgres:postgres@localhost:5432/test",
      "postgres://app:${DB_PASSWORD}@db/app",
      "postgres://localhost/app",
    ],
  }),
  defineRule({
    id: "mysql-connection-string",
    description: "MySQL / MariaDB connection URL with a password.",
    severity: "critical",
    keywords: ["mysql", "mariadb://"],
    regex: /\b(?:mysql(?:x)?|mariadb)(?:\+\w+)?:\/\/[^:@\s/"'\x60]{1,128}:([^@\s/"'\x60]{1,128})@[\w.-]+/i,
    validate: isRealPassword,
    truePositives: [`DATABASE_URL="mysql://app:${pw("my-1")}@mysql.internal:3306/shop"`],
    falsePositives: ["mysql://root:root@127.0.0.1/db", "mysql://app:<password>@host/db"],
  }),
  defineRule({
    id: "mongodb-connection-string",
    description: "MongoDB connection URL (mongodb:// or mongodb+srv://) with a password.",
    severity: "critical",
    keywords: ["mongodb"],
    regex: /\bmongodb(?:\+srv)?:\/\/[^:@\s/"'\x60]{1,128}:([^@\s/"'\x60]{1,128})@[\w.,:-]+/i,
    validate: isRealPassword,
    truePositives: [`MONGO_URI=mongodb+srv://svc:${pw("mongo-1")}@cluster0.ab1cd.mongodb.net/app?retryWrites=true`],
    falsePositives: ["mongodb://localhost:27017/app", "mongodb://user:pass@localhost/app"],
  }),
  defineRule({
    id: "redis-connection-string",
    description: "Redis connection URL (redis:// or rediss://) with a password.",
    keywords: ["redis"],
    regex: /\brediss?:\/\/[^:@\s/"'\x60]{0,128}:([^@\s/"'\x60]{1,128})@[\w.-]+/i,
    validate: isRealPassword,
    truePositives: [`REDIS_URL=rediss://default:${pw("redis-1")}@cache.internal:6380/0`],
    falsePositives: ["redis://localhost:6379", "redis://:redis@localhost:6379"],
  }),
  defineRule({
    id: "amqp-connection-string",
    description: "AMQP (RabbitMQ) connection URL with a password.",
    keywords: ["amqp"],
    regex: /\bamqps?:\/\/[^:@\s/"'\x60]{1,128}:([^@\s/"'\x60]{1,128})@[\w.-]+/i,
    validate: isRealPassword,
    truePositives: [`BROKER_URL=amqps://worker:${pw("amqp-1")}@mq.internal:5671/vhost`],
    falsePositives: ["amqp://guest:guest@localhost:5672/"],
  }),
  defineRule({
    id: "jdbc-connection-password",
    description: "JDBC URL carrying a password parameter.",
    keywords: ["jdbc:"],
    regex: /\bjdbc:[a-z0-9]+:[^\s"'\x60]{0,300}?[?;&]password=([^&;\s"'\x60]{1,128})/i,
    validate: isRealPassword,
    truePositives: [`spring.datasource.url=jdbc:sqlserver://db:1433;databaseName=app;user=svc;password=${pw("jdbc-1")}`],
    falsePositives: ["jdbc:postgresql://db/app?user=svc&password=${DB_PASSWORD}"],
  }),
  defineRule({
    id: "sqlserver-connection-string",
    description: "SQL Server / ADO.NET connection string with Password= or Pwd=.",
    severity: "critical",
    keywords: ["data source=", "server="],
    regex: /(?:Server|Data Source)\s*=[^;"'\n]{1,200};[^"'\n]{0,300}?(?:Password|Pwd)\s*=\s*([^;"'\s]{1,128})/i,
    validate: isRealPassword,
    truePositives: [`"Default": "Server=tcp:sql.internal,1433;Database=app;User ID=svc;Password=${pw("mssql-1")};Encrypt=True"`],
    falsePositives: ['"Default": "Server=.;Database=app;Trusted_Connection=True"', "Server=db;User Id=sa;Password=$(SA_PASSWORD);"],
  }),
] as const;
