/**
 * Where the server keeps its state database (case projections and API tokens) unless told
 * otherwise. `custody serve` and `custody ingest` share it, so replayed deliveries land in the
 * case files the server reads.
 */
export const DEFAULT_STATE_PATH = ".custody/server.db";
