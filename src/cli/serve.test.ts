import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStateDatabase } from "../cases/case-store.js";
import { isCustodyError } from "../model/errors.js";
import { TokenStore } from "../server/token-store.js";
import { capturedIO } from "./cli-io.js";
import { buildProgram } from "./main.js";
import { serveCommand, withEnvFile } from "./serve.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "custody-serve-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ out: string; err: string }> {
  const io = capturedIO({ cwd: dir, env });
  const program = buildProgram({ io, setExitCode: () => undefined }, [serveCommand]);
  await program.parseAsync(args, { from: "user" });
  return { out: io.out(), err: io.err() };
}

describe("custody serve token create", () => {
  it("prints a new token once, stores only its hash, and the token verifies with its role", async () => {
    const { out, err } = await cli(["serve", "token", "create", "--role", "auditor", "--label", "audit team"]);
    const token = out.trim();
    expect(token).toMatch(/^cust_[A-Za-z0-9_-]{43}$/);
    expect(err).toContain("shown only now");
    const db = openStateDatabase(join(dir, ".custody/server.db"));
    expect(new TokenStore(db).verify(token)).toMatchObject({ role: "auditor", scope: undefined });
    expect(JSON.stringify(db.prepare("SELECT * FROM api_tokens").all())).not.toContain(token.slice(5));
    db.close();
  });

  it("refuses an unknown role", async () => {
    const error = await cli(["serve", "token", "create", "--role", "root"]).catch((e: unknown) => e);
    expect(isCustodyError(error, "USAGE")).toBe(true);
    expect((error as Error).message).toContain("reader, auditor, admin");
  });
});

describe("custody serve token list and revoke", () => {
  it("lists tokens without their values, revokes one, and a revoked or expired token stops verifying", async () => {
    const reader = (
      await cli(["serve", "token", "create", "--role", "reader", "--repo", "octo-org/widgets", "--repo", "acme/*"])
    ).out.trim();
    const auditor = (await cli(["serve", "token", "create", "--role", "auditor", "--expires", "30d", "--label", "audit"])).out.trim();
    const listed = JSON.parse((await cli(["serve", "token", "list", "--format", "json"])).out) as {
      id: number;
      role: string;
      scope: string[] | null;
      expiresAt: string | null;
      state: string;
    }[];
    expect(listed).toMatchObject([
      { id: 1, role: "reader", scope: ["acme/*", "octo-org/widgets"], expiresAt: null, state: "active" },
      { id: 2, role: "auditor", scope: null, expiresAt: expect.any(String), state: "active" },
    ]);
    const text = (await cli(["serve", "token", "list"])).out;
    expect(text).toContain("#2  auditor");
    expect(text).not.toContain(reader.slice(5));
    expect((await cli(["serve", "token", "revoke", "1"])).err).toContain("Revoked token #1");
    const db = openStateDatabase(join(dir, ".custody/server.db"));
    const store = new TokenStore(db);
    expect(store.verify(reader)).toBeUndefined();
    expect(store.verify(auditor)).toMatchObject({ role: "auditor" });
    expect(new TokenStore(db, () => Date.now() + 31 * 86_400_000).verify(auditor)).toBeUndefined();
    db.close();
  });

  it.each([
    [["serve", "token", "revoke", "9"], /no token #9/],
    [["serve", "token", "revoke", "x"], /token id is a number/],
    [["serve", "token", "create", "--role", "reader", "--expires", "soon"], /--expires "soon"/],
    [["serve", "token", "create", "--role", "reader", "--expires", "2001-01-01"], /not a future date/],
    [["serve", "token", "create", "--role", "reader", "--repo", "widgets"], /--repo "widgets" is not a repository/],
    [["serve", "token", "list", "--format", "xml"], /--format must be text or json/],
  ])("refuses %j", async (args, message) => {
    const error = await cli(args).catch((e: unknown) => e);
    expect(isCustodyError(error, "USAGE")).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe("custody serve .env", () => {
  it("reads .env beneath the environment: a variable already set wins", () => {
    writeFileSync(join(dir, ".env"), "CUSTODY_WEBHOOK_SECRET=from-file\nCUSTODY_APP_ID=42\n# a comment\n");
    expect(withEnvFile({ CUSTODY_APP_ID: "7" }, dir, undefined)).toMatchObject({
      CUSTODY_WEBHOOK_SECRET: "from-file",
      CUSTODY_APP_ID: "7",
    });
    expect(withEnvFile({}, join(dir, "nowhere"), undefined)).toEqual({});
  });

  it("refuses a named --env-file that does not exist", () => {
    expect(() => withEnvFile({}, dir, "missing.env")).toThrow(/--env-file missing.env cannot be read/);
  });
});

describe("custody serve", () => {
  it("refuses to start without a webhook secret", async () => {
    const error = await cli(["serve", "--port", "0"]).catch((e: unknown) => e);
    expect(isCustodyError(error, "USAGE")).toBe(true);
    expect((error as Error).message).toContain("CUSTODY_WEBHOOK_SECRET");
  });

  it("refuses a bad port and an App id without a private key", async () => {
    const port = await cli(["serve", "--port", "http"], { CUSTODY_WEBHOOK_SECRET: "s" }).catch((e: unknown) => e);
    expect((port as Error).message).toContain("--port");
    const key = await cli(["serve", "--port", "0"], { CUSTODY_WEBHOOK_SECRET: "s", CUSTODY_APP_ID: "1" }).catch((e: unknown) => e);
    expect(isCustodyError(key, "CONFIG_INVALID")).toBe(true);
  });

  it("teaches its options and an example in --help", async () => {
    const io = capturedIO({ cwd: dir });
    const program = buildProgram({ io, setExitCode: () => undefined }, [serveCommand]);
    await expect(program.parseAsync(["serve", "--help"], { from: "user" })).rejects.toThrow();
    expect(io.out()).toContain("--port");
    expect(io.out()).toContain("CUSTODY_WEBHOOK_SECRET");
    expect(io.out()).toContain("Examples:");
  });
});
