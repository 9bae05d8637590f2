/**
 * `custody serve`: the GitHub App / webhook server and the REST API, and
 * `custody serve token create|list|revoke`: API tokens (a new one is printed once; only its
 * SHA-256 is kept). Configuration that is a secret comes from the environment, never from argv
 * (argv is visible to every user of the machine): CUSTODY_WEBHOOK_SECRET, CUSTODY_APP_ID with
 * CUSTODY_APP_PRIVATE_KEY or CUSTODY_APP_PRIVATE_KEY_PATH, CUSTODY_GITHUB_API_URL for GitHub
 * Enterprise Server, CUSTODY_PUBLIC_URL for the check runs' details links. Like a Probot app,
 * the server reads a `.env` file in the working directory first (`--env-file`); variables
 * already set in the environment win. Logs are JSON lines on stdout, one per delivery and per
 * evaluation.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { openStateDatabase } from "../cases/case-store.js";
import { resolveLedgerConfig } from "../ledger/ledger-location.js";
import { CustodyError } from "../model/errors.js";
import { startServer } from "../server/start-server.js";
import { DEFAULT_STATE_PATH } from "../server/state-location.js";
import { parseExpiry, parseRole, parseScope, ROLES, TokenStore } from "../server/token-store.js";
import type { GitHubAppConfig } from "../sources/github/github-app-client.js";
import type { CliIO } from "./cli-io.js";
import type { CommandModule } from "./command.js";
import { EXIT_PASS } from "./exit-codes.js";
import { addLedgerOptions, signingKeyFromOptions, type LedgerCliOptions } from "./ledger-cli-options.js";
import { hasSigningKey, SIGNING_KEY_ENV, SIGNING_KEY_FILE_ENV } from "../ledger/notes/key-source.js";
import { widePermissionWarnings } from "../ledger/data-files.js";
import { defaultKeyPath } from "../ledger/notes/signing-key.js";

interface ServeOptions extends LedgerCliOptions {
  port: string;
  host: string;
  state?: string;
  checkpointEvery: string;
  envFile?: string;
  setup?: boolean;
  org?: string;
  witness?: string[];
}

/** `--setup`: serve only the manifest flow until the App is registered. */
async function runSetup(options: ServeOptions, io: CliIO, port: number): Promise<void> {
  const { serve: listen } = await import("@hono/node-server");
  const { setupApp } = await import("../server/setup-app.js");
  await new Promise<void>((done, fail) => {
    let publicUrl = io.env.CUSTODY_PUBLIC_URL ?? "";
    const apiUrl = io.env.CUSTODY_GITHUB_API_URL;
    const githubUrl =
      io.env.CUSTODY_GITHUB_URL ?? (apiUrl === undefined || apiUrl === "" ? undefined : apiUrl.replace(/\/api\/v3\/?$/, ""));
    let stopping = false;
    const server = listen(
      {
        fetch: (request: Request) =>
          setupApp({
            publicUrl,
            dir: io.cwd,
            ...(githubUrl === undefined ? {} : { githubUrl }),
            ...(apiUrl === undefined || apiUrl === "" ? {} : { apiUrl }),
            ...(options.org === undefined ? {} : { org: options.org }),
            onDone: (app) => {
              io.stdout(
                `Registered GitHub App ${String(app.id)}; wrote ${app.envPath}. Install it at ${app.htmlUrl}/installations/new, then run \`custody serve\`.\n`,
              );
              stopping = true;
              setTimeout(
                () =>
                  server.close(() => {
                    done();
                  }),
                200,
              ).unref();
            },
          }).fetch(request),
        port,
        hostname: options.host,
      },
      (info) => {
        const host = info.address.includes(":") ? `[${info.address}]` : info.address;
        const local = `http://${host}:${String(info.port)}`;
        if (publicUrl === "") {
          publicUrl = local;
        }
        io.stdout(`Custody setup: open ${local}/setup to register the GitHub App (webhooks will go to ${publicUrl}/webhooks/github).\n`);
      },
    );
    server.once("error", fail);
    process.once("SIGINT", () => {
      if (!stopping) {
        server.close(() => {
          done();
        });
      }
    });
  });
}

/**
 * The environment with a `.env` file's variables beneath it (the real environment wins, as
 * with dotenv and Probot). The default `.env` is optional; a named `--env-file` must exist.
 */
export function withEnvFile(env: CliIO["env"], cwd: string, file: string | undefined): CliIO["env"] {
  const path = resolve(cwd, file ?? ".env");
  if (file === undefined && !existsSync(path)) {
    return env;
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CustodyError("CONFIG_INVALID", `--env-file ${file ?? ".env"} cannot be read.`, {
      position: { file: file ?? ".env" },
      cause: error,
    });
  }
  const parsed = parseEnv(text) as Record<string, string>;
  const merged: CliIO["env"] = { ...parsed };
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined) {
      merged[key] = value;
    }
  }
  return merged;
}

function parseId(text: string): number {
  if (!/^\d{1,9}$/.test(text)) {
    throw new CustodyError("USAGE", `A token id is a number (see \`custody serve token list\`), not "${text}".`);
  }
  return Number(text);
}

function openTokens(cwd: string, state: string | undefined): { tokens: TokenStore; close: () => void } {
  const path = resolve(cwd, state ?? DEFAULT_STATE_PATH);
  mkdirSync(dirname(path), { recursive: true });
  const db = openStateDatabase(path);
  return { tokens: new TokenStore(db), close: () => db.close() };
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
      throw new CustodyError("CONFIG_INVALID", `CUSTODY_APP_PRIVATE_KEY_PATH names ${keyPath}, which cannot be read.`, {
        position: { file: keyPath },
        cause: error,
      });
    }
  }
  if (privateKey === undefined || privateKey === "" || !privateKey.includes("PRIVATE KEY")) {
    throw new CustodyError(
      "CONFIG_INVALID",
      "CUSTODY_APP_ID is set but no PEM private key was found: set CUSTODY_APP_PRIVATE_KEY (the PEM text) or CUSTODY_APP_PRIVATE_KEY_PATH (its file).",
    );
  }
  const baseUrl = env.CUSTODY_GITHUB_API_URL;
  return { appId, privateKey, ...(baseUrl === undefined || baseUrl === "" ? {} : { baseUrl }) };
}

export const serveCommand: CommandModule = (program: Command, context) => {
  const serve = program
    .command("serve")
    .description(
      "Run the GitHub App webhook server and the REST API: every delivery is stored in the audit ledger before it is acknowledged; agent-authored pull requests get a Custody check run.",
    )
    .option("--port <port>", "port to listen on", "3000")
    .option("--host <host>", "address to bind (0.0.0.0 to accept from other machines)", "127.0.0.1")
    .option("--state <path>", `SQLite file for case projections and API tokens (default: ${DEFAULT_STATE_PATH})`)
    .option(
      "--checkpoint-every <seconds>",
      "sign a ledger checkpoint this often when it grew (truncation is detectable only against one)",
      "60",
    )
    .option("--env-file <path>", "read variables from this file first (default: .env when it exists; the environment wins)")
    .option("--setup", "register the GitHub App through GitHub's manifest flow (app.yml), write .env, and stop")
    .option("--org <login>", "with --setup: register the App under this organisation")
    .option("--witness <url...>", "submit each new checkpoint to this C2SP tlog-witness (custody witness) and keep its cosignature");
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
  CUSTODY_PUBLIC_URL            the server's address as GitHub and browsers reach it: check runs
                                link their details page there (without it, no details link)
  CUSTODY_DATABASE_URL          PostgreSQL ledger instead of the SQLite file
  CUSTODY_SIGNING_KEY_FILE      checkpoint signing key file (as --signing-key-file), or
  CUSTODY_SIGNING_KEY           the key text itself (PRIVATE+KEY+…); PostgreSQL needs one of them
Any of these may be in a .env file in the working directory (see docs/github-app.md).

Endpoints: GET / (status); POST /webhooks/github; GET /details/… (the check run's page);
GET /api/cases, /api/cases/:owner/:repo/:number, /api/jobs, /api/events, /api/events/:seq,
/api/metrics, /api/ledger/status; POST /api/ledger/checkpoint (admin).
API calls need "Authorization: Bearer <token>" from \`custody serve token create\`.
Logs: one JSON line per delivery and per evaluation on stdout.

Examples:
  custody serve --setup                      # register the App (GitHub's manifest flow), writes .env
  CUSTODY_WEBHOOK_SECRET=… custody serve --port 3000
  CUSTODY_WEBHOOK_SECRET=… CUSTODY_DATABASE_URL=postgres://custody@db/custody custody serve --host 0.0.0.0 --signing-key-file /etc/custody/ledger.key
  custody serve token create --role auditor`,
    )
    .action(async (options: ServeOptions) => {
      const io = { ...context.io, env: withEnvFile(context.io.env, context.io.cwd, options.envFile) };
      if (options.setup === true) {
        await runSetup(options, io, parsePort(options.port));
        context.setExitCode(EXIT_PASS);
        return;
      }
      const secret = io.env.CUSTODY_WEBHOOK_SECRET;
      if (secret === undefined || secret === "") {
        throw new CustodyError(
          "USAGE",
          "Set CUSTODY_WEBHOOK_SECRET to the webhook secret configured in the GitHub App: without it no delivery can be verified.",
        );
      }
      const port = parsePort(options.port);
      const checkpointEvery = Number(options.checkpointEvery);
      if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1 || checkpointEvery > 86_400) {
        throw new CustodyError(
          "USAGE",
          `--checkpoint-every "${options.checkpointEvery}" is not a whole number of seconds between 1 and 86400.`,
        );
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
      const statePath = resolve(io.cwd, options.state ?? DEFAULT_STATE_PATH);
      const keyFile =
        signingKey.keyPath ??
        (ledgerConfig.store === "sqlite" && signingKey.signingKey === undefined ? defaultKeyPath(ledgerConfig.path) : undefined);
      for (const warning of widePermissionWarnings([
        ...(ledgerConfig.store === "sqlite" ? [ledgerConfig.path] : []),
        statePath,
        ...(keyFile === undefined ? [] : [keyFile]),
      ])) {
        io.stderr(`custody serve: warning: ${warning}\n`);
      }
      const reportedCheckpointErrors = new Set<string>();
      const githubApp = githubAppFromEnv(io.env);
      const publicUrl = io.env.CUSTODY_PUBLIC_URL;
      if (publicUrl !== undefined && publicUrl !== "" && !/^https?:\/\/[^\s/]+/.test(publicUrl)) {
        throw new CustodyError("CONFIG_INVALID", `CUSTODY_PUBLIC_URL "${publicUrl}" is not an http(s) URL.`);
      }
      const running = await startServer({
        port,
        host: options.host,
        ledger: ledgerConfig,
        signingKey,
        witnesses: options.witness ?? [],
        statePath,
        webhookSecret: secret,
        ...(githubApp === undefined ? {} : { githubApp }),
        ...(publicUrl === undefined || publicUrl === "" ? {} : { publicUrl }),
        log: (line) => {
          io.stdout(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
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
      io.stdout(
        `Custody listening on ${running.url} (webhooks: ${running.url}/webhooks/github)${githubApp === undefined ? "; no GitHub App configured, check runs are not posted" : ""}\n`,
      );
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

  const token = serve.command("token").description("Manage API tokens: create, list, revoke.");
  token
    .command("create")
    .description("Create an API token and print it once; only its SHA-256 hash is stored. It works at once, even while the server runs.")
    .requiredOption("--role <role>", `the token's role: ${ROLES.join(" < ")}`)
    .option("--label <text>", "a note to recognise the token by", "")
    .option("--expires <when>", "when the token stops working: a duration (30d, 12h, 90m) or a date (2027-01-31)")
    .option("--repo <owner/name...>", "limit the token to these repositories, or organisations as owner/* (default: all)")
    .option("--state <path>", `SQLite file for projections and tokens (default: ${DEFAULT_STATE_PATH})`)
    .addHelpText(
      "after",
      `
Roles: reader (cases, jobs, metrics) < auditor (+ raw ledger events, ledger status) < admin (+ checkpoints).
A token scoped with --repo sees only those repositories' cases, jobs and events, and is refused
by routes about the whole installation (metrics, ledger status, checkpoints).

Examples:
  custody serve token create --role auditor --label "audit team" --expires 90d
  custody serve token create --role reader --repo octo-org/widgets --repo acme/*`,
    )
    .action((options: { role: string; label: string; state?: string; expires?: string; repo?: string[] }) => {
      const role = parseRole(options.role);
      const expiresAt = options.expires === undefined ? undefined : parseExpiry(options.expires);
      const scope = options.repo === undefined ? undefined : parseScope(options.repo);
      const { tokens, close } = openTokens(context.io.cwd, options.state);
      try {
        const created = tokens.create(role, options.label, {
          ...(expiresAt === undefined ? {} : { expiresAt }),
          ...(scope === undefined ? {} : { scope }),
        });
        context.io.stdout(`${created.token}\n`);
        context.io.stderr(
          `Created ${role} token #${String(created.id)}${scope === undefined ? "" : ` for ${scope.join(", ")}`}${expiresAt === undefined ? "" : `, expiring ${expiresAt}`}. It is shown only now: store it in your secret manager.\n`,
        );
      } finally {
        close();
      }
      context.setExitCode(EXIT_PASS);
    });
  token
    .command("list")
    .description("List API tokens (never their values): id, role, label, scope, created, expiry, state.")
    .option("--format <format>", "text or json", "text")
    .option("--state <path>", `SQLite file for projections and tokens (default: ${DEFAULT_STATE_PATH})`)
    .action((options: { format: string; state?: string }) => {
      if (options.format !== "text" && options.format !== "json") {
        throw new CustodyError("USAGE", `--format must be text or json, not "${options.format}".`);
      }
      const { tokens, close } = openTokens(context.io.cwd, options.state);
      try {
        const list = tokens.list();
        if (options.format === "json") {
          context.io.stdout(`${JSON.stringify(list, null, 2)}\n`);
        } else if (list.length === 0) {
          context.io.stdout("No API tokens. Create one with `custody serve token create --role reader`.\n");
        } else {
          for (const t of list) {
            context.io.stdout(
              `#${String(t.id)}  ${t.role.padEnd(7)}  ${t.state.padEnd(7)}  ${(t.scope ?? ["all repositories"]).join(",")}  created ${t.createdAt}${t.expiresAt === null ? "" : `  expires ${t.expiresAt}`}${t.label === "" ? "" : `  "${t.label}"`}\n`,
            );
          }
        }
      } finally {
        close();
      }
      context.setExitCode(EXIT_PASS);
    });
  token
    .command("revoke <id>")
    .description("Revoke an API token by its id (from `token list`); a running server refuses it on the next request.")
    .option("--state <path>", `SQLite file for projections and tokens (default: ${DEFAULT_STATE_PATH})`)
    .action((id: string, options: { state?: string }) => {
      const tokenId = parseId(id);
      const { tokens, close } = openTokens(context.io.cwd, options.state);
      try {
        if (!tokens.revoke(tokenId)) {
          throw new CustodyError("USAGE", `There is no token #${String(tokenId)}; \`custody serve token list\` shows them.`);
        }
        context.io.stderr(`Revoked token #${String(tokenId)}.\n`);
      } finally {
        close();
      }
      context.setExitCode(EXIT_PASS);
    });
};
