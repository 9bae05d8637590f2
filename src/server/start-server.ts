/**
 * Runs the Custody server on a port: opens the ledger (SQLite file or PostgreSQL) and the state
 * database (projections and API tokens), wires the GitHub App when configured, and listens with
 * @hono/node-server, signing a ledger checkpoint every minute the ledger grew. `stop()` stops
 * accepting, lets the check queue finish, signs a last checkpoint, and closes both stores — the
 * order matters: nothing may append after the ledger closed.
 */
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { openStateDatabase } from "../cases/case-store.js";
import { registryClassifier } from "../cases/registry-classifier.js";
import { scheduleCheckpoints } from "../ledger/checkpoint-schedule.js";
import { openLedger, type LedgerConfig } from "../ledger/open-ledger.js";
import { ensurePrivateFile } from "../ledger/data-files.js";
import type { SigningKeySource } from "../ledger/notes/key-source.js";
import { submitToWitnesses } from "../ledger/witness/witness-checkpoints.js";
import { addTlogRoutes } from "./tlog-routes.js";
import { githubAppClients, type GitHubAppConfig } from "../sources/github/github-app-client.js";
import { assembleServer, type AssembledServer } from "./assemble-server.js";
import { defaultEngine } from "./default-engine.js";
import { detailsKeyFrom, detailsPath } from "./details-link.js";
import type { JobLogLine } from "./evaluation-queue.js";
import { pullRequestCheck } from "./pull-request-check.js";

export interface StartOptions {
  port: number;
  host: string;
  ledger: LedgerConfig;
  /** The checkpoint signing key (required for PostgreSQL; SQLite default: beside the file). */
  signingKey?: SigningKeySource;
  /** C2SP tlog-witness URLs each new checkpoint is submitted to; cosignatures are kept in the ledger. */
  witnesses?: readonly string[];
  /** SQLite file for projections and tokens. */
  statePath: string;
  webhookSecret: string;
  githubApp?: GitHubAppConfig;
  /** The server's address as GitHub and browsers reach it (check runs link their details page there). */
  publicUrl?: string;
  onJobError?: (error: unknown) => void;
  /** Structured log: one object per delivery and per evaluation. */
  log?: (line: Record<string, unknown> | JobLogLine) => void;
  /** Sign a checkpoint this often when the ledger grew (default 60 s); and once more on stop. */
  checkpointEveryMs?: number;
  onCheckpointError?: (error: unknown) => void;
}

export interface RunningServer {
  url: string;
  server: AssembledServer;
  stop(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  // The writer thread keeps the event loop reading requests while a batch commits (SQLite).
  const ledger = await openLedger(options.ledger, { writerThread: true, ...options.signingKey });
  // Projections hold webhook content too: 0600 in a 0700 directory, as the ledger.
  ensurePrivateFile(options.statePath);
  const state = openStateDatabase(options.statePath);
  let assembled: AssembledServer;
  const detailsKey = detailsKeyFrom(options.webhookSecret);
  const publicUrl = options.publicUrl?.replace(/\/+$/, "");
  const log = options.log;
  try {
    assembled = await assembleServer({
      ledger,
      state,
      webhookSecret: options.webhookSecret,
      detailsKey,
      classifier: registryClassifier(),
      ...(options.githubApp === undefined
        ? {}
        : {
            runJob: pullRequestCheck({
              clients: githubAppClients(options.githubApp),
              engine: defaultEngine,
              ...(publicUrl === undefined
                ? {}
                : { detailsUrl: (ref: { repo: string; number: number; headSha: string }) => publicUrl + detailsPath(detailsKey, ref) }),
            }),
          }),
      status: { githubApp: options.githubApp !== undefined, ...(publicUrl === undefined ? {} : { publicUrl }) },
      ...(log === undefined ? {} : { logDelivery: log, queue: { log } }),
      ...(options.onJobError === undefined ? {} : { onJobError: options.onJobError }),
    });
  } catch (error) {
    state.close();
    await ledger.close();
    throw error;
  }
  // The C2SP tlog-tiles read API, for any C2SP client to audit the log.
  addTlogRoutes(assembled.app, { ledger, witnesses: options.witnesses ?? [] });
  let http: ServerType | undefined;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    http = serve({ fetch: assembled.app.fetch, port: options.port, hostname: options.host }, (info) => {
      resolve(info);
    });
    http.once("error", reject);
  });
  const onCheckpointError = options.onCheckpointError ?? (() => undefined);
  const witnesses = options.witnesses ?? [];
  const checkpoints = scheduleCheckpoints(ledger, {
    everyMs: options.checkpointEveryMs ?? 60_000,
    onError: onCheckpointError,
    ...(witnesses.length === 0
      ? {}
      : {
          afterSign: async () => {
            for (const outcome of await submitToWitnesses(ledger, witnesses)) {
              if (!outcome.ok) {
                onCheckpointError(
                  new Error(
                    `the witness ${outcome.witness} did not cosign the checkpoint of size ${String(outcome.treeSize)}: ${outcome.message ?? ""}`,
                  ),
                );
              }
            }
          },
        }),
  });
  const host = address.address.includes(":") ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${String(address.port)}`,
    server: assembled,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (http === undefined) {
          resolve();
          return;
        }
        http.close(() => {
          resolve();
        });
        // Keep-alive connections would hold close() open; a stopping server answers nothing more.
        (http as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await assembled.close();
      await checkpoints.stop();
      await ledger.close();
      state.close();
    },
  };
}
