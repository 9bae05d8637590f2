/** The C2SP tlog-tiles read API: tiles rebuild the signed root; paths are parsed canonically. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashChildren } from "../ledger/merkle/merkle-hash.js";
import { rootOfLeafHashes } from "../ledger/merkle/merkle-frontier.js";
import { parseCheckpointBody } from "../ledger/notes/checkpoint-body.js";
import { openNote } from "../ledger/notes/signed-note.js";
import { openLedger, type CustodyLedger } from "../ledger/open-ledger.js";
import { parseTilePath } from "../ledger/tiles/tiles.js";
import { addTlogRoutes } from "./tlog-routes.js";

let dir: string;
let ledger: CustodyLedger;
let app: Hono;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "custody-tiles-"));
  ledger = await openLedger({ store: "sqlite", path: join(dir, "ledger.db") });
  await ledger.append(Array.from({ length: 600 }, (_, i) => ({ kind: "note", source: "cli" as const, payload: { i } })));
  await ledger.checkpoint();
  app = new Hono();
  addTlogRoutes(app, { ledger });
});

afterAll(async () => {
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

async function tile(path: string): Promise<Buffer[]> {
  const res = await app.request(`/tile/${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/octet-stream");
  const bytes = Buffer.from(await res.arrayBuffer());
  return Array.from({ length: bytes.length / 32 }, (_, i) => bytes.subarray(i * 32, (i + 1) * 32));
}

describe("tlog-tiles over a ledger of 600 events", () => {
  it("serves the signed checkpoint, and the tiles rebuild its root", async () => {
    const res = await app.request("/checkpoint");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const body = parseCheckpointBody(openNote(await res.text(), await ledger.defaultVerifiers()).text);
    expect(body.treeSize).toBe(600);
    const level0 = [...(await tile("0/000")), ...(await tile("0/001")), ...(await tile("0/002.p/88"))];
    expect(level0).toHaveLength(600);
    const stored = await ledger.get(300);
    expect(level0[300]?.toString("hex")).toBe(stored?.leafHash);
    const level1 = await tile("1/000.p/2");
    expect(level1[0]?.equals(rootOfLeafHashes(level0.slice(0, 256)))).toBe(true);
    // RFC 6962: 600 = 512 + 88, the left subtree from the level-1 tile, the right from level 0.
    const root = hashChildren(hashChildren(level1[0]!, level1[1]!), rootOfLeafHashes(level0.slice(512)));
    expect(root.equals(body.rootHash)).toBe(true);
  });

  it.each(["0/003", "0/002", "0/002.p/89", "1/000", "2/000.p/1", "entries/000", "0/x000/002", "0/2"])(
    "404 for %s (beyond the tree, not a canonical path, or entries)",
    async (path) => {
      expect((await app.request(`/tile/${path}`)).status).toBe(404);
    },
  );
});

describe("tile paths", () => {
  it.each([
    ["0/000", { level: 0, index: 0 }],
    ["0/x001/x234/067", { level: 0, index: 1_234_067 }],
    ["3/042.p/7", { level: 3, index: 42, width: 7 }],
    ["63/000", { level: 63, index: 0 }],
  ])("%s", (path, want) => {
    expect(parseTilePath(path)).toEqual(want);
  });

  it.each(["64/000", "00/000", "0/42", "0/x000/042", "0/001.p/0", "0/001.p/256", "0/001.p/07", "0/001/", "-1/000"])(
    "refuses %s",
    (path) => {
      expect(parseTilePath(path)).toBeUndefined();
    },
  );
});
