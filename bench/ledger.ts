/**
 * Ledger benchmarks (`npx tsx bench/ledger.ts [events]`):
 *  1. `verify` of 1,000,000 events (generated straight into SQLite), beside two baselines from the
 *     same run: plain SHA-256 of the same leaf bytes in memory, and a bare scan of the rows.
 *  2. Append throughput with group commit vs one transaction per append, same workload, same run
 *     (SQLite, and PostgreSQL when 127.0.0.1:5432 answers).
 * Every figure is printed; nothing is asserted.
 */
import { hash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { canonicalJson } from "../src/ledger/events/canonical-json.js";
import { headersJson, leafHashOf, leafText } from "../src/ledger/events/event-bytes.js";
import { MerkleFrontier } from "../src/ledger/merkle/merkle-frontier.js";
import { generateSignerKey } from "../src/ledger/notes/note-keys.js";
import { openLedger } from "../src/ledger/open-ledger.js";
import type { LedgerConfig } from "../src/ledger/open-ledger.js";
import { verifyLedger } from "../src/ledger/verify/verify-ledger.js";

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "custody-bench-ledger-"));
const seconds = (ms: number): string => (ms / 1000).toFixed(2);

function payload(i: number): unknown {
  return {
    action: "synchronize",
    number: i % 5000,
    pull_request: {
      number: i % 5000,
      title: `Change ${String(i)}`,
      head: { sha: hash("sha1", String(i)) },
      user: { login: i % 3 === 0 ? "copilot-swe-agent[bot]" : "alice" },
    },
    repository: { full_name: "acme/app", id: 123456 },
  };
}

async function generate(path: string, n: number): Promise<void> {
  // Create the schema and the key through the ledger itself, then bulk-load like the appender does.
  const ledger = await openLedger({ store: "sqlite", path });
  await ledger.close();
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const insertEvent = db.prepare(
    "INSERT INTO events (seq, kind, source, delivery_id, repository, occurred_at, received_at, payload, headers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertNode = db.prepare("INSERT INTO tree_nodes (level, idx, hash) VALUES (?, ?, ?)");
  const frontier = MerkleFrontier.empty();
  const receivedAt = new Date().toISOString();
  const chunk = 50_000;
  for (let start = 0; start < n; start += chunk) {
    db.transaction(() => {
      for (let seq = start; seq < Math.min(n, start + chunk); seq++) {
        // Recorded like a delivery: the body text as stored, and the delivery's headers.
        const headers = headersJson({
          "x-github-delivery": `bench-${String(seq)}`,
          "x-github-event": "pull_request",
          "x-github-hook-id": "123456",
          "x-hub-signature-256": `sha256=${"0f".repeat(32)}`,
        });
        const fields = {
          seq,
          kind: "pull_request.synchronize",
          source: "github-webhook" as const,
          deliveryId: `bench-${String(seq)}`,
          repository: "acme/app",
          occurredAt: receivedAt,
          receivedAt,
          headersJson: headers,
        };
        const json = canonicalJson(payload(seq));
        insertEvent.run(
          seq,
          fields.kind,
          fields.source,
          fields.deliveryId,
          fields.repository,
          fields.occurredAt,
          receivedAt,
          json,
          headers,
        );
        for (const node of frontier.append(leafHashOf(fields, json))) {
          insertNode.run(node.level, node.index, node.hash);
        }
      }
    })();
  }
  db.prepare("UPDATE tree_state SET size = ?, frontier = ? WHERE id = 1").run(frontier.size, frontier.toBlob());
  db.close();
}

async function benchVerify(): Promise<void> {
  const path = join(dir, "verify", "ledger.db");
  let t = performance.now();
  await generate(path, EVENTS);
  console.log(`generated ${String(EVENTS)} events into SQLite in ${seconds(performance.now() - t)} s`);
  const ledger = await openLedger({ store: "sqlite", path });
  await ledger.checkpoint();

  // Baseline A: a bare scan of the same rows (no hashing).
  const db = new Database(path, { readonly: true });
  t = performance.now();
  let bytes = 0;
  for (const row of db.prepare("SELECT payload FROM events ORDER BY seq").pluck().iterate()) {
    bytes += (row as string).length;
  }
  const scanMs = performance.now() - t;
  // Baseline B: plain SHA-256 of the same leaf bytes, in memory (texts built before timing).
  const texts: string[] = [];
  for (const row of db
    .prepare("SELECT seq, kind, source, delivery_id, repository, occurred_at, received_at, payload, headers FROM events ORDER BY seq")
    .iterate()) {
    const r = row as {
      seq: number;
      kind: string;
      source: "github-webhook";
      delivery_id: string;
      repository: string;
      occurred_at: string;
      received_at: string;
      payload: string;
      headers: string;
    };
    texts.push(
      leafText(
        {
          seq: r.seq,
          kind: r.kind,
          source: r.source,
          deliveryId: r.delivery_id,
          repository: r.repository,
          occurredAt: r.occurred_at,
          receivedAt: r.received_at,
          headersJson: r.headers,
        },
        r.payload,
      ),
    );
  }
  db.close();
  t = performance.now();
  for (const text of texts) {
    hash("sha256", text, "buffer");
  }
  const shaMs = performance.now() - t;
  texts.length = 0;

  const verifiers = await ledger.defaultVerifiers();
  t = performance.now();
  const report = await verifyLedger(ledger.store, { origin: ledger.origin, verifiers });
  const verifyMs = performance.now() - t;
  console.log(
    `load average before the single-thread run ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  // The same verify with every leaf checked on the main thread: what the worker threads buy.
  t = performance.now();
  const single = await verifyLedger(ledger.store, { origin: ledger.origin, verifiers, workers: 0 });
  const singleMs = performance.now() - t;
  // And the parallel verify once more: the first run also pays for starting (and, under tsx, compiling) the workers.
  t = performance.now();
  const again = await verifyLedger(ledger.store, { origin: ledger.origin, verifiers });
  const againMs = performance.now() - t;
  await ledger.close();
  console.log(
    `verify: ${String(report.treeSize)} events, ok=${String(report.ok)}, ${String(report.checkpointsVerified)} checkpoint(s): ${seconds(verifyMs)} s (${((report.treeSize / verifyMs) * 1000).toFixed(0)} events/s), ${String(report.checkedInWorkers)} leaves checked in worker threads`,
  );
  console.log(`  same verify on one thread (workers: 0), ok=${String(single.ok)}: ${seconds(singleMs)} s`);
  console.log(`  same verify in worker threads again, ok=${String(again.ok)}: ${seconds(againMs)} s`);
  console.log(`  baseline, bare SQLite scan of the payloads (${(bytes / 1e6).toFixed(0)} MB): ${seconds(scanMs)} s`);
  console.log(`  baseline, plain SHA-256 of the same leaf bytes in memory: ${seconds(shaMs)} s`);
}

async function throughput(
  config: LedgerConfig,
  label: string,
  groupCommit: boolean,
  total: number,
  concurrency: number,
  signingKey?: string,
): Promise<number> {
  const ledger = await openLedger(config, { groupCommit, ...(signingKey === undefined ? {} : { signingKey }) });
  const t = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      await ledger.append([
        {
          kind: "pull_request.synchronize",
          source: "github-webhook",
          deliveryId: `${label}-${String(i)}`,
          repository: "acme/app",
          payload: payload(i),
        },
      ]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t;
  await ledger.close();
  return (total / ms) * 1000;
}

async function benchAppend(): Promise<void> {
  const total = 1500;
  const concurrency = 50;
  const sqlite = (name: string): LedgerConfig => ({ store: "sqlite", path: join(dir, name, "ledger.db") });
  const grouped = await throughput(sqlite("grouped"), "g", true, total, concurrency);
  const single = await throughput(sqlite("single"), "s", false, total, concurrency);
  console.log(`append, SQLite (WAL, synchronous=FULL), ${String(total)} appends from ${String(concurrency)} concurrent callers:`);
  console.log(`  group commit: ${grouped.toFixed(0)} events/s`);
  console.log(`  one transaction per append (baseline): ${single.toFixed(0)} events/s`);

  const url = "postgres://postgres@127.0.0.1:5432/test";
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
  } catch {
    console.log("append, PostgreSQL: skipped (127.0.0.1:5432 not reachable)");
    return;
  }
  const schema = `custody_bench_${String(process.pid)}`;
  const key = generateSignerKey("bench/ledger").skey;
  try {
    const pgGrouped = await throughput(
      { store: "postgres", connectionString: url, schema: `${schema}_g` },
      "g",
      true,
      total,
      concurrency,
      key,
    );
    const pgSingle = await throughput(
      { store: "postgres", connectionString: url, schema: `${schema}_s` },
      "s",
      false,
      total,
      concurrency,
      key,
    );
    console.log(`append, PostgreSQL, ${String(total)} appends from ${String(concurrency)} concurrent callers:`);
    console.log(`  group commit: ${pgGrouped.toFixed(0)} events/s`);
    console.log(`  one transaction per append (baseline): ${pgSingle.toFixed(0)} events/s`);
  } finally {
    await probe.query(`DROP SCHEMA IF EXISTS "${schema}_g" CASCADE; DROP SCHEMA IF EXISTS "${schema}_s" CASCADE`);
    await probe.end();
  }
}

try {
  // Other work on the machine slows every figure alike; the baselines from the same run keep them comparable.
  console.log(
    `Node ${process.version}, ${String(EVENTS)} events, ${String(cpus().length)} CPUs, load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await benchVerify();
  await benchAppend();
  console.log(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
