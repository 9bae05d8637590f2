/**
 * API tokens: random 256-bit bearer tokens with a role (reader < auditor < admin), an optional
 * expiry and an optional scope (repositories `owner/name`, or whole organisations `owner/*`).
 * Only the SHA-256 of a token is stored; the token itself is shown once, when created.
 * Verification hashes the presented token and compares it with every stored hash in constant
 * time (`timingSafeEqual`), so neither the comparison nor an index lookup leaks how close a
 * guess was. The rows are cached, and the cache is dropped whenever another connection wrote
 * the database (SQLite's `data_version`), so a token created or revoked by
 * `custody serve token …` while the server runs takes effect on the next request.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type Database from "better-sqlite3";
import { CustodyError } from "../model/errors.js";

export const ROLES = ["reader", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { reader: 1, auditor: 2, admin: 3 };

export function roleAllows(granted: Role, required: Role): boolean {
  return RANK[granted] >= RANK[required];
}

export function parseRole(text: string): Role {
  const role = ROLES.find((r) => r === text);
  if (role === undefined) {
    throw new CustodyError("USAGE", `Unknown role "${text}"; use one of ${ROLES.join(", ")}.`);
  }
  return role;
}

/** `owner/name` or `owner/*`, GitHub's own characters only. */
const SCOPE_ENTRY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?:\*|[A-Za-z0-9._-]{1,100})$/;

export function parseScope(entries: readonly string[]): string[] {
  for (const entry of entries) {
    if (!SCOPE_ENTRY.test(entry)) {
      throw new CustodyError("USAGE", `--repo "${entry}" is not a repository (owner/name) or an organisation (owner/*).`);
    }
  }
  return [...new Set(entries.map((e) => e.toLowerCase()))].sort();
}

/** Which repositories a token may see: all (`undefined`), or the listed ones and organisations. */
export type Scope = readonly string[] | undefined;

export function scopeAllows(scope: Scope, repository: string | undefined | null): boolean {
  if (scope === undefined) {
    return true;
  }
  if (repository === undefined || repository === null) {
    return false;
  }
  const repo = repository.toLowerCase();
  const owner = repo.slice(0, repo.indexOf("/"));
  return scope.some((entry) => entry === repo || entry === `${owner}/*`);
}

/** `30d`, `12h`, `90m` from now, or an ISO date. */
export function parseExpiry(text: string, now: number = Date.now()): string {
  const relative = /^(\d{1,5})([dhm])$/.exec(text);
  if (relative?.[1] !== undefined && relative[2] !== undefined) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2] as "d" | "h" | "m"];
    return new Date(now + Number(relative[1]) * unit).toISOString();
  }
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || date.getTime() <= now) {
    throw new CustodyError("USAGE", `--expires "${text}" is not a future date (2027-01-31) or a duration (30d, 12h, 90m).`);
  }
  return date.toISOString();
}

const TOKEN_PREFIX = "cust_";

interface TokenRow {
  id: number;
  hash: Buffer;
  role: Role;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  scope: string | null;
}

export interface TokenInfo {
  id: number;
  role: Role;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** `null`: every repository. */
  scope: string[] | null;
  state: "active" | "expired" | "revoked";
}

export interface Grant {
  role: Role;
  scope: Scope;
  tokenId: number;
}

export class TokenStore {
  private cache: TokenRow[] | undefined;
  private cachedVersion = -1;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(
      "CREATE TABLE IF NOT EXISTS api_tokens (id INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, role TEXT NOT NULL, label TEXT NOT NULL, created_at TEXT NOT NULL)",
    );
    const columns = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('api_tokens')")
        .all()
        .map((c) => c.name),
    );
    for (const [name, type] of [
      ["expires_at", "TEXT"],
      ["revoked_at", "TEXT"],
      ["scope", "TEXT"],
    ] as const) {
      if (!columns.has(name)) {
        // Tokens created before expiry and scopes existed keep working: no expiry, every repository.
        db.exec(`ALTER TABLE api_tokens ADD COLUMN ${name} ${type}`);
      }
    }
  }

  /** Creates a token and returns it: the only time its clear text exists. */
  create(role: Role, label = "", options: { expiresAt?: string; scope?: readonly string[] } = {}): { token: string; id: number } {
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const scope = options.scope === undefined || options.scope.length === 0 ? null : JSON.stringify(options.scope);
    const result = this.db
      .prepare("INSERT INTO api_tokens (hash, role, label, created_at, expires_at, scope) VALUES (?, ?, ?, ?, ?, ?)")
      .run(hashToken(token), role, label, new Date(this.now()).toISOString(), options.expiresAt ?? null, scope);
    this.cache = undefined;
    return { token, id: Number(result.lastInsertRowid) };
  }

  /** Revokes a token by id; false when there is no such token. */
  revoke(id: number): boolean {
    const result = this.db
      .prepare("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?")
      .run(new Date(this.now()).toISOString(), id);
    this.cache = undefined;
    return result.changes > 0;
  }

  list(): TokenInfo[] {
    const now = this.now();
    return this.db
      .prepare<[], TokenRow>("SELECT * FROM api_tokens ORDER BY id")
      .all()
      .map((row) => ({
        id: row.id,
        role: row.role,
        label: row.label,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        revokedAt: row.revoked_at,
        scope: row.scope === null ? null : (JSON.parse(row.scope) as string[]),
        state: row.revoked_at !== null ? "revoked" : row.expires_at !== null && Date.parse(row.expires_at) <= now ? "expired" : "active",
      }));
  }

  /** What a presented token grants, or undefined when it matches no active token. */
  verify(token: string): Grant | undefined {
    const presented = hashToken(token);
    let match: TokenRow | undefined;
    // Compare against every row, without an early exit, so timing does not depend on which matched.
    for (const row of this.rows()) {
      if (timingSafeEqual(presented, row.hash)) {
        match = row;
      }
    }
    if (match === undefined || match.revoked_at !== null || (match.expires_at !== null && Date.parse(match.expires_at) <= this.now())) {
      return undefined;
    }
    return { role: match.role, scope: match.scope === null ? undefined : (JSON.parse(match.scope) as string[]), tokenId: match.id };
  }

  private rows(): TokenRow[] {
    // data_version changes when another connection (the CLI) committed to the database.
    const version = this.db.pragma("data_version", { simple: true }) as number;
    if (this.cache === undefined || version !== this.cachedVersion) {
      this.cache = this.db.prepare<[], TokenRow>("SELECT * FROM api_tokens").all();
      this.cachedVersion = version;
    }
    return this.cache;
  }
}

function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}
