/**
 * Recorded webhook deliveries (JSON Lines, one `{ "event": "...", "delivery": "...",
 * "payload": {...} }` a line) into the ledger and the case projection, exactly as the webhook
 * route would have stored them: the same event kinds (receive-webhook's `deliveryToLedgerInput`),
 * the same dedup by delivery id (a second replay stores nothing). `parseDeliveries` validates
 * every line before anything is stored, so a bad file changes nothing and the error names its line.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { CaseProjector } from "../cases/case-projector.js";
import { CaseStore, openStateDatabase } from "../cases/case-store.js";
import { registryClassifier } from "../cases/registry-classifier.js";
import type { CustodyLedger } from "../ledger/open-ledger.js";
import { CustodyError } from "../model/errors.js";
import type { LedgerEventInput } from "../model/ledger-event.js";
import { GITHUB_DELIVERY_ID, GITHUB_EVENT_NAME } from "../sources/github/webhook-headers.js";
import { deliveryToLedgerInput } from "./receive-webhook.js";

const lineSchema = z.object({
  event: z.string().regex(GITHUB_EVENT_NAME, "must be a GitHub event name such as pull_request"),
  delivery: z.string().regex(GITHUB_DELIVERY_ID, "must be a delivery id (letters, digits, dashes)"),
  payload: z.record(z.string(), z.unknown()),
});

/** Parses a JSON Lines file of recorded deliveries; blank lines are skipped. */
export function parseDeliveries(text: string, file: string): LedgerEventInput[] {
  const inputs: LedgerEventInput[] = [];
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CustodyError(
        "PAYLOAD_INVALID",
        `Line ${String(index + 1)} of ${file} is not valid JSON; each line must be one delivery object.`,
        { position: { file, line: index + 1 } },
      );
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = issue?.path.join(".") ?? "";
      throw new CustodyError(
        "PAYLOAD_INVALID",
        `Line ${String(index + 1)} of ${file}: \`${key}\` ${issue?.message ?? "is invalid"}; expected { "event": "...", "delivery": "...", "payload": {...} }.`,
        {
          position: { file, line: index + 1, key },
        },
      );
    }
    inputs.push(deliveryToLedgerInput({ event: parsed.data.event, deliveryId: parsed.data.delivery, payload: parsed.data.payload }));
  }
  return inputs;
}

export interface IngestResult {
  /** Deliveries not in the ledger before. */
  fresh: number;
  /** Deliveries whose id the ledger already held. */
  duplicates: number;
  ledgerSize: number;
  /** The last ledger seq the case files are projected through. */
  projectedThrough: number;
}

/** Appends the deliveries (in batches, so a large file does not build one huge transaction) and projects the case files. */
export async function ingestDeliveries(
  inputs: readonly LedgerEventInput[],
  options: { ledger: CustodyLedger; statePath: string },
): Promise<IngestResult> {
  const { ledger } = options;
  mkdirSync(dirname(options.statePath), { recursive: true });
  const state = openStateDatabase(options.statePath);
  try {
    let fresh = 0;
    for (let i = 0; i < inputs.length; i += 500) {
      const results = await ledger.append(inputs.slice(i, i + 500));
      fresh += results.filter((r) => !r.duplicate).length;
    }
    const projector = new CaseProjector(new CaseStore(state), ledger, registryClassifier());
    try {
      await projector.catchUp();
      return { fresh, duplicates: inputs.length - fresh, ledgerSize: await ledger.size(), projectedThrough: projector.store.cursor() };
    } finally {
      projector.close();
    }
  } finally {
    state.close();
  }
}
