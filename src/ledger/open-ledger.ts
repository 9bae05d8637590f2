/**
 * Opens the audit ledger over a store and implements the `Ledger` contract of
 * src/model/ledger-event.ts. Inputs are checked once here (zod) before they join a batch, so one
 * bad input rejects only its own caller. A delivery's body is stored as the exact text given
 * (never re-serialised); a payload without a body is an event Custody writes itself, stored as
 * its canonical JSON. Appends go through a group
 * commit: calls arriving while a transaction runs share the next one, and each call resolves only
 * after that transaction committed (nothing is acknowledged before it is durable).
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import { CustodyError } from "../model/errors.js";
import type { AppendResult, Ledger, LedgerEvent, LedgerEventInput, SignedCheckpoint } from "../model/ledger-event.js";
import { canonicalJson } from "./events/canonical-json.js";
import { headersJson } from "./events/event-bytes.js";
import { formatCheckpointBody } from "./notes/checkpoint-body.js";
import type { LedgerStore, PreparedInput, ScanFilter, StoredAppend, StoredEvent } from "./stores/ledger-store.js";
import { MerkleFrontier } from "./merkle/merkle-frontier.js";
import type { NoteSigner, NoteVerifier } from "./notes/note-keys.js";
import { parseSignerKey, parseVerifierKey } from "./notes/note-keys.js";
import { signNote } from "./notes/signed-note.js";
import { defaultKeyPath, loadOrCreateSigningKey, loadSigningKey } from "./notes/signing-key.js";
import { PostgresStore } from "./stores/postgres-store.js";
import { SqliteStore } from "./stores/sqlite-store.js";

export type LedgerConfig = { store: "sqlite"; path: string } | { store: "postgres"; connectionString: string; schema?: string };

export interface LedgerOptions {
  /** Signing key text (`PRIVATE+KEY+name+id+base64`), from configuration. */
  signingKey?: string;
  /** A file holding the signing key. SQLite default: beside the database, created on first start. */
  keyPath?: string;
  /** Checkpoint origin line. Default: the origin recorded at first open, else the key name. */
  origin?: string;
  /**
   * Group commit (default on, pipelined: no timer). `{ windowMs }` waits that long before an idle
   * flush. `false`: one transaction per append call.
   */
  groupCommit?: boolean | { windowMs: number };
  /** Clock, for tests of retention. */
  now?: () => Date;
  /** Open for reading and verifying only: never create a signing key. */
  readOnly?: boolean;
  /**
   * SQLite: write appends on a writer thread, so a commit's inserts and fsync do not block the
   * event loop (the server sets this). PostgreSQL appends are asynchronous already.
   */
  writerThread?: boolean;
}

const DEFAULT_ORIGIN = "localhost/custody-ledger";

const inputSchema = z.object({
  kind: z.string().min(1).max(200),
  source: z.enum(["github-webhook", "check", "audit-log", "deployment", "cli"]),
  deliveryId: z.string().min(1).max(200).optional(),
  repository: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be owner/name")
    .optional(),
  occurredAt: z.string().min(1).max(64).optional(),
  payload: z.unknown(),
  body: z.string().optional(),
  // Header names as HTTP spells them (lower case here), values as received: bounded, visible ASCII.
  headers: z
    .record(
      z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a lower-case header name"),
      z
        .string()
        .max(1024)
        .regex(/^[\x20-\x7e]*$/, "must be visible ASCII"),
    )
    .optional(),
});

function prepare(input: LedgerEventInput, index: number): PreparedInput {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join(".") ?? "";
    throw new CustodyError("EVENT_INVALID", `Ledger event ${index} is invalid at \`${key}\`: ${issue?.message ?? "bad value"}.`, {
      position: { file: "ledger append", key: `${index}.${key}` },
    });
  }
  const { kind, source, deliveryId, repository, occurredAt, body, headers } = parsed.data;
  const prepared: PreparedInput = { kind, source, payloadJson: body ?? canonicalJson(input.payload === undefined ? null : input.payload) };
  if (headers !== undefined) {
    prepared.headersJson = headersJson(headers);
  }
  if (deliveryId !== undefined) {
    prepared.deliveryId = deliveryId;
  }
  if (repository !== undefined) {
    prepared.repository = repository;
  }
  if (occurredAt !== undefined) {
    prepared.occurredAt = occurredAt;
  }
  return prepared;
}

/** Parses a stored body for reading; a body that cannot be parsed is reported, not thrown. */
function readPayload(text: string | null): { payload: unknown; error?: string } {
  if (text === null) {
    return { payload: null };
  }
  try {
    return { payload: JSON.parse(text) as unknown };
  } catch (error) {
    return { payload: null, error: `the stored body could not be parsed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * A stored event as readers see it: the stored text as `body` (exactly what the leaf covers) and
 * its parse as `payload`. `payload` may be given when the caller already holds the parse of that
 * very text (a fresh append), so nothing is parsed twice.
 */
export function toLedgerEvent(event: StoredEvent, leafHash: Buffer, parsed?: { payload: unknown }): LedgerEvent {
  const read: { payload: unknown; error?: string } = parsed ?? readPayload(event.payloadJson);
  const out: LedgerEvent = {
    seq: event.seq,
    kind: event.kind,
    source: event.source,
    receivedAt: event.receivedAt,
    payload: read.payload,
    leafHash: leafHash.toString("hex"),
  };
  if (event.payloadJson !== null) {
    out.body = event.payloadJson;
  }
  if (event.headersJson !== undefined) {
    out.headers = JSON.parse(event.headersJson) as Record<string, string>;
  }
  if (read.error !== undefined) {
    out.payloadError = read.error;
  }
  if (event.deliveryId !== undefined) {
    out.deliveryId = event.deliveryId;
  }
  if (event.repository !== undefined) {
    out.repository = event.repository;
  }
  if (event.occurredAt !== undefined) {
    out.occurredAt = event.occurredAt;
  }
  if (event.purgedAt !== undefined) {
    out.purgedAt = event.purgedAt;
  }
  return out;
}

interface Pending {
  inputs: PreparedInput[];
  resolve: (results: StoredAppend[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects concurrent appends and commits them together; each caller gets its own slice.
 * Pipelined, not timed: when no commit is running, the next one starts as soon as the current
 * turn of the event loop ends (every request parsed in that turn joins it), so a lone append
 * waits for no timer; while a commit is in flight, arrivals queue and all go in the next one. The
 * batch thus grows with the load by itself. `windowMs` > 0 adds a wait before an idle flush, for
 * callers that prefer fewer, larger transactions to latency.
 *
 * `overlap()` says whether the store takes a new batch while one is committing (the SQLite writer
 * thread: it queues batches in order and merges those waiting into its next transaction). Then a
 * batch is handed over every turn instead of waiting for the previous commit, so this thread
 * goes on reading requests rather than idling while the disk syncs.
 */
class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly commit: (inputs: PreparedInput[]) => Promise<StoredAppend[]>,
    private readonly windowMs: number,
    private readonly overlap: () => boolean = () => false,
  ) {}

  submit(inputs: PreparedInput[]): Promise<StoredAppend[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ inputs, resolve, reject });
      this.schedule();
    });
  }

  private idle(): boolean {
    return this.inFlight.size === 0 || this.overlap();
  }

  private schedule(): void {
    if (this.scheduled || !this.idle() || this.queue.length === 0) {
      return;
    }
    this.scheduled = true;
    const start = (): void => {
      this.scheduled = false;
      if (!this.idle() || this.queue.length === 0) {
        return;
      }
      this.start();
    };
    if (this.windowMs > 0) {
      setTimeout(start, this.windowMs);
    } else {
      setImmediate(start);
    }
  }

  private start(): void {
    const flushing: Promise<void> = this.flush().finally(() => {
      this.inFlight.delete(flushing);
      this.schedule();
    });
    this.inFlight.add(flushing);
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      const results = await this.commit(batch.flatMap((p) => p.inputs));
      let offset = 0;
      for (const pending of batch) {
        pending.resolve(results.slice(offset, offset + pending.inputs.length));
        offset += pending.inputs.length;
      }
    } catch (error) {
      // The whole transaction failed: nothing of it was stored, every caller in it is told.
      for (const pending of batch) {
        pending.reject(error);
      }
    }
  }

  /** Waits until everything submitted so far is committed or failed. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight.size > 0) {
      if (this.queue.length > 0 && this.idle()) {
        this.start();
      }
      await Promise.all(this.inFlight);
    }
  }
}

export class CustodyLedger implements Ledger {
  private readonly group: GroupCommit | undefined;
  private closed = false;

  constructor(
    readonly store: LedgerStore,
    readonly origin: string,
    private readonly signer: NoteSigner | undefined,
    private readonly clock: () => Date,
    groupCommit: LedgerOptions["groupCommit"],
  ) {
    const windowMs = groupCommit === false ? undefined : typeof groupCommit === "object" ? groupCommit.windowMs : 0;
    this.group =
      windowMs === undefined
        ? undefined
        : new GroupCommit(
            (inputs) => this.store.appendBatch(inputs, this.clock().toISOString()),
            windowMs,
            () => this.store.pipelinesAppends,
          );
  }

  now(): Date {
    return this.clock();
  }

  /** The verifier key matching the signing key, when this ledger has one. */
  get verifierKey(): string | undefined {
    return this.signer?.vkey;
  }

  /**
   * The verifiers `verify` and proofs trust by default: the configured key, else the key recorded
   * in the ledger at its first checkpoint. An independent `--key` is the stronger anchor, since
   * whoever can edit the database could also replace that record.
   */
  async defaultVerifiers(): Promise<NoteVerifier[]> {
    const vkey = this.signer?.vkey ?? (await this.store.getMeta("vkey"));
    return vkey === undefined ? [] : [parseVerifierKey(vkey)];
  }

  async append(events: LedgerEventInput[]): Promise<AppendResult[]> {
    if (this.closed) {
      throw new CustodyError("LEDGER_UNAVAILABLE", "The ledger is closed; no more events can be appended.");
    }
    const prepared = events.map(prepare);
    if (prepared.length === 0) {
      return [];
    }
    const stored =
      this.group === undefined ? await this.store.appendBatch(prepared, this.clock().toISOString()) : await this.group.submit(prepared);
    // A fresh event's payload is the caller's own value (what its body parses to, or what was
    // serialised): handed back as is. A duplicate is the stored event, read from its stored text.
    return stored.map((s, i) => ({
      event: s.duplicate
        ? toLedgerEvent(s.event, s.leafHash)
        : toLedgerEvent({ ...s.event, payloadJson: prepared[i]?.payloadJson ?? s.event.payloadJson }, s.leafHash, {
            payload: events[i]?.payload ?? null,
          }),
      duplicate: s.duplicate,
    }));
  }

  async get(seq: number): Promise<LedgerEvent | undefined> {
    if (!Number.isSafeInteger(seq) || seq < 0) {
      return undefined;
    }
    const found = await this.store.get(seq);
    return found === undefined ? undefined : toLedgerEvent(found.event, found.leafHash);
  }

  async findByDeliveryId(deliveryId: string): Promise<LedgerEvent | undefined> {
    const found = await this.store.findByDeliveryId(deliveryId);
    return found === undefined ? undefined : toLedgerEvent(found.event, found.leafHash);
  }

  async *scan(options: ScanFilter = {}): AsyncIterable<LedgerEvent> {
    let after = (options.fromSeq ?? 0) - 1;
    for (;;) {
      const page = await this.store.scanPage(options, after, 1000);
      for (const row of page) {
        yield toLedgerEvent(row.event, row.leafHash);
      }
      const last = page.at(-1);
      if (last === undefined || page.length < 1000) {
        return;
      }
      after = last.event.seq;
    }
  }

  async size(): Promise<number> {
    return (await this.store.treeState()).size;
  }

  /** The current tree size and root, read atomically. */
  async treeHead(): Promise<{ size: number; rootHash: Buffer }> {
    const state = await this.store.treeState();
    const frontier = MerkleFrontier.fromBlob(state.size, state.frontier);
    if (frontier === undefined) {
      throw new CustodyError(
        "LEDGER_TAMPERED",
        `The ledger's stored tree state is corrupt (its frontier does not fit ${state.size} leaves); run \`custody verify\`.`,
      );
    }
    return { size: state.size, rootHash: frontier.root() };
  }

  async checkpoint(): Promise<SignedCheckpoint> {
    if (this.signer === undefined) {
      throw new CustodyError(
        "CONFIG_INVALID",
        "The ledger has no signing key, so it cannot sign a checkpoint. Configure one (a Go-note `PRIVATE+KEY+…` text) or a key file.",
      );
    }
    await this.group?.drain();
    const head = await this.treeHead();
    const note = signNote(formatCheckpointBody(this.origin, head.size, head.rootHash), [this.signer]);
    await this.store.setMetaIfAbsent("vkey", this.signer.vkey);
    await this.store.addCheckpoint({ treeSize: head.size, rootHash: head.rootHash, note, createdAt: this.clock().toISOString() });
    return { origin: this.origin, treeSize: head.size, rootHash: head.rootHash.toString("base64"), note };
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.group?.drain();
    await this.store.close();
  }
}

export async function openLedger(config: LedgerConfig, options: LedgerOptions = {}): Promise<CustodyLedger> {
  const store: LedgerStore =
    config.store === "sqlite" ? SqliteStore.open(config.path) : await PostgresStore.open(config.connectionString, config.schema);
  try {
    if (options.writerThread === true && options.readOnly !== true) {
      await store.startWriterThread?.();
    }
    let signer: NoteSigner | undefined;
    const recordedOrigin = await store.getMeta("origin");
    const recordedVkey = await store.getMeta("vkey");
    const wanted = options.origin ?? recordedOrigin;
    if (options.signingKey !== undefined) {
      signer = parseSignerKey(options.signingKey);
    } else if (options.keyPath !== undefined) {
      signer =
        options.readOnly === true ? loadSigningKey(options.keyPath) : loadOrCreateSigningKey(options.keyPath, wanted ?? DEFAULT_ORIGIN);
    } else if (config.store === "sqlite") {
      // The default key beside the file: created only for a ledger that has no key yet, and
      // used only when it is the ledger's key (a ledger signed with a key kept elsewhere must
      // not gain a second, unrelated one).
      const keyPath = defaultKeyPath(config.path);
      const fallback = existsSync(keyPath)
        ? loadSigningKey(keyPath)
        : options.readOnly !== true && recordedVkey === undefined
          ? loadOrCreateSigningKey(keyPath, wanted ?? DEFAULT_ORIGIN)
          : undefined;
      signer = fallback !== undefined && (recordedVkey === undefined || recordedVkey === fallback.vkey) ? fallback : undefined;
    }
    if (signer !== undefined && recordedVkey !== undefined && recordedVkey !== signer.vkey) {
      throw new CustodyError(
        "CONFIG_INVALID",
        `The configured signing key (${signer.vkey}) is not this ledger's key (${recordedVkey}, recorded at its first checkpoint); checkpoints signed with it would not verify. Configure the ledger's own key.`,
      );
    }
    const origin = await store.setMetaIfAbsent("origin", wanted ?? signer?.name ?? DEFAULT_ORIGIN);
    if (options.origin !== undefined && options.origin !== origin) {
      throw new CustodyError(
        "CONFIG_INVALID",
        `The ledger's origin is ${JSON.stringify(origin)} (recorded when it was created), but ${JSON.stringify(options.origin)} was configured. A log's origin never changes; use the recorded one.`,
      );
    }
    return new CustodyLedger(store, origin, signer, options.now ?? (() => new Date()), options.groupCommit);
  } catch (error) {
    await store.close();
    throw error;
  }
}
