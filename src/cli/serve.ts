/**
 * `custody serve`: the GitHub App / webhook server and the REST API, and
 * `custody serve token create --role ROLE`: a new API token, printed once (only its SHA-256 is
 * kept). Configuration that is a secret comes from the environment, never from argv (argv is
 * visible to every user of the machine): CUSTODY_WEBHOOK_SECRET, CUSTODY_APP_ID with
 * CUSTODY_APP_PRIVATE_KEY or CUSTODY_APP_PRIVATE_KEY_PATH, and CUSTODY_GITHUB_API_URL for GitHub
 * Enterprise Server.
 */
import { readFileSync } from "node:fs";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { openStateDatabase } from "../cases/case-store.js";
import { resolveLedgerConfig } from "../ledger/ledger-location.js";
import { CustodyError } from "../model/errors.js";
import { startServer } from "../server/start-server.js";
import { DEFAULT_STATE_PATH } from "../server/state-location.js";
import { parseRole, ROLES, TokenStore } from "../server/token-store.js";
import type { GitHubAppConfig } from "../sources/github/github-app-client.js";
import type { CliIO } from "./cli-io.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import { addLedgerOptions, signingKeyFromOptions, type LedgerCliOptions } from "./ledger-cli-options.js";
import { hasSigningKey, SIGNING_KEY_ENV, SIGNING_KEY_FILE_ENV } from "../ledger/notes/key-source.js";

interface ServeOptions extends LedgerCliOptions {
  port: string;
  host: string;
  state?: string;
  checkpointEvery: string;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) {
    throw new CustodyError("USAGE", `--port must be a number from 0 to 65535, not "${text}".`);
  }
  return port;
}

function githubAppFromEnv(env: CliIO["env"]): GitHubAppConfig | undefined {
  const appId = env.CUSTODY_APP_ID;
  if (appId === undefined || appId === "") {
    return undefined;
  }
  const keyPath = env.CUSTODY_APP_PRIVATE_KEY_PATH;
  let privateKey = env.CUSTODY_APP_PRIVATE_KEY;
  if ((privateKey === undefined || privateKey === "") && keyPath !== undefined && keyPath !== "") {
    try {
      privateKey = readFileSync(keyPath, "utf8");
    } catch (error) {
      throw new CustodyError("CONFIG_INVALID", `CUSTODY_APP_PRIVATE_KEY_PATH names ${keyPath}, which cannot be read.`, { position: { file: keyPath }, cause: error });
    }
  }
  if (privateKey === undefined || privateKey === "" || !privateKey.includes("PRIVATE KEY")) {
    throw new CustodyError("CONFIG_INVALID", "CUSTODY_APP_ID is set but no PEM private key was found: set CUSTODY_APP_PRIVATE_KEY (the PEM text) or CUSTODY_APP_PRIVATE_KEY_PATH (its file).");
  }
  const baseUrl = env.CUSTODY_GITHUB_API_URL;
  return { appId, privateKey, ...(baseUrl === undefined || baseUrl === "" ? {} : { baseUrl }) };
}

export const serveCommand: CommandModule = (program: Command, context) => {
  const serve = program
    .command("serve")
    .description("Run the GitHub App webhook server and the REST API: every delivery is stored in the audit ledger before it is acknowledged; agent-authored pull requests get a Custody check run.")
    .option("--port <port>", "port to listen on", "3000")
    .option("--host <host>", "address to bind (0.0.0.0 to accept from other machines)", "127.0.0.1")
    .option("--state <path>", `SQLite file for case projections and API tokens (default: ${DEFAULT_STATE_PATH})`)
    .option("--checkpoint-every <seconds>", "sign a ledger checkpoint this often when it grew (truncation is detectable only against one)", "60");
  addLedgerOptions(serve)
    .addHelpText(
      "after",
      `
Environment:
  CUSTODY_WEBHOOK_SECRET        the GitHub App's webhook secret (required)
  CUSTODY_APP_ID                the GitHub App's id; with a private key, check runs are posted
  CUSTODY_APP_PRIVATE_KEY       the App's private key (PEM text), or
  CUSTODY_APP_PRIVATE_KEY_PATH  a file holding it
  CUSTODY_GITHUB_API_URL        API root for GitHub Enterprise Server (default https://api.github.com)
  CUSTODY_DATABASE_URL          PostgreSQL ledger instead of the SQLite file
  CUSTODY_SIGNING_KEY_FILE      checkpoint signing key file (as --signing-key-file), or
  CUSTODY_SIGNING_KEY           the key text itself (PRIVATE+KEY+…); PostgreSQL needs one of them

Endpoints: POST /webhooks/github; GET /api/cases, /api/cases/:owner/:repo/:number, /api/events,
/api/events/:seq, /api/metrics, /api/ledger/status; POST /api/ledger/checkpoint (admin).
API calls need "Authorization: Bearer <token>" from \`custody serve token create\`.

Examples:
  CUSTODY_WEBHOOK_SECRET=… custody serve --port 3000
  CUSTODY_WEBHOOK_SECRET=… CUSTODY_DATABASE_URL=postgres://custody@db/custody custody serve --host 0.0.0.0 --signing-key-file /etc/custody/ledger.key
  custody serve token create --role auditor`,
    )
    .action(async (options: ServeOptions) => {
      const { io } = context;
      const secret = io.env.CUSTODY_WEBHOOK_SECRET;
      if (secret === undefined || secret === "") {
        throw new CustodyError("USAGE", "Set CUSTODY_WEBHOOK_SECRET to the webhook secret configured in the GitHub App: without it no delivery can be verified.");
      }
      const port = parsePort(options.port);
      const checkpointEvery = Number(options.checkpointEvery);
      if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1 || checkpointEvery > 86_400) {
        throw new CustodyError("USAGE", `--checkpoint-every "${options.checkpointEvery}" is not a whole number of seconds between 1 and 86400.`);
      }
      const ledgerConfig = resolveLedgerConfig(options, io, false);
      const signingKey = signingKeyFromOptions(options, io);
      if (ledgerConfig.store === "postgres" && !hasSigningKey(signingKey)) {
        // Every instance in front of one PostgreSQL ledger must sign with the same key, and the
        // key must live apart from the database: there is no safe default to create.
        throw new CustodyError(
          "USAGE",
          `A PostgreSQL ledger needs a checkpoint signing key shared by every instance: pass --signing-key-file PATH (created 0600 if absent), or set ${SIGNING_KEY_FILE_ENV} or ${SIGNING_KEY_ENV}. Without checkpoints, truncation of the ledger cannot be detected.`,
        );
      }
      const reportedCheckpointErrors = new Set<string>();
      const githubApp = githubAppFromEnv(io.env);
      const running = await startServer({
        port,
        host: options.host,
        ledger: ledgerConfig,
        signingKey,
        statePath: resolve(io.cwd, options.state ?? DEFAULT_STATE_PATH),
        webhookSecret: secret,
        ...(githubApp === undefined ? {} : { githubApp }),
        onJobError: (error) => {
          io.stderr(`custody serve: check job failed: ${error instanceof Error ? error.message : String(error)}\n`);
        },
        checkpointEveryMs: checkpointEvery * 1000,
        onCheckpointError: (error) => {
          // Once per distinct problem: a ledger without a signing key would repeat it every interval.
          const message = error instanceof Error ? error.message : String(error);
          if (!reportedCheckpointErrors.has(message)) {
            reportedCheckpointErrors.add(message);
            io.stderr(`custody serve: could not sign a ledger checkpoint: ${message}\n`);
          }
        },
      });
      io.stdout(`Custody listening on ${running.url} (webhooks: ${running.url}/webhooks/github)${githubApp === undefined ? "; no GitHub App configured, check runs are not posted" : ""}\n`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void running.stop().finally(done);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      context.setExitCode(EXIT_PASS);
    });

  const token = serve.command("token").description("Manage API tokens.");
  token
    .command("create")
    .description("Create an API token and print it once; only its SHA-256 hash is stored.")
    .requiredOption("--role <role>", `the token's role: ${ROLES.join(" < ")}`)
    .option("--label <text>", "a note to recognise the token by", "")
    .option("--state <path>", `SQLite file for projections and tokens (default: ${DEFAULT_STATE_PATH})`)
    .addHelpText(
      "after",
      `
Roles: reader (cases, metrics) < auditor (+ raw ledger events, ledger status) < admin (+ checkpoints).

Example:
  custody serve token create --role auditor --label "audit team"`,
    )
    .action((options: { role: string; label: string; state?: string }) => {
      const role = parseRole(options.role);
      const path = resolve(context.io.cwd, options.state ?? DEFAULT_STATE_PATH);
      mkdirSync(dirname(path), { recursive: true });
      const db = openStateDatabase(path);
      try {
        const created = new TokenStore(db).create(role, options.label);
        context.io.stdout(`${created.token}\n`);
        context.io.stderr(`Created ${role} token #${String(created.id)}. It is shown only now: store it in your secret manager.\n`);
      } finally {
        db.close();
      }
      context.setExitCode(EXIT_PASS);
    });
};
