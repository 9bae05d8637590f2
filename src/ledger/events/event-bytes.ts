/**
 * The bytes of an event's Merkle leaf: the canonical JSON (sorted keys) of the fields that make
 * the event — seq, kind, source, deliveryId, repository, occurredAt, receivedAt, payload. The seq
 * is inside the leaf so that moving an event to another position changes its hash (reordering is
 * detected per event, not only by the root). Absent optional fields are omitted, not null.
 *
 * The store keeps the payload as its canonical JSON text, so `verify` rebuilds the leaf text by
 * splicing that text in (no re-parse of a million payloads); `canonicalJson(payload)` of the
 * parsed payload yields the same text, which is how an offline verifier rebuilds it.
 */
import type { LedgerEvent, LedgerEventInput } from "../../model/ledger-event.js";
import { canonicalJson } from "./canonical-json.js";
import { hashLeafText } from "../merkle/merkle-hash.js";

export type LeafFields = Pick<LedgerEvent, "seq" | "kind" | "source" | "deliveryId" | "repository" | "occurredAt" | "receivedAt">;

/**
 * Leaf text with the payload given as its canonical JSON text. Keys are written in the sorted
 * order of RFC 8785: deliveryId < kind < occurredAt < payload < receivedAt < repository < seq < source.
 */
export function leafText(fields: LeafFields, payloadJson: string): string {
  return leafTextParts(fields.seq, fields.kind, fields.source, fields.deliveryId ?? null, fields.repository ?? null, fields.occurredAt ?? null, fields.receivedAt, payloadJson);
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
): string {
  return (
    (deliveryId === null ? "{" : `{"deliveryId":${JSON.stringify(deliveryId)},`) +
    `"kind":${JSON.stringify(kind)},` +
    (occurredAt === null ? "" : `"occurredAt":${JSON.stringify(occurredAt)},`) +
    `"payload":${payloadJson},"receivedAt":${JSON.stringify(receivedAt)},` +
    (repository === null ? "" : `"repository":${JSON.stringify(repository)},`) +
    `"seq":${String(seq)},"source":${JSON.stringify(source)}}`
  );
}

/** The RFC 6962 leaf hash of an event whose payload is already canonical JSON text. */
export function leafHashOf(fields: LeafFields, payloadJson: string): Buffer {
  return hashLeafText(leafText(fields, payloadJson));
}

/** The leaf hash of a whole event as an offline verifier sees it (payload as a value). */
export function leafHashOfEvent(event: LeafFields & Pick<LedgerEventInput, "payload">): Buffer {
  return leafHashOf(event, canonicalJson(event.payload));
}
