/**
 * The ledger's outside anchors through the CLI: `verify --checkpoint FILE` and `verify --witness
 * URL` against a rolled-back copy, a witness over HTTP fed by the log, and the signing key given
 * apart from the database on SQLite and PostgreSQL (`ledger checkpoint`, `proof`, and `serve`
 * refusing a PostgreSQL ledger without a key).
 */
import { runCommand, type CommandResult } from "./__fixtures__/run-command.js";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateSignerKey, parseVerifierKey } from "../ledger/notes/note-keys.js";
import { openLedger, type CustodyLedger } from "../ledger/open-ledger.js";
import { generateCosignerKey, parseCosignerKey } from "../ledger/witness/cosignature.js";
import { Witness } from "../ledger/witness/witness.js";
import { witnessApp } from "../ledger/witness/witness-app.js";
import { submitToWitnesses, witnessedCheckpoint } from "../ledger/witness/witness-checkpoints.js";
import { PG_URL } from "../../test/support/ledger-stores.js";
import type { CommandModule } from "./command.js";
import { EXIT_FAIL, EXIT_PASS, EXIT_USAGE } from "./exit-codes.js";
import { ledgerCommand } from "./ledger.js";
import { proofCommand } from "./proof.js";
import { serveCommand } from "./serve.js";
import { verifyCommand } from "./verify.js";

const ORIGIN = "test.example/ledger";
let dir: string;
let keys: { skey: string; vkey: string };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "custody-cli-evidence-"));
  keys = generateSignerKey(ORIGIN);
  writeFileSync(join(dir, "ledger.key"), `${keys.skey}\n`, { mode: 0o600 });
  writeFileSync(join(dir, "ledger.vkey"), `${keys.vkey}\n`);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(module: CommandModule, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return runCommand(module, args, { cwd: dir, env });
}

async function sqliteLedger(name: string): Promise<CustodyLedger> {
  return openLedger({ store: "sqlite", path: join(dir, name) }, { keyPath: join(dir, "ledger.key") });
}

async function grow(ledger: CustodyLedger, n: number): Promise<void> {
  const from = await ledger.size();
  await ledger.append(Array.from({ length: n }, (_, i) => ({ kind: "note", source: "cli" as const, payload: { i: from + i } })));
}

/** A ledger of 4 events copied aside (the "backup"), then grown to 9 with a checkpoint kept in a file. */
async function rolledBackPair(): Promise<void> {
  const ledger = await sqliteLedger("ledger.db");
  await grow(ledger, 4);
  await ledger.checkpoint();
  await ledger.close();
  copyFileSync(join(dir, "ledger.db"), join(dir, "backup.db"));
  const live = await sqliteLedger("ledger.db");
  await grow(live, 5);
  writeFileSync(join(dir, "latest.note"), (await live.checkpoint()).note);
  await live.close();
}

describe("custody verify --checkpoint", () => {
  it("an older copy restored: exit 0 on its own, exit 1 naming the rollback against the checkpoint kept elsewhere", async () => {
    await rolledBackPair();
    expect((await run(verifyCommand, ["verify", "--ledger", "backup.db", "--key", "ledger.vkey"])).code).toBe(EXIT_PASS);
    const res = await run(verifyCommand, ["verify", "--ledger", "backup.db", "--key", "ledger.vkey", "--checkpoint", "latest.note"]);
    expect(res.code).toBe(EXIT_FAIL);
    expect(res.out).toMatch(
      /\[rollback\] Rolled back: the checkpoint file latest\.note signs 9 events but this ledger holds 4; events 4\.\.8 are missing/,
    );
    expect(
      (await run(verifyCommand, ["verify", "--ledger", "ledger.db", "--key", "ledger.vkey", "--checkpoint", "latest.note"])).code,
    ).toBe(EXIT_PASS);
  });

  it("a checkpoint file signed by another key is bad input (exit 2), not a verdict", async () => {
    await rolledBackPair();
    writeFileSync(join(dir, "other.vkey"), generateSignerKey(ORIGIN).vkey);
    const res = await run(verifyCommand, ["verify", "--ledger", "ledger.db", "--key", "other.vkey", "--checkpoint", "latest.note"]);
    expect(res.code).toBe(EXIT_USAGE);
    expect(res.message).toMatch(/^CHECKPOINT_INVALID: The checkpoint file latest\.note is not a checkpoint signed by this log's key/);
  });
});

describe("a witness over HTTP", () => {
  let http: ServerType;
  let url: string;
  let witness: Witness;

  beforeEach(async () => {
    witness = Witness.open(
      join(dir, "witness.db"),
      parseCosignerKey(generateCosignerKey("witness.example/w1").skey),
      new Map([[ORIGIN, [parseVerifierKey(keys.vkey)]]]),
    );
    const address = await new Promise<AddressInfo>((resolve) => {
      http = serve({ fetch: witnessApp(witness).fetch, port: 0, hostname: "127.0.0.1" }, resolve);
    });
    url = `http://127.0.0.1:${String(address.port)}`;
  });

  afterEach(async () => {
    await new Promise((resolve) => http.close(resolve));
    witness.close();
  });

  it("the log submits each checkpoint and keeps the cosignature; verify --witness catches a rolled-back copy", async () => {
    const ledger = await sqliteLedger("ledger.db");
    await grow(ledger, 3);
    await ledger.checkpoint();
    await ledger.close();
    copyFileSync(join(dir, "ledger.db"), join(dir, "backup.db"));
    const live = await sqliteLedger("ledger.db");
    expect(await submitToWitnesses(live, [url])).toEqual([{ witness: url, ok: true, treeSize: 3 }]);
    await grow(live, 4);
    await live.checkpoint();
    expect(await submitToWitnesses(live, [url])).toEqual([{ witness: url, ok: true, treeSize: 7 }]);
    expect((await witnessedCheckpoint(live, url))?.note).toMatch(/— witness\.example\/w1 /);
    await live.close();

    // The restored copy cannot get its old checkpoint cosigned: the witness has seen size 7.
    const old = await sqliteLedger("backup.db");
    const [refused] = await submitToWitnesses(old, [url]);
    expect(refused).toMatchObject({ ok: false, treeSize: 3 });
    expect(refused?.message).toMatch(/^409: the witness has cosigned a checkpoint of size 7, newer than this ledger's 3/);
    await old.close();

    const res = await run(verifyCommand, ["verify", "--ledger", "backup.db", "--key", "ledger.vkey", "--witness", url]);
    expect(res.code).toBe(EXIT_FAIL);
    expect(res.out).toMatch(/\[rollback\] Rolled back: the witness http:\/\/127\.0\.0\.1:\d+ signs 7 events but this ledger holds 3/);
    expect((await run(verifyCommand, ["verify", "--ledger", "ledger.db", "--key", "ledger.vkey", "--witness", url])).code).toBe(EXIT_PASS);
  });
});

describe("the signing key apart from the database", () => {
  it("SQLite: CUSTODY_SIGNING_KEY_FILE signs `ledger checkpoint`; no key file is created beside the database", async () => {
    const ledger = await openLedger({ store: "sqlite", path: join(dir, "data", "ledger.db") }, { signingKey: keys.skey, origin: ORIGIN });
    await grow(ledger, 2);
    await ledger.close();
    const res = await run(ledgerCommand, ["ledger", "checkpoint", "--ledger", "data/ledger.db"], {
      CUSTODY_SIGNING_KEY_FILE: "ledger.key",
    });
    expect(res.code).toBe(EXIT_PASS);
    expect(res.out).toMatch(/^test\.example\/ledger\n2\n/);
    expect(() => statSync(join(dir, "data", "ledger.key"))).toThrow();
  });

  it("a key that is not the ledger's is refused before anything is signed", async () => {
    const ledger = await sqliteLedger("ledger.db");
    await grow(ledger, 1);
    await ledger.checkpoint();
    await ledger.close();
    writeFileSync(join(dir, "other.key"), generateSignerKey(ORIGIN).skey);
    const res = await run(ledgerCommand, ["ledger", "checkpoint", "--ledger", "ledger.db", "--signing-key-file", "other.key"]);
    expect(res.code).toBe(EXIT_USAGE);
    expect(res.message).toMatch(/^CONFIG_INVALID: The configured signing key .* is not this ledger's key/);
  });

  describe("PostgreSQL", () => {
    const schema = `custody_cli_keys_${String(process.pid)}`;
    const url = PG_URL;

    afterEach(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });

    it("ledger checkpoint and proof sign with --signing-key-file; the proof verifies offline", async () => {
      const ledger = await openLedger({ store: "postgres", connectionString: url, schema }, { signingKey: keys.skey, origin: ORIGIN });
      await grow(ledger, 3);
      await ledger.close();
      const pgArgs = ["--database-url", url, "--schema", schema, "--signing-key-file", "ledger.key"];
      const proof = await run(proofCommand, ["proof", "1", ...pgArgs, "-o", "p.json"]);
      expect(proof.code).toBe(EXIT_PASS);
      expect((await run(proofCommand, ["proof", "--verify", "p.json", "--key", "ledger.vkey"])).out).toMatch(
        /Inclusion proof verified: event 1/,
      );
      expect((await run(ledgerCommand, ["ledger", "checkpoint", ...pgArgs])).code).toBe(EXIT_PASS);
      expect((await run(verifyCommand, ["verify", "--database-url", url, "--schema", schema, "--key", "ledger.vkey"])).out).toMatch(
        /Ledger intact: 3 events .* 2 signed checkpoints verified/,
      );
      expect(JSON.parse(readFileSync(join(dir, "p.json"), "utf8"))).toMatchObject({ treeSize: 3 });
    });

    it("a PostgreSQL ledger truncated after a checkpoint is named as truncated", async () => {
      const ledger = await openLedger({ store: "postgres", connectionString: url, schema }, { signingKey: keys.skey, origin: ORIGIN });
      await grow(ledger, 6);
      await ledger.checkpoint();
      await ledger.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DELETE FROM ${schema}.events WHERE seq >= 4`);
      await client.query(`DELETE FROM ${schema}.tree_nodes WHERE level = 0 AND idx >= 4`);
      await client.end();
      const res = await run(verifyCommand, ["verify", "--database-url", url, "--schema", schema, "--key", "ledger.vkey"]);
      expect(res.code).toBe(EXIT_FAIL);
      expect(res.out).toMatch(/\[truncated\] The ledger holds 4 events but a checkpoint was signed at tree size 6/);
    });

    it("serve refuses a PostgreSQL ledger without a signing key, naming the options", async () => {
      const res = await run(serveCommand, ["serve", "--database-url", url, "--schema", schema, "--port", "0"], {
        CUSTODY_WEBHOOK_SECRET: "s",
      });
      expect(res.code).toBe(EXIT_USAGE);
      expect(res.message).toMatch(
        /^USAGE: A PostgreSQL ledger needs a checkpoint signing key .*--signing-key-file PATH .*CUSTODY_SIGNING_KEY_FILE or CUSTODY_SIGNING_KEY/,
      );
    });
  });
});
