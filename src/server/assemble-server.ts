/**
 * Puts the server's parts together over one ledger and one state database: the case projector
 * (caught up from the ledger before the first request, so the check queue it feeds is
 * complete), the check queue, the token store and the Hono app. `close()` stops the queue and
 * closes the state database; the ledger belongs to the caller.
 */
import type Database from "better-sqlite3";
import type { Hono } from "hono";
import type { ActorClassifier } from "../cases/actor-classifier.js";
import { CaseProjector } from "../cases/case-projector.js";
import { CaseStore } from "../cases/case-store.js";
import type { Ledger } from "../model/ledger-event.js";
import { CheckQueue, type RunJob } from "./check-queue.js";
import { createApp } from "./create-app.js";
import type { AuthEnv } from "./require-role.js";
import { TokenStore } from "./token-store.js";

export interface AssembleOptions {
  ledger: Ledger;
  state: Database.Database;
  webhookSecret: string;
  classifier: ActorClassifier;
  /** Runs one pull request check (the GitHub App path). Absent: checks stay pending. */
  runJob?: RunJob;
  concurrency?: number;
  onJobError?: (error: unknown) => void;
  maxWebhookBytes?: number;
}

export interface AssembledServer {
  app: Hono<AuthEnv>;
  projector: CaseProjector;
  store: CaseStore;
  tokens: TokenStore;
  checks: CheckQueue | undefined;
  close(): Promise<void>;
}

export async function assembleServer(options: AssembleOptions): Promise<AssembledServer> {
  const store = new CaseStore(options.state);
  const tokens = new TokenStore(options.state);
  let checks: CheckQueue | undefined;
  const projector = new CaseProjector(store, options.ledger, options.classifier, {
    onApplied: () => {
      checks?.poke();
    },
  });
  if (options.runJob !== undefined) {
    checks = new CheckQueue({
      ledger: options.ledger,
      projector,
      runJob: options.runJob,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.onJobError === undefined ? {} : { onError: options.onJobError }),
    });
  }
  // Rebuild what the ledger holds beyond the projection's cursor (a crash, a fresh state file).
  await projector.catchUp();
  checks?.poke();
  const app = createApp({
    webhookSecret: options.webhookSecret,
    ledger: options.ledger,
    projector,
    tokens,
    ...(checks === undefined ? {} : { checks }),
    ...(options.maxWebhookBytes === undefined ? {} : { maxWebhookBytes: options.maxWebhookBytes }),
  });
  return {
    app,
    projector,
    store,
    tokens,
    checks,
    close: async () => {
      projector.close();
      await checks?.stop();
    },
  };
}
