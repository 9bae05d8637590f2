/**
 * Turning database rows into StoredEvent values, shared by both stores. Column names are the
 * same in SQLite and PostgreSQL; PostgreSQL returns BIGINT as a string, so numbers go through
 * Number() (seqs stay below 2^53 by construction).
 */
import type { LedgerSource } from "../../model/ledger-event.js";
import type { StoredEvent } from "./ledger-store.js";

export interface EventRow {
  seq: number | string;
  kind: string;
  source: string;
  delivery_id: string | null;
  repository: string | null;
  occurred_at: string | null;
  received_at: string;
  payload: string | null;
  purged_at: string | null;
  headers: string | null;
}

export function eventFromRow(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    seq: Number(row.seq),
    kind: row.kind,
    source: row.source as LedgerSource,
    receivedAt: row.received_at,
    payloadJson: row.payload,
  };
  if (row.delivery_id !== null) {
    event.deliveryId = row.delivery_id;
  }
  if (row.repository !== null) {
    event.repository = row.repository;
  }
  if (row.occurred_at !== null) {
    event.occurredAt = row.occurred_at;
  }
  if (row.headers !== null) {
    event.headersJson = row.headers;
  }
  if (row.purged_at !== null) {
    event.purgedAt = row.purged_at;
  }
  return event;
}
