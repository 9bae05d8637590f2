/**
 * `custody verify`, `custody proof` and `custody ledger` end to end on a real SQLite ledger in a
 * temporary directory: exit codes, the first bad seq named, an offline proof round trip, and
 * retention through the CLI.
 */
import { runCommand, type CommandResult } from "./__fixtures__/run-command.js";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLedger } from "../ledger/open-ledger.js";
import { sqliteDatabase } from "../../test/support/ledger-stores.js";
import type { CommandModule } from "./command.js";
import { EXIT_FAIL, EXIT_PASS, EXIT_USAGE } from "./exit-codes.js";
import { ledgerCommand } from "./ledger.js";
import { proofCommand } from "./proof.js";
import { verifyCommand } from "./verify.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "custody-cli-ledger-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one command as main.ts would (CustodyError → 2), in `dir`. */
async function run(module: CommandModule, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return runCommand(module, args, { cwd: dir, env });
}

async function seed(n: number, checkpoint = true, now?: () => Date): Promise<void> {
  const ledger = await openLedger({ store: "sqlite", path: join(dir, ".custody", "ledger.db") }, now === undefined ? {} : { now });
  await ledger.append(
    Array.from({ length: n }, (_, i) => ({
      kind: "pull_request.opened",
      source: "github-webhook" as const,
      deliveryId: `d-${String(i)}`,
      repository: "acme/app",
      payload: { number: i, pull_request: { number: i } },
    })),
  );
  if (checkpoint) {
    await ledger.checkpoint();
  }
  await ledger.close();
}

async function tamper(sql: string): Promise<void> {
  const ledger = await openLedger({ store: "sqlite", path: join(dir, ".custody", "ledger.db") });
  sqliteDatabase(ledger).exec(sql);
  await ledger.close();
}

describe("custody verify", () => {
  it("exits 0 on an intact ledger and says so", async () => {
    await seed(8);
    const r = await run(verifyCommand, ["verify"]);
    expect(r.code).toBe(EXIT_PASS);
    expect(r.out).toMatch(/Ledger intact: 8 events .* 1 signed checkpoint verified/);
  });

  it.each([
    ["a modified payload byte", "UPDATE events SET payload = replace(payload, '\"number\":5', '\"number\":6') WHERE seq = 5", 5],
    ["a deleted row", "DELETE FROM events WHERE seq = 3", 3],
    [
      "two swapped rows",
      "UPDATE events SET seq = -1 WHERE seq = 1; UPDATE events SET seq = 1 WHERE seq = 6; UPDATE events SET seq = 6 WHERE seq = -1",
      1,
    ],
    ["an inserted row", "INSERT INTO events (seq, kind, source, received_at, payload) VALUES (8, 'x', 'cli', '2026-01-01', '{}')", 8],
    ["truncation", "DELETE FROM events WHERE seq >= 6; DELETE FROM tree_nodes WHERE level = 0 AND idx >= 6", 6],
  ])("exits 1 on %s and names seq %i", async (_what, sql, seq) => {
    await seed(8);
    await tamper(sql);
    const r = await run(verifyCommand, ["verify"]);
    expect(r.code).toBe(EXIT_FAIL);
    expect(r.out).toContain(`First bad event: seq ${String(seq)}.`);
  });

  it("prints the report as JSON with --json", async () => {
    await seed(3);
    const r = await run(verifyCommand, ["verify", "--json"]);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, treeSize: 3 });
  });

  it("exits 2 when there is no ledger, naming the path", async () => {
    const r = await run(verifyCommand, ["verify", "--ledger", "missing.db"]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.message).toMatch(/FILE_NOT_FOUND: No ledger at .*missing\.db/);
  });

  it("checks signatures against an independent --key, and fails when the key is not the signer's", async () => {
    await seed(2);
    const ledger = await openLedger({ store: "sqlite", path: join(dir, ".custody", "ledger.db") });
    const vkey = ledger.verifierKey!;
    await ledger.close();
    expect((await run(verifyCommand, ["verify", "--key", vkey])).code).toBe(EXIT_PASS);
    const other = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    const r = await run(verifyCommand, ["verify", "--key", other]);
    expect(r.code).toBe(EXIT_FAIL);
    expect(r.out).toMatch(/no signature by a trusted key/);
  });

  it("teaches in --help: options, default and an example", async () => {
    const r = await run(verifyCommand, ["verify", "--help"]);
    expect(r.out).toMatch(/--ledger <path>[\s\S]*\.custody\/ledger\.db[\s\S]*Examples:/);
  });
});

describe("custody proof", () => {
  it("prints an inclusion proof by seq or delivery id that verifies offline without the database", async () => {
    await seed(9);
    const bySeq = await run(proofCommand, ["proof", "4", "-o", "p.json"]);
    expect(bySeq.code).toBe(EXIT_PASS);
    const byDelivery = await run(proofCommand, ["proof", "d-4"]);
    expect(JSON.parse(byDelivery.out)).toEqual(JSON.parse(readFileSync(join(dir, "p.json"), "utf8")));
    const keyFile = join(dir, ".custody", "ledger.key");
    const vkey = (await openLedger({ store: "sqlite", path: join(dir, ".custody", "ledger.db") }, { readOnly: true }).then(async (l) => {
      const k = l.verifierKey;
      await l.close();
      return k;
    }))!;
    rmSync(join(dir, ".custody", "ledger.db"));
    rmSync(keyFile);
    const verified = await run(proofCommand, ["proof", "--verify", "p.json", "--key", vkey]);
    expect(verified.code).toBe(EXIT_PASS);
    expect(verified.out).toMatch(/Inclusion proof verified: event 4 \(pull_request.opened\) is leaf 4 of the tree of 9/);
    expect(existsSync(join(dir, ".custody", "ledger.db"))).toBe(false);
  });

  it("rejects a proof whose event was edited (PROOF_INVALID, exit 2)", async () => {
    await seed(5);
    await run(proofCommand, ["proof", "2", "-o", "p.json"]);
    const bundle = JSON.parse(readFileSync(join(dir, "p.json"), "utf8")) as { event: { payload: { number: number } } };
    bundle.event.payload.number = 3;
    writeFileSync(join(dir, "p.json"), JSON.stringify(bundle));
    const r = await run(proofCommand, ["proof", "--verify", "p.json"]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.message).toMatch(/^PROOF_INVALID: .*does not hash to the proven leaf/);
  });

  it("proves and verifies consistency between two sizes", async () => {
    await seed(12);
    const r = await run(proofCommand, ["proof", "--consistency", "5", "12", "-o", "c.json"]);
    expect(r.code).toBe(EXIT_PASS);
    const v = await run(proofCommand, ["proof", "--verify", "c.json"]);
    expect(v.out).toMatch(/tree of 5 events .* is a prefix of the tree of 12/);
  });

  it("refuses bad requests with exit 2", async () => {
    await seed(2);
    expect((await run(proofCommand, ["proof", "99"])).message).toMatch(/^USAGE: The ledger has no event "99"/);
    expect((await run(proofCommand, ["proof", "--consistency", "1"])).message).toMatch(/two tree sizes/);
    expect((await run(proofCommand, ["proof", "--consistency", "2", "1"])).message).toMatch(/1 ≤ SIZE1 ≤ SIZE2/);
    writeFileSync(join(dir, "junk.json"), "{not json");
    expect((await run(proofCommand, ["proof", "--verify", "junk.json"])).message).toMatch(
      /^PROOF_INVALID: The proof file junk.json is not JSON/,
    );
    writeFileSync(join(dir, "shape.json"), JSON.stringify({ type: "custody.inclusion-proof/v1", leafIndex: -1 }));
    expect((await run(proofCommand, ["proof", "--verify", "shape.json"])).message).toMatch(
      /^PROOF_INVALID: The proof in .*shape.json is malformed at `origin`/,
    );
  });
});

describe("custody ledger", () => {
  it("status shows size, root and the latest checkpoint", async () => {
    await seed(4);
    const r = await run(ledgerCommand, ["ledger", "status"]);
    expect(r.out).toMatch(/Events:\s+4[\s\S]*Checkpoint:\s+tree size 4/);
  });

  it("checkpoint signs and prints a note", async () => {
    await seed(3, false);
    const r = await run(ledgerCommand, ["ledger", "checkpoint"]);
    expect(r.out).toMatch(/^localhost\/custody-ledger\n3\n[A-Za-z0-9+/=]{44}\n\n— localhost\/custody-ledger /);
  });

  it("holds, export and purge work together; verify stays green after the purge", async () => {
    await seed(6);
    expect(
      (await run(ledgerCommand, ["ledger", "hold", "add", "--repository", "acme/app", "--pr", "2", "--reason", "case 2"])).out,
    ).toMatch(/Hold 1 added on acme\/app#2/);
    expect((await run(ledgerCommand, ["ledger", "hold", "list"])).out).toMatch(/^1\tacme\/app#2\t/);
    writeFileSync(join(dir, "policy.yml"), "version: 1\nretention:\n  review_cycle_days: 1\n  days:\n    'pull_request.*': 1\n");
    // Nothing is a day old yet.
    expect((await run(ledgerCommand, ["ledger", "purge", "--policy", "policy.yml", "--export", "x.jsonl", "--dry-run"])).out).toMatch(
      /Would purge 0 events under the retention of policy.yml/,
    );
    const exported = await run(ledgerCommand, ["ledger", "export", "--output", "all.jsonl"]);
    expect(exported.out).toMatch(/Exported 6 events/);
    expect((await run(ledgerCommand, ["ledger", "hold", "remove", "1"])).out).toMatch(/Hold 1 lifted/);
    expect((await run(ledgerCommand, ["ledger", "hold", "remove", "1"])).message).toMatch(/There is no legal hold 1/);
    expect((await run(verifyCommand, ["verify"])).code).toBe(EXIT_PASS);
  });

  it("refuses a retention shorter than the review cycle, at its line in the policy (POLICY_INVALID, exit 2)", async () => {
    await seed(1);
    mkdirSync(join(dir, ".github"));
    writeFileSync(
      join(dir, ".github", "custody.yml"),
      "version: 1\nretention:\n  review_cycle_days: 90\n  days:\n    default: 365\n    check.result: 30\n",
    );
    const r = await run(ledgerCommand, ["ledger", "purge", "--export", "x.jsonl"]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.message).toMatch(
      /^POLICY_INVALID: At `retention.days.check.result`: `check.result` events are kept for 30 days, shorter than the declared review cycle of 90 days/,
    );
    expect(existsSync(join(dir, "x.jsonl"))).toBe(false);
  });

  it("purges by the retention of .github/custody.yml: exports first, records the purge, verify stays green", async () => {
    // Events received in 2020 are long past a 30-day retention.
    await seed(4, true, () => new Date("2020-01-01T00:00:00Z"));
    mkdirSync(join(dir, ".github"));
    writeFileSync(
      join(dir, ".github", "custody.yml"),
      "version: 1\nretention:\n  review_cycle_days: 30\n  days:\n    'pull_request.*': 30\n",
    );
    const r = await run(ledgerCommand, ["ledger", "purge", "--export", "purged.jsonl"]);
    expect(r.out).toMatch(
      /^Purged 4 events under the retention of \.github\/custody\.yml \(exported first to purged\.jsonl, sha256 [0-9a-f]{64}\), recorded as event 4/,
    );
    expect(readFileSync(join(dir, "purged.jsonl"), "utf8").trim().split("\n")).toHaveLength(4);
    const verified = await run(verifyCommand, ["verify"]);
    expect(verified.code).toBe(EXIT_PASS);
    expect(verified.out).toMatch(/4 purged/);
  });

  it("purge without a policy file, or with a policy that sets no retention, purges nothing", async () => {
    await seed(1);
    const missing = await run(ledgerCommand, ["ledger", "purge", "--export", "x.jsonl"]);
    expect(missing.message).toMatch(/^POLICY_NOT_FOUND: No policy file was found/);
    writeFileSync(join(dir, "policy.yml"), "version: 1\n");
    const none = await run(ledgerCommand, ["ledger", "purge", "--policy", "policy.yml", "--export", "x.jsonl"]);
    expect(none).toMatchObject({ code: EXIT_PASS });
    expect(none.out).toMatch(/sets no retention/);
  });

  it("uses --database-url / CUSTODY_DATABASE_URL for PostgreSQL and refuses a non-postgres URL", async () => {
    const r = await run(ledgerCommand, ["ledger", "status"], { CUSTODY_DATABASE_URL: "mysql://x" });
    expect(r.message).toMatch(/^USAGE: The database URL must start with postgres/);
  });
});
