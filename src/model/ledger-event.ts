/**
 * Ledger events: what the audit ledger records. Every webhook delivery, check result, audit-log
 * entry and deployment becomes one event, a leaf of the ledger's Merkle tree. A webhook
 * delivery is kept as evidence: the exact body bytes GitHub signed, with the headers that make the
 * delivery (event, delivery id, hook id, signature), never a re-serialisation; the parsed
 * `payload` beside it is for reading.
 */

export type LedgerSource = "github-webhook" | "check" | "audit-log" | "deployment" | "cli";

export interface LedgerEventInput {
  /** Event kind: the GitHub event name with action (`pull_request.opened`), or `check.result`, … */
  kind: string;
  source: LedgerSource;
  /** GitHub `X-GitHub-Delivery`: the ledger stores each delivery id at most once. */
  deliveryId?: string;
  /** `owner/name`, when the event belongs to a repository. */
  repository?: string;
  /** When it happened at the source (ISO 8601), when known. */
  occurredAt?: string;
  /**
   * The event body as a value. Without `body`, it must be JSON-serialisable and the ledger stores
   * its canonical JSON (events Custody writes itself). With `body`, it is that text parsed (the
   * caller's parse, handed back on append so nobody parses a delivery twice).
   */
  payload: unknown;
  /**
   * The body exactly as received (a webhook delivery: the bytes the signature covers, decoded as
   * UTF-8, which round-trips byte for byte). When present it is what the ledger stores and the
   * leaf hash covers.
   */
  body?: string;
  /** Recorded request headers (lower-case names → values), covered by the leaf hash. */
  headers?: Record<string, string>;
}

export interface LedgerEvent extends LedgerEventInput {
  /** 0-based position in the ledger: the Merkle leaf index. */
  seq: number;
  /** When the ledger stored it (ISO 8601). */
  receivedAt: string;
  /** RFC 6962 leaf hash (hex) of the event's canonical bytes. */
  leafHash: string;
  /**
   * Set when retention purged the payload (ISO 8601): `payload` is then null, and the leaf hash
   * is kept so the tree stays whole and verifiable. Optional, added by the ledger.
   */
  purgedAt?: string;
  /**
   * Set when the stored body could not be parsed for reading (the event is stored and verifiable
   * all the same; `payload` is then null): why, in one line.
   */
  payloadError?: string;
}

/** The result of appending one input: the stored event, and whether it was already there. */
export interface AppendResult {
  event: LedgerEvent;
  /** True when an event with the same deliveryId was already stored; nothing new was written. */
  duplicate: boolean;
}

/** A signed checkpoint (C2SP tlog-checkpoint): tree size and root, signed as a note. */
export interface SignedCheckpoint {
  origin: string;
  treeSize: number;
  /** Root hash, base64 (as the note body carries it). */
  rootHash: string;
  /** The full signed note text. */
  note: string;
}

/**
 * The ledger as the rest of Custody sees it. Implemented by src/ledger/ over a store
 * (SQLite embedded, PostgreSQL at scale). `append` resolves only once the events are durable:
 * the server acknowledges a delivery after, never before.
 */
export interface Ledger {
  append(events: LedgerEventInput[]): Promise<AppendResult[]>;
  get(seq: number): Promise<LedgerEvent | undefined>;
  findByDeliveryId(deliveryId: string): Promise<LedgerEvent | undefined>;
  /** Events in seq order, streamed. */
  scan(options?: { fromSeq?: number; toSeq?: number; kind?: string; repository?: string }): AsyncIterable<LedgerEvent>;
  size(): Promise<number>;
  /** Signs and stores a checkpoint of the current tree. */
  checkpoint(): Promise<SignedCheckpoint>;
  close(): Promise<void>;
}
