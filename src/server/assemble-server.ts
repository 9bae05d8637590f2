/**
 * Puts the server's parts together over one ledger and one state database: the case projector
 * (caught up from the ledger before the first request, so the evaluation queue it feeds is
 * complete), the evaluation queue, the token store and the Hono app. `close()` stops the queue;
 * the ledger and the state database belong to the caller.
 */
import type Database from "better-sqlite3";
import type { Hono } from "hono";
import type { ActorClassifier } from "../cases/actor-classifier.js";
import { CaseProjector } from "../cases/case-projector.js";
import { CaseStore } from "../cases/case-store.js";
import type { Ledger } from "../model/ledger-event.js";
import { EvaluationQueue, type EvaluationQueueOptions, type RunJob } from "./evaluation-queue.js";
import { createApp } from "./create-app.js";
import { detailsKeyFrom } from "./details-link.js";
import type { AuthEnv } from "./require-role.js";
import { TokenStore } from "./token-store.js";

export interface AssembleOptions {
  ledger: Ledger;
  state: Database.Database;
  webhookSecret: string;
  classifier: ActorClassifier;
  /** Runs one pull request evaluation (the GitHub App path). Absent: evaluations stay pending. */
  runJob?: RunJob;
  concurrency?: number;
  onJobError?: (error: unknown) => void;
  /** Retry tuning and the per-job log line (see EvaluationQueue). */
  queue?: Pick<EvaluationQueueOptions, "maxAttempts" | "retry" | "log" | "ledgerRetryMs">;
  maxWebhookBytes?: number;
  /** Secret for the details pages' signed links (default: derived from the webhook secret). */
  detailsKey?: string;
  /** What GET / shows about the GitHub App. */
  status?: { githubApp: boolean; publicUrl?: string };
  /** One structured line per acknowledged delivery. */
  logDelivery?: (line: Record<string, unknown>) => void;
}

export interface AssembledServer {
  app: Hono<AuthEnv>;
  projector: CaseProjector;
  store: CaseStore;
  tokens: TokenStore;
  checks: EvaluationQueue | undefined;
  close(): Promise<void>;
}

export async function assembleServer(options: AssembleOptions): Promise<AssembledServer> {
  const store = new CaseStore(options.state);
  const tokens = new TokenStore(options.state);
  let checks: EvaluationQueue | undefined;
  const projector = new CaseProjector(store, options.ledger, options.classifier, {
    onApplied: () => {
      checks?.poke();
    },
  });
  if (options.runJob !== undefined) {
    checks = new EvaluationQueue({
      ledger: options.ledger,
      projector,
      runJob: options.runJob,
      ...options.queue,
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
    detailsKey: options.detailsKey ?? detailsKeyFrom(options.webhookSecret),
    status: options.status ?? { githubApp: options.runJob !== undefined },
    ...(options.logDelivery === undefined ? {} : { logDelivery: options.logDelivery }),
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
