/**
 * Witness cosigning throughput (`npx tsx bench/ledger-witness.ts [checkpoints]`): a log grows by
 * one leaf per checkpoint and submits each with its consistency proof to `Witness.addCheckpoint`
 * (state durable per call: SQLite WAL, synchronous = FULL). Baseline in the same run: the same
 * signature work without the state (open the log's note, cosign), i.e. what the protocol costs
 * before persistence. Wall and CPU time, load average; nothing asserted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { hashLeaf } from "../src/ledger/merkle/merkle-hash.js";
import { MerkleFrontier } from "../src/ledger/merkle/merkle-frontier.js";
import { consistencyPlan, nodeKey, nodesForPlan, proofFromPlan } from "../src/ledger/merkle/merkle-proof-plan.js";
import { formatCheckpointBody } from "../src/ledger/notes/checkpoint-body.js";
import { generateSignerKey, parseSignerKey, parseVerifierKey } from "../src/ledger/notes/note-keys.js";
import { openNote, signNote } from "../src/ledger/notes/signed-note.js";
import { generateCosignerKey, parseCosignerKey } from "../src/ledger/witness/cosignature.js";
import { Witness } from "../src/ledger/witness/witness.js";

const N = Number(process.argv[2] ?? 5000);
const ORIGIN = "bench.example/log";
const log = generateSignerKey(ORIGIN);
const signer = parseSignerKey(log.skey);
const verifier = parseVerifierKey(log.vkey);
const cosigner = parseCosignerKey(generateCosignerKey("bench.example/witness").skey);

// The submissions, prepared before timing: checkpoint i+1 with a proof from size i.
const frontier = MerkleFrontier.empty();
const nodes = new Map<string, Buffer>();
const bodies: string[] = [];
for (let i = 0; i < N; i++) {
  for (const node of frontier.append(hashLeaf(Buffer.from(`leaf ${String(i)}`)))) {
    nodes.set(nodeKey(node), node.hash);
  }
  const note = signNote(formatCheckpointBody(ORIGIN, frontier.size, frontier.root()), [signer]);
  const old = frontier.size - 1;
  const proof =
    old === 0
      ? []
      : proofFromPlan(
          consistencyPlan(old, frontier.size),
          new Map(nodesForPlan(consistencyPlan(old, frontier.size)).map((n) => [nodeKey(n), nodes.get(nodeKey(n)) ?? Buffer.alloc(32)])),
        );
  bodies.push(`old ${String(old)}\n${proof.map((h) => `${h.toString("base64")}\n`).join("")}\n${note}`);
}

function measure(label: string, fn: () => void): void {
  const cpu = process.cpuUsage();
  const t = performance.now();
  fn();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  console.log(
    `  ${label.padEnd(44)} ${((N / ms) * 1000).toFixed(0).padStart(6)} checkpoints/s   wall ${ms.toFixed(0)} ms   cpu ${((used.user + used.system) / 1000).toFixed(0)} ms`,
  );
}

console.log(
  `Witness cosigning, ${String(N)} checkpoints, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
measure("baseline: open note + cosign, no state", () => {
  for (const body of bodies) {
    const text = openNote(body.slice(body.indexOf("\n\n") + 2), [verifier]).text;
    cosigner.cosign(text, 1_700_000_000);
  }
});
const dir = mkdtempSync(join(tmpdir(), "custody-bench-witness-"));
const witness = Witness.open(join(dir, "witness.db"), cosigner, new Map([[ORIGIN, [verifier]]]));
let ok = 0;
measure("Witness.addCheckpoint (durable SQLite state)", () => {
  for (const body of bodies) {
    if (witness.addCheckpoint(body).status === 200) {
      ok += 1;
    }
  }
});
console.log(
  `  cosigned ${String(ok)} of ${String(N)}; load average after ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
witness.close();
rmSync(dir, { recursive: true, force: true });
