/**
 * The ledger as a C2SP tlog-tiles log: `GET /checkpoint` (the latest signed checkpoint with its
 * witnesses' cosignatures) and `GET /tile/<L>/<N>[.p/<W>]` (Merkle tree tiles). Unauthenticated
 * on purpose: hashes and signed tree heads reveal no payload, and an auditor must be able to
 * fetch them with any C2SP client. Entry bundles are not served (see src/ledger/tiles/tiles.ts).
 */
import type { Env, Hono } from "hono";
import type { CustodyLedger } from "../ledger/open-ledger.js";
import { parseTilePath, readTile, servedCheckpoint } from "../ledger/tiles/tiles.js";

export function addTlogRoutes<E extends Env>(app: Hono<E>, options: { ledger: CustodyLedger; witnesses?: readonly string[] }): void {
  app.get("/checkpoint", async (c) => {
    const note = await servedCheckpoint(options.ledger, options.witnesses ?? []);
    if (note === undefined) {
      return c.text("no checkpoint has been signed yet\n", 404);
    }
    return c.body(note, 200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache, max-age=0" });
  });
  app.get("/tile/*", async (c) => {
    const rest = c.req.path.slice("/tile/".length);
    const tile = parseTilePath(rest);
    if (tile === undefined) {
      return c.text(
        rest.startsWith("entries/") ? "entry bundles are not served: entries are private webhook payloads\n" : "not a tile path\n",
        404,
      );
    }
    const bytes = await readTile(options.ledger, tile);
    if (bytes === undefined) {
      return c.text("the tree does not hold this tile\n", 404);
    }
    // Full tiles never change; a partial one is replaced by a wider one as the tree grows.
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": "application/octet-stream",
      "cache-control": tile.width === undefined ? "public, max-age=31536000, immutable" : "no-cache",
    });
  });
}
