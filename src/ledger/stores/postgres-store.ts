/**
 * The ledger store at scale: PostgreSQL (`pg`), with several stateless Custody servers appending
 * at once. Ordering is kept by a single-row tree state read `FOR UPDATE` inside each appending
 * transaction: whoever holds that row lock assigns the next seqs from the stored size and extends
 * the stored frontier, so seqs are gap-free and leaf i's position is fixed before leaf i+1's. The
 * row lock also serialises delivery-id dedup across instances (a second instance sees the first
 * one's committed row once it gets the lock). Connection failures become LEDGER_UNAVAILABLE; the
 * pool opens fresh connections on the next call, so appends continue after a server restart.
 */
import pg from "pg";
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

const EVENT_COLUMNS =
  "e.seq, e.kind, e.source, e.delivery_id, e.repository, e.occurred_at, e.received_at, e.payload, e.purged_at, e.headers";

function schemaSql(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.events (
  seq BIGINT PRIMARY KEY,
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
ALTER TABLE ${s}.events ADD COLUMN IF NOT EXISTS headers TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS events_delivery_id ON ${s}.events (delivery_id) WHERE delivery_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_repository ON ${s}.events (repository, seq);
CREATE TABLE IF NOT EXISTS ${s}.tree_nodes (
  level INTEGER NOT NULL,
  idx BIGINT NOT NULL,
  hash BYTEA NOT NULL,
  PRIMARY KEY (level, idx)
);
CREATE TABLE IF NOT EXISTS ${s}.tree_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size BIGINT NOT NULL,
  frontier BYTEA NOT NULL
);
INSERT INTO ${s}.tree_state (id, size, frontier) VALUES (1, 0, '') ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
  id BIGSERIAL PRIMARY KEY,
  tree_size BIGINT NOT NULL,
  root_hash BYTEA NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.holds (
  id BIGSERIAL PRIMARY KEY,
  repository TEXT NOT NULL,
  pull_request INTEGER,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);`;
}

/** Errors that mean "the database cannot be reached or is going away", not "the query is wrong". */
function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : "";
  return (
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "57P01", "57P02", "57P03", "53300"].includes(code) ||
    code.startsWith("08") ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/.test(
      message,
    )
  );
}

function unavailable(error: unknown): CustodyError {
  const detail = error instanceof Error ? error.message : String(error);
  return new CustodyError(
    "LEDGER_UNAVAILABLE",
    `The ledger's PostgreSQL database is unavailable: ${detail}. Nothing from the failed operation was stored; retry when the database is back.`,
    { cause: error },
  );
}

function mapError(error: unknown): Error {
  if (error instanceof CustodyError) {
    return error;
  }
  return isConnectionError(error) ? unavailable(error) : error instanceof Error ? error : new Error(String(error));
}

type JoinedRow = EventRow & { hash: Buffer };

export class PostgresStore implements LedgerStore {
  readonly kind = "postgres";
  /** Each batch takes the tree-state row lock in turn; a second batch would only wait for it. */
  readonly pipelinesAppends = false;

  readonly readerConfig: ReaderConfig;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly s: string,
    connectionString: string,
    schema: string,
  ) {
    this.readerConfig = { store: "postgres", connectionString, schema };
  }

  private static pool(connectionString: string, schema: string, max: number): pg.Pool {
    // The schema name goes into SQL text, so it must be a plain identifier: checked, then quoted.
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new CustodyError(
        "CONFIG_INVALID",
        `The ledger schema name ${JSON.stringify(schema)} must be a lowercase SQL identifier (letters, digits, underscore).`,
      );
    }
    const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5000 });
    // An idle connection dropped by a server restart emits 'error' on the pool; without a
    // listener that would crash the process. The pool discards the client and reconnects later.
    pool.on("error", () => undefined);
    return pool;
  }

  /** One connection that only reads an existing ledger (a verify worker): creates nothing. */
  static openReader(connectionString: string, schema: string): PostgresStore {
    return new PostgresStore(PostgresStore.pool(connectionString, schema, 1), `"${schema}"`, connectionString, schema);
  }

  static async open(connectionString: string, schema = "custody"): Promise<PostgresStore> {
    const pool = PostgresStore.pool(connectionString, schema, 4);
    const store = new PostgresStore(pool, `"${schema}"`, connectionString, schema);
    try {
      await store.transaction(async (client) => {
        // Two servers starting together must not race on CREATE TABLE IF NOT EXISTS.
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`custody-ledger-init:${schema}`]);
        await client.query(schemaSql(store.s));
      });
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw mapError(error);
    }
    return store;
  }

  private async query<R extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(text, params)).rows;
    } catch (error) {
      throw mapError(error);
    }
  }

  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw mapError(error);
    }
    // While checked out, a client has no pool listener: a connection killed between two queries
    // would emit an unhandled 'error' and take the process down. The failure reaches us through
    // the pending query instead.
    let broken: Error | undefined;
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on("error", onError);
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      client.off("error", onError);
      client.release(broken);
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      client.off("error", onError);
      // A broken connection must not go back into the pool.
      client.release(broken ?? (isConnectionError(error) ? (error as Error) : undefined));
      throw mapError(error);
    }
  }

  appendBatch(inputs: readonly PreparedInput[], receivedAt: string): Promise<StoredAppend[]> {
    return this.transaction(async (client) => {
      const [state] = (
        await client.query<{ size: string; frontier: Buffer }>(`SELECT size, frontier FROM ${this.s}.tree_state WHERE id = 1 FOR UPDATE`)
      ).rows;
      if (state === undefined) {
        throw new CustodyError("LEDGER_TAMPERED", "The ledger's tree state row is missing; run `custody verify`.");
      }
      const ids = [...new Set(inputs.flatMap((i) => (i.deliveryId === undefined ? [] : [i.deliveryId])))];
      const existing = new Map<string, { event: StoredEvent; leafHash: Buffer }>();
      if (ids.length > 0) {
        const rows = (await client.query<JoinedRow>(`${this.joined()} WHERE e.delivery_id = ANY($1::text[])`, [ids])).rows;
        for (const row of rows) {
          existing.set(row.delivery_id ?? "", { event: eventFromRow(row), leafHash: row.hash });
        }
      }
      const plan = planAppend({ size: Number(state.size), frontier: state.frontier }, inputs, existing, receivedAt);
      if (plan.newEvents.length > 0) {
        const ev = plan.newEvents;
        await client.query(
          `INSERT INTO ${this.s}.events (seq, kind, source, delivery_id, repository, occurred_at, received_at, payload, headers)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
          [
            ev.map((e) => e.seq),
            ev.map((e) => e.kind),
            ev.map((e) => e.source),
            ev.map((e) => e.deliveryId ?? null),
            ev.map((e) => e.repository ?? null),
            ev.map((e) => e.occurredAt ?? null),
            ev.map((e) => e.receivedAt),
            ev.map((e) => e.payloadJson),
            ev.map((e) => e.headersJson ?? null),
          ],
        );
        await client.query(
          `INSERT INTO ${this.s}.tree_nodes (level, idx, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])`,
          [plan.nodes.map((n) => n.level), plan.nodes.map((n) => n.index), plan.nodes.map((n) => n.hash)],
        );
        await client.query(`UPDATE ${this.s}.tree_state SET size = $1, frontier = $2 WHERE id = 1`, [plan.size, plan.frontier]);
      }
      return plan.results;
    });
  }

  private joined(): string {
    return `SELECT ${EVENT_COLUMNS}, n.hash FROM ${this.s}.events e JOIN ${this.s}.tree_nodes n ON n.level = 0 AND n.idx = e.seq`;
  }

  async get(seq: number): Promise<{ event: StoredEvent; leafHash: Buffer } | undefined> {
    const [row] = await this.query<JoinedRow>(`${this.joined()} WHERE e.seq = $1`, [seq]);
    return row === undefined ? undefined : { event: eventFromRow(row), leafHash: row.hash };
  }

  async findByDeliveryId(deliveryId: string): Promise<{ event: StoredEvent; leafHash: Buffer } | undefined> {
    const [row] = await this.query<JoinedRow>(`${this.joined()} WHERE e.delivery_id = $1`, [deliveryId]);
    return row === undefined ? undefined : { event: eventFromRow(row), leafHash: row.hash };
  }

  async scanPage(filter: ScanFilter, afterSeq: number, limit: number): Promise<{ event: StoredEvent; leafHash: Buffer }[]> {
    const clauses = ["e.seq > $1"];
    const params: unknown[] = [afterSeq];
    const add = (clause: string, value: unknown): void => {
      params.push(value);
      clauses.push(clause.replace("?", `$${String(params.length)}`));
    };
    if (filter.toSeq !== undefined) {
      add("e.seq <= ?", filter.toSeq);
    }
    if (filter.kind !== undefined) {
      add("e.kind = ?", filter.kind);
    }
    if (filter.repository !== undefined) {
      add("e.repository = ?", filter.repository);
    }
    params.push(limit);
    const rows = await this.query<JoinedRow>(
      `${this.joined()} WHERE ${clauses.join(" AND ")} ORDER BY e.seq LIMIT $${String(params.length)}`,
      params,
    );
    return rows.map((row) => ({ event: eventFromRow(row), leafHash: row.hash }));
  }

  async treeState(): Promise<{ size: number; frontier: Buffer }> {
    const [row] = await this.query<{ size: string; frontier: Buffer }>(`SELECT size, frontier FROM ${this.s}.tree_state WHERE id = 1`);
    if (row === undefined) {
      throw new CustodyError("LEDGER_TAMPERED", "The ledger's tree state row is missing; run `custody verify`.");
    }
    return { size: Number(row.size), frontier: row.frontier };
  }

  async nodes(ids: readonly NodeId[]): Promise<Map<string, Buffer>> {
    const rows = await this.query<{ level: number; idx: string; hash: Buffer }>(
      `SELECT n.level, n.idx, n.hash FROM ${this.s}.tree_nodes n JOIN unnest($1::int[], $2::bigint[]) AS w(level, idx) ON n.level = w.level AND n.idx = w.idx`,
      [ids.map((i) => i.level), ids.map((i) => i.index)],
    );
    return new Map(rows.map((r) => [nodeKey({ level: r.level, index: Number(r.idx) }), r.hash]));
  }

  async leafPage(fromSeq: number, toSeq: number, limit: number): Promise<LeafRow[]> {
    let rows: unknown[][];
    try {
      // Arrays, not objects, as in SQLite: one row per event in `verify`.
      rows = (
        await this.pool.query<unknown[]>({
          text: `SELECT n.idx, n.hash, ${EVENT_COLUMNS} FROM ${this.s}.tree_nodes n LEFT JOIN ${this.s}.events e ON e.seq = n.idx WHERE n.level = 0 AND n.idx >= $1 AND n.idx < $2 ORDER BY n.idx LIMIT $3`,
          values: [fromSeq, toSeq, limit],
          rowMode: "array",
        })
      ).rows;
    } catch (error) {
      throw mapError(error);
    }
    // BIGINT columns arrive as strings.
    for (const row of rows) {
      row[0] = Number(row[0]);
      if (row[2] !== null) {
        row[2] = Number(row[2]);
      }
    }
    return rows as LeafRow[];
  }

  async strayEvents(limit: number): Promise<number[]> {
    const rows = await this.query<{ seq: string }>(
      `SELECT e.seq FROM ${this.s}.events e WHERE NOT EXISTS (SELECT 1 FROM ${this.s}.tree_nodes n WHERE n.level = 0 AND n.idx = e.seq) ORDER BY e.seq LIMIT $1`,
      [limit],
    );
    return rows.map((r) => Number(r.seq));
  }

  async addCheckpoint(checkpoint: Omit<StoredCheckpoint, "id">): Promise<void> {
    await this.query(`INSERT INTO ${this.s}.checkpoints (tree_size, root_hash, note, created_at) VALUES ($1, $2, $3, $4)`, [
      checkpoint.treeSize,
      checkpoint.rootHash,
      checkpoint.note,
      checkpoint.createdAt,
    ]);
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    const rows = await this.query<{ id: string; tree_size: string; root_hash: Buffer; note: string; created_at: string }>(
      `SELECT id, tree_size, root_hash, note, created_at FROM ${this.s}.checkpoints ORDER BY tree_size, id`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      treeSize: Number(r.tree_size),
      rootHash: r.root_hash,
      note: r.note,
      createdAt: r.created_at,
    }));
  }

  async getMeta(key: string): Promise<string | undefined> {
    const [row] = await this.query<{ value: string }>(`SELECT value FROM ${this.s}.meta WHERE key = $1`, [key]);
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.query(`INSERT INTO ${this.s}.meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [
      key,
      value,
    ]);
  }

  async setMetaIfAbsent(key: string, value: string): Promise<string> {
    await this.query(`INSERT INTO ${this.s}.meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, value]);
    return (await this.getMeta(key)) ?? value;
  }

  async addHold(hold: Omit<Hold, "id">): Promise<Hold> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO ${this.s}.holds (repository, pull_request, reason, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [hold.repository, hold.pullRequest ?? null, hold.reason, hold.createdAt],
    );
    return { ...hold, id: Number(row?.id) };
  }

  async removeHold(id: number): Promise<boolean> {
    const rows = await this.query<{ id: string }>(`DELETE FROM ${this.s}.holds WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  async holds(): Promise<Hold[]> {
    const rows = await this.query<{ id: string; repository: string; pull_request: number | null; reason: string; created_at: string }>(
      `SELECT id, repository, pull_request, reason, created_at FROM ${this.s}.holds ORDER BY id`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      repository: r.repository,
      ...(r.pull_request === null ? {} : { pullRequest: r.pull_request }),
      reason: r.reason,
      createdAt: r.created_at,
    }));
  }

  async purgeCandidates(before: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events e WHERE e.seq > $1 AND e.purged_at IS NULL AND e.received_at < $2 ORDER BY e.seq LIMIT $3`,
      [afterSeq, before, limit],
    );
    return rows.map(eventFromRow);
  }

  async markPurged(seqs: readonly number[], purgedAt: string): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`UPDATE ${this.s}.events SET payload = NULL, purged_at = $1 WHERE seq = ANY($2::bigint[]) AND purged_at IS NULL`, [
        purgedAt,
        seqs,
      ]);
    });
  }

  /** Raw SQL, for tests that tamper on purpose. */
  async unsafeQuery(text: string, params: unknown[] = []): Promise<pg.QueryResultRow[]> {
    return this.query(text, params);
  }

  get schema(): string {
    return this.s;
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
