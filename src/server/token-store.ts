/**
 * API tokens: random 256-bit bearer tokens with a role (reader < auditor < admin). Only the
 * SHA-256 of a token is stored; the token itself is shown once, when created. Verification
 * hashes the presented token and compares it with every stored hash in constant time
 * (`timingSafeEqual`), so neither the comparison nor an index lookup leaks how close a guess was.
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

const TOKEN_PREFIX = "cust_";

interface TokenRow {
  id: number;
  hash: Buffer;
  role: Role;
  label: string;
}

export class TokenStore {
  private cache: TokenRow[] | undefined;

  constructor(private readonly db: Database.Database) {
    db.exec(
      "CREATE TABLE IF NOT EXISTS api_tokens (id INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, role TEXT NOT NULL, label TEXT NOT NULL, created_at TEXT NOT NULL)",
    );
  }

  /** Creates a token and returns it: the only time its clear text exists. */
  create(role: Role, label = ""): { token: string; id: number } {
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const result = this.db
      .prepare("INSERT INTO api_tokens (hash, role, label, created_at) VALUES (?, ?, ?, ?)")
      .run(hashToken(token), role, label, new Date().toISOString());
    this.cache = undefined;
    return { token, id: Number(result.lastInsertRowid) };
  }

  /** The role of a presented token, or undefined when it matches none. */
  verify(token: string): Role | undefined {
    const presented = hashToken(token);
    let role: Role | undefined;
    // Compare against every row, without an early exit, so timing does not depend on which matched.
    for (const row of this.rows()) {
      if (timingSafeEqual(presented, row.hash)) {
        role = row.role;
      }
    }
    return role;
  }

  private rows(): TokenRow[] {
    this.cache ??= this.db.prepare<[], TokenRow>("SELECT id, hash, role, label FROM api_tokens").all();
    return this.cache;
  }
}

function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}
