/**
 * The running server signs ledger checkpoints: a delivery it acknowledged is covered by a signed
 * checkpoint once the server stops cleanly, so truncating the ledger afterwards is detected.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLedger } from "../ledger/open-ledger.js";
import { SECRET, example, signedRequest } from "./__fixtures__/signed-delivery.js";
import { startServer } from "./start-server.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "custody-serve-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("startServer", () => {
  it("signs a checkpoint covering every acknowledged delivery when it stops", async () => {
    const ledgerPath = join(dir, "ledger.db");
    const running = await startServer({
      port: 0,
      host: "127.0.0.1",
      ledger: { store: "sqlite", path: ledgerPath },
      statePath: join(dir, "state.db"),
      webhookSecret: SECRET,
    });
    const url = `${running.url}/webhooks/github`;
    for (const id of ["d-1", "d-2", "d-3"]) {
      const response = await fetch(await signedRequest("issues", example("issues", "opened"), id, { url }));
      expect(response.status).toBe(200);
    }
    await running.stop();

    const ledger = await openLedger({ store: "sqlite", path: ledgerPath });
    try {
      const checkpoints = await ledger.store.checkpoints();
      expect(checkpoints.at(-1)?.treeSize).toBe(3);
    } finally {
      await ledger.close();
    }
  });
});
