import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStateDatabase } from "../cases/case-store.js";
import { isCustodyError } from "../model/errors.js";
import { TokenStore } from "../server/token-store.js";
import { capturedIO } from "./cli-io.js";
import { buildProgram } from "./main.js";
import { serveCommand } from "./serve.js";

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
    expect(new TokenStore(db).verify(token)).toBe("auditor");
    expect(JSON.stringify(db.prepare("SELECT * FROM api_tokens").all())).not.toContain(token.slice(5));
    db.close();
  });

  it("refuses an unknown role", async () => {
    const error = await cli(["serve", "token", "create", "--role", "root"]).catch((e: unknown) => e);
    expect(isCustodyError(error, "USAGE")).toBe(true);
    expect((error as Error).message).toContain("reader, auditor, admin");
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
