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
import type { LedgerEvent, LedgerEventInput } from "../model/ledger-event.js";
import { canonicalJson } from "./canonical-json.js";
import { hashLeafText } from "./merkle-hash.js";

export type LeafFields = Pick<LedgerEvent, "seq" | "kind" | "source" | "deliveryId" | "repository" | "occurredAt" | "receivedAt">;

/**
 * Leaf text with the payload given as its canonical JSON text. Keys are written in the sorted
 * order of RFC 8785: deliveryId < kind < occurredAt < payload < receivedAt < repository < seq < source.
 */
export function leafText(fields: LeafFields, payloadJson: string): string {
  let out = "{";
  if (fields.deliveryId !== undefined) {
    out += `"deliveryId":${JSON.stringify(fields.deliveryId)},`;
  }
  out += `"kind":${JSON.stringify(fields.kind)},`;
  if (fields.occurredAt !== undefined) {
    out += `"occurredAt":${JSON.stringify(fields.occurredAt)},`;
  }
  out += `"payload":${payloadJson},"receivedAt":${JSON.stringify(fields.receivedAt)},`;
  if (fields.repository !== undefined) {
    out += `"repository":${JSON.stringify(fields.repository)},`;
  }
  out += `"seq":${String(fields.seq)},"source":${JSON.stringify(fields.source)}}`;
  return out;
}

/** The RFC 6962 leaf hash of an event whose payload is already canonical JSON text. */
export function leafHashOf(fields: LeafFields, payloadJson: string): Buffer {
  return hashLeafText(leafText(fields, payloadJson));
}

/** The leaf hash of a whole event as an offline verifier sees it (payload as a value). */
export function leafHashOfEvent(event: LeafFields & Pick<LedgerEventInput, "payload">): Buffer {
  return leafHashOf(event, canonicalJson(event.payload));
}
