/**
 * What a ledger store must provide, and the pure part of an append that both stores share.
 * A store keeps four things: the events (content; the payload as its exact stored text — a
 * delivery's body as received, or the canonical JSON of an event the ledger wrote — null once
 * purged; recorded headers as canonical JSON), the Merkle nodes (level 0 = leaf hashes, and every completed perfect subtree above,
 * so proofs are O(log n) lookups), the tree state (size + compact frontier, updated in the same
 * transaction as the events it covers), and the signed checkpoints. Leaf hashes live apart from
 * the events on purpose: editing an event row cannot also silently edit the hash it is checked
 * against, and the first bad seq can be named exactly.
 */
import type { LedgerSource } from "../../model/ledger-event.js";
import type { LeafRow } from "../verify/leaf-check.js";
import { leafHashOf } from "../events/event-bytes.js";
import { MerkleFrontier } from "../merkle/merkle-frontier.js";
import type { TreeNode } from "../merkle/merkle-frontier.js";
import type { NodeId } from "../merkle/merkle-proof-plan.js";

/** An input made ready for storage: validated, payload as the text to store. */
export interface PreparedInput {
  kind: string;
  source: LedgerSource;
  deliveryId?: string;
  repository?: string;
  occurredAt?: string;
  /** Canonical JSON of the recorded headers. */
  headersJson?: string;
  payloadJson: string;
}

/** An event as a store holds it. */
export interface StoredEvent {
  seq: number;
  kind: string;
  source: LedgerSource;
  deliveryId?: string;
  repository?: string;
  occurredAt?: string;
  headersJson?: string;
  receivedAt: string;
  /** The stored payload text (exact body or canonical JSON); null once purged. */
  payloadJson: string | null;
  purgedAt?: string;
}

export interface StoredAppend {
  event: StoredEvent;
  leafHash: Buffer;
  duplicate: boolean;
}

export interface StoredCheckpoint {
  id: number;
  treeSize: number;
  rootHash: Buffer;
  note: string;
  createdAt: string;
}

export interface Hold {
  id: number;
  repository: string;
  /** A case: one pull request of the repository. Absent = the whole repository. */
  pullRequest?: number;
  reason: string;
  createdAt: string;
}

export interface ScanFilter {
  fromSeq?: number;
  toSeq?: number;
  kind?: string;
  repository?: string;
}

/** Enough for a worker thread to open a reading connection of its own (structured-clone safe). */
export type ReaderConfig = { store: "sqlite"; path: string } | { store: "postgres"; connectionString: string; schema: string };

export interface LedgerStore {
  readonly kind: "sqlite" | "postgres";
  /**
   * Whether `appendBatch` takes a new batch while an earlier one is still committing (and keeps
   * their order): the ledger then hands over a batch every turn instead of waiting.
   */
  readonly pipelinesAppends: boolean;
  /**
   * Moves appends off the calling thread, when the store's appends would otherwise block it
   * (synchronous SQLite). Absent: appends are asynchronous already.
   */
  startWriterThread?(): Promise<void>;
  /** Appends in one transaction; dedups by deliveryId against stored events and within the batch. */
  appendBatch(inputs: readonly PreparedInput[], receivedAt: string): Promise<StoredAppend[]>;
  get(seq: number): Promise<{ event: StoredEvent; leafHash: Buffer } | undefined>;
  findByDeliveryId(deliveryId: string): Promise<{ event: StoredEvent; leafHash: Buffer } | undefined>;
  /** A page of events in seq order with seq > afterSeq. */
  scanPage(filter: ScanFilter, afterSeq: number, limit: number): Promise<{ event: StoredEvent; leafHash: Buffer }[]>;
  /** Tree size and frontier, read together. */
  treeState(): Promise<{ size: number; frontier: Buffer }>;
  nodes(ids: readonly NodeId[]): Promise<Map<string, Buffer>>;
  /**
   * Tree positions in [fromSeq, toSeq), seq order, at most `limit`, each joined with its event's
   * columns (all null when the event is gone): raw tuples, because `verify` reads one per event.
   */
  leafPage(fromSeq: number, toSeq: number, limit: number): Promise<LeafRow[]>;
  /** How another thread opens its own read-only connection to this store, to verify in parallel. */
  readonly readerConfig?: ReaderConfig;
  /** Events whose seq has no leaf in the tree (inserted behind the tree's back), first few. */
  strayEvents(limit: number): Promise<number[]>;
  addCheckpoint(checkpoint: Omit<StoredCheckpoint, "id">): Promise<void>;
  checkpoints(): Promise<StoredCheckpoint[]>;
  getMeta(key: string): Promise<string | undefined>;
  setMetaIfAbsent(key: string, value: string): Promise<string>;
  /** Sets a meta value (what witnesses last cosigned: replaced as they cosign newer checkpoints). */
  setMeta(key: string, value: string): Promise<void>;
  addHold(hold: Omit<Hold, "id">): Promise<Hold>;
  removeHold(id: number): Promise<boolean>;
  holds(): Promise<Hold[]>;
  /** A page of events received before `before`, not yet purged, seq > afterSeq, seq order. */
  purgeCandidates(before: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /** Removes the payloads of these events and marks them purged, in one transaction. */
  markPurged(seqs: readonly number[], purgedAt: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The pure core of an append: given the tree state read under the store's lock and the events
 * already stored for the batch's delivery ids, assigns seqs in order, computes leaf hashes and
 * the nodes they complete. The store writes the result in the same transaction.
 */
export function planAppend(
  state: { size: number; frontier: Buffer },
  inputs: readonly PreparedInput[],
  existing: ReadonlyMap<string, { event: StoredEvent; leafHash: Buffer }>,
  receivedAt: string,
): { results: StoredAppend[]; newEvents: StoredEvent[]; nodes: TreeNode[]; size: number; frontier: Buffer } {
  const frontier = MerkleFrontier.fromBlob(state.size, state.frontier);
  if (frontier === undefined) {
    throw new Error(`the stored Merkle frontier does not fit a tree of ${state.size} leaves`);
  }
  const seen = new Map(existing);
  const results: StoredAppend[] = [];
  const newEvents: StoredEvent[] = [];
  const nodes: TreeNode[] = [];
  for (const input of inputs) {
    const prior = input.deliveryId === undefined ? undefined : seen.get(input.deliveryId);
    if (prior !== undefined) {
      results.push({ ...prior, duplicate: true });
      continue;
    }
    const event: StoredEvent = { seq: frontier.size, kind: input.kind, source: input.source, receivedAt, payloadJson: input.payloadJson };
    if (input.deliveryId !== undefined) {
      event.deliveryId = input.deliveryId;
    }
    if (input.repository !== undefined) {
      event.repository = input.repository;
    }
    if (input.occurredAt !== undefined) {
      event.occurredAt = input.occurredAt;
    }
    if (input.headersJson !== undefined) {
      event.headersJson = input.headersJson;
    }
    const leafHash = leafHashOf(event, input.payloadJson);
    nodes.push(...frontier.append(leafHash));
    newEvents.push(event);
    const stored = { event, leafHash };
    if (input.deliveryId !== undefined) {
      seen.set(input.deliveryId, stored);
    }
    results.push({ ...stored, duplicate: false });
  }
  return { results, newEvents, nodes, size: frontier.size, frontier: frontier.toBlob() };
}
