/**
 * Packages that serve the same purpose, per ecosystem: adding a second HTTP client or date
 * library next to one already present adds weight and attack surface for nothing. Data only;
 * the duplicate-purpose rule reads it. Names as the registry spells them.
 */
import type { Ecosystem } from "./package.js";

export interface PurposeGroup {
  purpose: string;
  ecosystem: Ecosystem;
  packages: readonly string[];
}

export const PURPOSE_GROUPS: readonly PurposeGroup[] = [
  {
    purpose: "HTTP client",
    ecosystem: "npm",
    packages: ["axios", "got", "node-fetch", "undici", "superagent", "ky", "request", "needle", "cross-fetch", "isomorphic-fetch"],
  },
  { purpose: "date library", ecosystem: "npm", packages: ["moment", "dayjs", "date-fns", "luxon", "moment-timezone"] },
  { purpose: "test runner", ecosystem: "npm", packages: ["jest", "mocha", "vitest", "ava", "jasmine", "tap", "uvu"] },
  { purpose: "logger", ecosystem: "npm", packages: ["winston", "pino", "bunyan", "log4js", "loglevel", "signale"] },
  { purpose: "utility belt", ecosystem: "npm", packages: ["lodash", "underscore", "ramda", "lodash-es"] },
  { purpose: "unique id", ecosystem: "npm", packages: ["uuid", "nanoid", "cuid", "@paralleldrive/cuid2", "shortid", "ulid"] },
  { purpose: "YAML parser", ecosystem: "npm", packages: ["yaml", "js-yaml", "yamljs"] },
  { purpose: "command-line parser", ecosystem: "npm", packages: ["commander", "yargs", "minimist", "meow", "cac", "arg"] },
  { purpose: "schema validation", ecosystem: "npm", packages: ["zod", "joi", "yup", "ajv", "superstruct", "valibot", "io-ts"] },
  { purpose: "terminal colours", ecosystem: "npm", packages: ["chalk", "kleur", "colors", "picocolors", "ansi-colors", "colorette"] },
  { purpose: "web framework", ecosystem: "npm", packages: ["express", "koa", "fastify", "hapi", "@hapi/hapi", "hono", "restify"] },
  { purpose: "glob matcher", ecosystem: "npm", packages: ["glob", "fast-glob", "globby", "tinyglobby"] },
  { purpose: "password hashing", ecosystem: "npm", packages: ["bcrypt", "bcryptjs", "argon2"] },
  { purpose: "HTTP client", ecosystem: "PyPI", packages: ["requests", "httpx", "urllib3", "aiohttp", "httplib2", "pycurl"] },
  { purpose: "date library", ecosystem: "PyPI", packages: ["arrow", "pendulum", "python-dateutil", "maya"] },
  { purpose: "test runner", ecosystem: "PyPI", packages: ["pytest", "nose", "nose2"] },
  { purpose: "YAML parser", ecosystem: "PyPI", packages: ["pyyaml", "ruamel-yaml", "strictyaml"] },
  { purpose: "JSON library", ecosystem: "PyPI", packages: ["ujson", "orjson", "simplejson", "rapidjson"] },
  { purpose: "HTTP client", ecosystem: "crates.io", packages: ["reqwest", "ureq", "surf", "isahc", "attohttpc"] },
  { purpose: "date library", ecosystem: "crates.io", packages: ["chrono", "time"] },
  {
    purpose: "HTTP router",
    ecosystem: "Go",
    packages: [
      "github.com/gorilla/mux",
      "github.com/go-chi/chi/v5",
      "github.com/gin-gonic/gin",
      "github.com/labstack/echo/v4",
      "github.com/julienschmidt/httprouter",
    ],
  },
  { purpose: "logger", ecosystem: "Go", packages: ["github.com/sirupsen/logrus", "go.uber.org/zap", "github.com/rs/zerolog"] },
  {
    purpose: "JSON library",
    ecosystem: "Maven",
    packages: ["com.fasterxml.jackson.core:jackson-databind", "com.google.code.gson:gson", "org.json:json"],
  },
  {
    purpose: "logger",
    ecosystem: "Maven",
    packages: ["log4j:log4j", "org.apache.logging.log4j:log4j-core", "ch.qos.logback:logback-classic"],
  },
];
