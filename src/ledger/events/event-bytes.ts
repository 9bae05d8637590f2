/**
 * The bytes of an event's Merkle leaf: a JSON object with sorted keys of the fields that make
 * the event — seq, kind, source, deliveryId, headers, repository, occurredAt, receivedAt,
 * payload. The seq is inside the leaf so that moving an event to another position changes its
 * hash (reordering is detected per event, not only by the root). Absent optional fields are
 * omitted, not null (so events without headers hash as they always did).
 *
 * `payload` is spliced in as the exact text the store keeps: for a webhook delivery the body
 * as received and signed (never re-serialised: 2^64, duplicate keys and whitespace are kept as
 * GitHub sent them), for events the ledger itself writes their canonical JSON. `headers` is the
 * canonical JSON of the delivery's recorded headers (a flat object of strings). An offline
 * verifier rebuilds the leaf from those two texts, so a bundle carries them as text.
 */
import type { LedgerEvent, LedgerEventInput } from "../../model/ledger-event.js";
import { canonicalJson } from "./canonical-json.js";
import { hashLeafText } from "../merkle/merkle-hash.js";

export type LeafFields = Pick<LedgerEvent, "seq" | "kind" | "source" | "deliveryId" | "repository" | "occurredAt" | "receivedAt"> & {
  /** Canonical JSON of the recorded headers (see `headersJson`), absent when none were recorded. */
  headersJson?: string;
};

/**
 * Leaf text with the payload given as its stored text. Keys are written in the sorted order of
 * RFC 8785: deliveryId < headers < kind < occurredAt < payload < receivedAt < repository < seq < source.
 */
export function leafText(fields: LeafFields, payloadJson: string): string {
  return leafTextParts(
    fields.seq,
    fields.kind,
    fields.source,
    fields.deliveryId ?? null,
    fields.repository ?? null,
    fields.occurredAt ?? null,
    fields.receivedAt,
    payloadJson,
    fields.headersJson ?? null,
  );
}

/** The recorded headers as the leaf and the store carry them: sorted keys, values as strings. */
export function headersJson(headers: Readonly<Record<string, string>>): string {
  return canonicalJson(headers);
}

/**
 * The same text from the columns as a store keeps them (null = absent), so `verify` can build it
 * straight from a raw row without an object per event.
 */
export function leafTextParts(
  seq: number,
  kind: string,
  source: string,
  deliveryId: string | null,
  repository: string | null,
  occurredAt: string | null,
  receivedAt: string,
  payloadJson: string,
  headers: string | null = null,
): string {
  return (
    (deliveryId === null ? "{" : `{"deliveryId":${JSON.stringify(deliveryId)},`) +
    (headers === null ? "" : `"headers":${headers},`) +
    `"kind":${JSON.stringify(kind)},` +
    (occurredAt === null ? "" : `"occurredAt":${JSON.stringify(occurredAt)},`) +
    `"payload":${payloadJson},"receivedAt":${JSON.stringify(receivedAt)},` +
    (repository === null ? "" : `"repository":${JSON.stringify(repository)},`) +
    `"seq":${String(seq)},"source":${JSON.stringify(source)}}`
  );
}

/** The RFC 6962 leaf hash of an event whose payload is given as its stored text. */
export function leafHashOf(fields: LeafFields, payloadJson: string): Buffer {
  return hashLeafText(leafText(fields, payloadJson));
}

/**
 * The leaf hash of a whole event as an offline verifier sees it: from the exact body text when
 * the event carries one (a webhook delivery), else from the canonical JSON of its payload (events
 * the ledger wrote itself); recorded headers from their canonical JSON.
 */
export function leafHashOfEvent(event: Omit<LeafFields, "headersJson"> & Pick<LedgerEventInput, "payload" | "body" | "headers">): Buffer {
  const fields: LeafFields = event.headers === undefined ? event : { ...event, headersJson: headersJson(event.headers) };
  return leafHashOf(fields, event.body ?? canonicalJson(event.payload));
}
