/**
 * The embedded ledger store: one SQLite file (better-sqlite3) in WAL mode with
 * `synchronous = FULL`, so a committed append survives a power cut; that is what lets the server
 * acknowledge a delivery after `append` resolves. Appends run in `BEGIN IMMEDIATE` transactions
 * that read the tree state inside the transaction, so even two processes on one file assign
 * gap-free seqs in order. Database failures become LEDGER_UNAVAILABLE.
 */
import { ensurePrivateFile } from "../data-files.js";
import Database from "better-sqlite3";
import { CustodyError } from "../../model/errors.js";
import type {
  Hold,
  LedgerStore,
  PreparedInput,
  ReaderConfig,
  ScanFilter,
  StoredAppend,
  StoredCheckpoint,
  StoredEvent,
} from "./ledger-store.js";
import type { LeafRow } from "../verify/leaf-check.js";
import { planAppend } from "./ledger-store.js";
import type { NodeId } from "../merkle/merkle-proof-plan.js";
import { nodeKey } from "../merkle/merkle-proof-plan.js";
import type { EventRow } from "./store-rows.js";
import { eventFromRow } from "./store-rows.js";
import { SqliteAppendWriter } from "./sqlite-append-writer.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  delivery_id TEXT,
  repository TEXT,
  occurred_at TEXT,
  received_at TEXT NOT NULL,
  payload TEXT,
  purged_at TEXT,
  headers TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS events_delivery_id ON events (delivery_id) WHERE delivery_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_repository ON events (repository, seq);
CREATE TABLE IF NOT EXISTS tree_nodes (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tree_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL,
  frontier BLOB NOT NULL
);
INSERT OR IGNORE INTO tree_state (id, size, frontier) VALUES (1, 0, x'');
CREATE TABLE IF NOT EXISTS checkpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tree_size INTEGER NOT NULL,
  root_hash BLOB NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS holds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  repository TEXT NOT NULL,
  pull_request INTEGER,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

const EVENT_COLUMNS =
  "e.seq, e.kind, e.source, e.delivery_id, e.repository, e.occurred_at, e.received_at, e.payload, e.purged_at, e.headers";

type JoinedRow = EventRow & { hash: Buffer };

interface AppendStatements {
  state: Database.Statement;
  find: Database.Statement;
  insertEvent: Database.Statement;
  insertNode: Database.Statement;
  setState: Database.Statement;
}

const LEAF_PAGE = `SELECT n.idx, n.hash, ${EVENT_COLUMNS} FROM tree_nodes n LEFT JOIN events e ON e.seq = n.idx WHERE n.level = 0 AND n.idx >= ? AND n.idx < ? ORDER BY n.idx LIMIT ?`;

function unavailable(where: string, error: unknown): CustodyError {
  const detail = error instanceof Error ? error.message : String(error);
  return new CustodyError(
    "LEDGER_UNAVAILABLE",
    `The ledger database ${where} is unavailable: ${detail}. Check that the path is writable and the disk is not full, then retry.`,
    { cause: error },
  );
}

/** SQLite error codes that mean "the database cannot be used now", not a bug. */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === "string" && /^SQLITE_(CANTOPEN|BUSY|LOCKED|IOERR|FULL|READONLY|NOTADB|CORRUPT|PERM|AUTH)/.test(code)) ||
    (error instanceof TypeError && /database connection is not open/.test(error.message))
  );
}

export class SqliteStore implements LedgerStore {
  readonly kind = "sqlite";
  private readonly db: Database.Database;
  private readonly path: string;
  /** When set, appends run on the writer thread (its own connection to this file). */
  private writer: SqliteAppendWriter | undefined;
  /** The append statements, prepared once per connection rather than once per batch. */
  private appendStatements: AppendStatements | undefined;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
  }

  get filePath(): string {
    return this.path;
  }

  get readerConfig(): ReaderConfig {
    return { store: "sqlite", path: this.path };
  }

  /**
   * A read-only connection to an existing ledger, for a verify worker: it never creates the
   * file, the schema or the WAL, and cannot write.
   */
  static openReader(path: string): SqliteStore {
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      db.pragma("busy_timeout = 5000");
      return new SqliteStore(path, db);
    } catch (error) {
      throw unavailable(`at ${path}`, error);
    }
  }

  static open(path: string): SqliteStore {
    try {
      ensurePrivateFile(path);
      const db = new Database(path);
      db.pragma("journal_mode = WAL");
      // FULL: the WAL is fsynced at every commit, so an acknowledged append is durable.
      db.pragma("synchronous = FULL");
      db.pragma("busy_timeout = 5000");
      db.exec(SCHEMA);
      // Ledgers created before headers were recorded: add the column (absent = no headers, and
      // those leaves hash as they always did).
      if (!(db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[]).includes("headers")) {
        db.exec("ALTER TABLE events ADD COLUMN headers TEXT");
      }
      return new SqliteStore(path, db);
    } catch (error) {
      throw unavailable(`at ${path}`, error);
    }
  }

  /**
   * Moves appends to a writer thread (sqlite-append-worker.ts), so that writing and fsyncing a
   * batch no longer blocks this thread's event loop. The server does this; short-lived CLI
   * commands need not. Reads stay on this connection; WAL lets them run beside the writer.
   */
  async startWriterThread(): Promise<void> {
    this.writer ??= await SqliteAppendWriter.start(this.path);
  }

  /** Appends on the writer thread pipeline: it queues batches in order and merges waiting ones. */
  get pipelinesAppends(): boolean {
    return this.writer !== undefined;
  }

  /** The raw handle, for tests that tamper with the file on purpose and for benchmarks. */
  get database(): Database.Database {
    return this.db;
  }

  private run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      if (isUnavailable(error)) {
        return Promise.reject(unavailable(`at ${this.path}`, error));
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private joined(where: string): string {
    return `SELECT ${EVENT_COLUMNS}, n.hash FROM events e JOIN tree_nodes n ON n.level = 0 AND n.idx = e.seq ${where}`;
  }

  private statements(): AppendStatements {
    this.appendStatements ??= {
      state: this.db.prepare("SELECT size, frontier FROM tree_state WHERE id = 1"),
      find: this.db.prepare(this.joined("WHERE e.delivery_id = ?")),
      insertEvent: this.db.prepare(
        "INSERT INTO events (seq, kind, source, delivery_id, repository, occurred_at, received_at, payload, headers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      insertNode: this.db.prepare("INSERT INTO tree_nodes (level, idx, hash) VALUES (?, ?, ?)"),
      setState: this.db.prepare("UPDATE tree_state SET size = ?, frontier = ? WHERE id = 1"),
    };
    return this.appendStatements;
  }

  appendBatch(inputs: readonly PreparedInput[], receivedAt: string): Promise<StoredAppend[]> {
    if (this.writer !== undefined) {
      return this.writer.appendBatch(inputs, receivedAt);
    }
    return this.run(() =>
      this.db
        .transaction(() => {
          const { state: readState, find, insertEvent, insertNode, setState } = this.statements();
          const state = readState.get() as { size: number; frontier: Buffer };
          const existing = new Map<string, { event: StoredEvent; leafHash: Buffer }>();
          for (const input of inputs) {
            if (input.deliveryId !== undefined && !existing.has(input.deliveryId)) {
              const row = find.get(input.deliveryId) as JoinedRow | undefined;
              if (row !== undefined) {
                existing.set(input.deliveryId, { event: eventFromRow(row), leafHash: row.hash });
              }
            }
          }
          const plan = planAppend(state, inputs, existing, receivedAt);
          for (const e of plan.newEvents) {
            insertEvent.run(
              e.seq,
              e.kind,
              e.source,
              e.deliveryId ?? null,
              e.repository ?? null,
              e.occurredAt ?? null,
              e.receivedAt,
              e.payloadJson,
              e.headersJson ?? null,
            );
          }
          for (const n of plan.nodes) {
            insertNode.run(n.level, n.index, n.hash);
          }
          setState.run(plan.size, plan.frontier);
          return plan.results;
        })
        .immediate(),
    );
  }

  get(seq: number): Promise<{ event: StoredEvent; leafHash: Buffer } | undefined> {
    return this.run(() => {
      const row = this.db.prepare(this.joined("WHERE e.seq = ?")).get(seq) as JoinedRow | undefined;
      return row === undefined ? undefined : { event: eventFromRow(row), leafHash: row.hash };
    });
  }

  findByDeliveryId(deliveryId: string): Promise<{ event: StoredEvent; leafHash: Buffer } | undefined> {
    return this.run(() => {
      const row = this.db.prepare(this.joined("WHERE e.delivery_id = ?")).get(deliveryId) as JoinedRow | undefined;
      return row === undefined ? undefined : { event: eventFromRow(row), leafHash: row.hash };
    });
  }

  scanPage(filter: ScanFilter, afterSeq: number, limit: number): Promise<{ event: StoredEvent; leafHash: Buffer }[]> {
    return this.run(() => {
      const clauses = ["e.seq > ?"];
      const params: (string | number)[] = [afterSeq];
      if (filter.toSeq !== undefined) {
        clauses.push("e.seq <= ?");
        params.push(filter.toSeq);
      }
      if (filter.kind !== undefined) {
        clauses.push("e.kind = ?");
        params.push(filter.kind);
      }
      if (filter.repository !== undefined) {
        clauses.push("e.repository = ?");
        params.push(filter.repository);
      }
      const rows = this.db
        .prepare(this.joined(`WHERE ${clauses.join(" AND ")} ORDER BY e.seq LIMIT ?`))
        .all(...params, limit) as JoinedRow[];
      return rows.map((row) => ({ event: eventFromRow(row), leafHash: row.hash }));
    });
  }

  treeState(): Promise<{ size: number; frontier: Buffer }> {
    return this.run(
      () => this.db.prepare("SELECT size, frontier FROM tree_state WHERE id = 1").get() as { size: number; frontier: Buffer },
    );
  }

  nodes(ids: readonly NodeId[]): Promise<Map<string, Buffer>> {
    return this.run(() => {
      const get = this.db.prepare("SELECT hash FROM tree_nodes WHERE level = ? AND idx = ?").pluck();
      const found = new Map<string, Buffer>();
      for (const id of ids) {
        const hash = get.get(id.level, id.index) as Buffer | undefined;
        if (hash !== undefined) {
          found.set(nodeKey(id), hash);
        }
      }
      return found;
    });
  }

  leafPage(fromSeq: number, toSeq: number, limit: number): Promise<LeafRow[]> {
    // Raw arrays, not objects: this is the hot loop of `verify` (one row per event).
    return this.run(() => this.db.prepare(LEAF_PAGE).raw().all(fromSeq, toSeq, limit) as LeafRow[]);
  }

  strayEvents(limit: number): Promise<number[]> {
    return this.run(
      () =>
        this.db
          .prepare(
            "SELECT e.seq FROM events e WHERE NOT EXISTS (SELECT 1 FROM tree_nodes n WHERE n.level = 0 AND n.idx = e.seq) ORDER BY e.seq LIMIT ?",
          )
          .pluck()
          .all(limit) as number[],
    );
  }

  addCheckpoint(checkpoint: Omit<StoredCheckpoint, "id">): Promise<void> {
    return this.run(() => {
      this.db
        .prepare("INSERT INTO checkpoints (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, ?)")
        .run(checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, checkpoint.createdAt);
    });
  }

  checkpoints(): Promise<StoredCheckpoint[]> {
    return this.run(() =>
      (
        this.db.prepare("SELECT id, tree_size, root_hash, note, created_at FROM checkpoints ORDER BY tree_size, id").all() as {
          id: number;
          tree_size: number;
          root_hash: Buffer;
          note: string;
          created_at: string;
        }[]
      ).map((r) => ({ id: r.id, treeSize: r.tree_size, rootHash: r.root_hash, note: r.note, createdAt: r.created_at })),
    );
  }

  getMeta(key: string): Promise<string | undefined> {
    return this.run(() => this.db.prepare("SELECT value FROM meta WHERE key = ?").pluck().get(key) as string | undefined);
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.run(() => {
      this.db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, value);
    });
  }

  setMetaIfAbsent(key: string, value: string): Promise<string> {
    return this.run(() => {
      this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)").run(key, value);
      return this.db.prepare("SELECT value FROM meta WHERE key = ?").pluck().get(key) as string;
    });
  }

  addHold(hold: Omit<Hold, "id">): Promise<Hold> {
    return this.run(() => {
      const info = this.db
        .prepare("INSERT INTO holds (repository, pull_request, reason, created_at) VALUES (?, ?, ?, ?)")
        .run(hold.repository, hold.pullRequest ?? null, hold.reason, hold.createdAt);
      return { ...hold, id: Number(info.lastInsertRowid) };
    });
  }

  removeHold(id: number): Promise<boolean> {
    return this.run(() => this.db.prepare("DELETE FROM holds WHERE id = ?").run(id).changes > 0);
  }

  holds(): Promise<Hold[]> {
    return this.run(() =>
      (
        this.db.prepare("SELECT id, repository, pull_request, reason, created_at FROM holds ORDER BY id").all() as {
          id: number;
          repository: string;
          pull_request: number | null;
          reason: string;
          created_at: string;
        }[]
      ).map((r) => ({
        id: r.id,
        repository: r.repository,
        ...(r.pull_request === null ? {} : { pullRequest: r.pull_request }),
        reason: r.reason,
        createdAt: r.created_at,
      })),
    );
  }

  purgeCandidates(before: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.run(() =>
      (
        this.db
          .prepare(
            `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.seq > ? AND e.purged_at IS NULL AND e.received_at < ? ORDER BY e.seq LIMIT ?`,
          )
          .all(afterSeq, before, limit) as EventRow[]
      ).map(eventFromRow),
    );
  }

  markPurged(seqs: readonly number[], purgedAt: string): Promise<void> {
    return this.run(() => {
      const update = this.db.prepare("UPDATE events SET payload = NULL, purged_at = ? WHERE seq = ? AND purged_at IS NULL");
      this.db.transaction(() => {
        for (const seq of seqs) {
          update.run(purgedAt, seq);
        }
      })();
    });
  }

  async close(): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    await writer?.close();
    if (this.db.open) {
      this.db.close();
    }
  }
}
