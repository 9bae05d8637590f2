/**
 * Ledger events: what the audit ledger records. Every webhook delivery, check result, audit-log
 * entry and deployment becomes one event, a leaf of the ledger's Merkle tree. The payload is
 * kept as received (JSON), so nothing is lost for unknown kinds.
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
  /** The event body, JSON-serialisable. */
  payload: unknown;
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
