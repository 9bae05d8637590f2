import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openLedger } from "../ledger/open-ledger.js";
import { SECRET, example, signedRequest } from "./__fixtures__/signed-delivery.js";

const CHILD = fileURLToPath(new URL("./__fixtures__/serve-child.ts", import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

function startChild(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CHILD, "serve", "--port", "0", "--ledger", join(dir, "ledger.db"), "--state", join(dir, "server.db")],
    {
      env: { ...process.env, CUSTODY_WEBHOOK_SECRET: SECRET },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+) /.exec(out);
      if (match?.[1] !== undefined) {
        resolve({ child, url: match[1] });
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once("exit", (code) => {
      reject(new Error(`server exited (${String(code)}) before listening: ${err}`));
    });
  });
}

async function send(url: string, id: string, payload: unknown): Promise<number> {
  const req = await signedRequest("pull_request", payload, id, { url: `${url}/webhooks/github` });
  try {
    const res = await fetch(req);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // connection reset by the kill: not acknowledged
  }
}

afterEach(() => {
  for (const child of children.splice(0)) {
    child.kill("SIGKILL");
  }
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("kill -9 during ingestion", () => {
  it("loses no acknowledged delivery and duplicates none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "custody-crash-"));
    dirs.push(dir);
    const payload = example("pull_request", "opened");
    const ids = Array.from({ length: 200 }, (_, i) => `crash-${String(i)}`);
    const first = await startChild(dir);

    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++] ?? "";
        const status = await send(first.url, id, payload);
        if (status === 200) {
          acknowledged.push(id);
        }
        if (!killed && acknowledged.length >= 60) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect({ killed, acknowledged: acknowledged.length >= 60, someRefused: acknowledged.length < ids.length }).toEqual({
      killed: true,
      acknowledged: true,
      someRefused: true,
    });

    // Restart on the same files, and let GitHub redeliver everything (acknowledged ones included).
    const second = await startChild(dir);
    // GitHub retries a delivery that was not answered 2xx; a 503 (ledger busy) is retried too.
    const redeliver = async (id: string): Promise<number> => {
      let status = 0;
      for (let attempt = 0; attempt < 3 && status !== 200; attempt += 1) {
        status = await send(second.url, id, payload);
      }
      return status;
    };
    const redelivered = await Promise.all(ids.map(redeliver));
    expect(redelivered.filter((status) => status !== 200)).toEqual([]);
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));

    const ledger = await openLedger({ store: "sqlite", path: join(dir, "ledger.db") }, { readOnly: true });
    const seen = new Map<string, number>();
    for await (const event of ledger.scan()) {
      if (event.deliveryId !== undefined) {
        seen.set(event.deliveryId, (seen.get(event.deliveryId) ?? 0) + 1);
      }
    }
    await ledger.close();
    for (const id of acknowledged) {
      expect(seen.get(id), id).toBe(1);
    }
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(seen.size).toBe(ids.length);
  });
});
