import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CaseStore, openStateDatabase } from "../cases/case-store.js";
import { caseFile } from "../cases/case-file.js";
import { openLedger } from "../ledger/open-ledger.js";
import { example } from "../server/__fixtures__/signed-delivery.js";
import { capturedIO } from "./cli-io.js";
import { buildProgram } from "./main.js";
import { ingestCommand } from "./ingest.js";
import { isCustodyError } from "../model/errors.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "custody-ingest-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function ingest(args: string[]): Promise<{ code: number; out: string }> {
  const io = capturedIO({ cwd: dir });
  let code = 0;
  const program = buildProgram(
    {
      io,
      setExitCode: (c) => {
        code = c;
      },
    },
    [ingestCommand],
  );
  await program.parseAsync(["ingest", ...args], { from: "user" });
  return { code, out: io.out() };
}

function agentPr(): Record<string, unknown> {
  const payload = example("pull_request", "opened");
  (payload.pull_request as Record<string, unknown>).user = { login: "copilot-swe-agent[bot]", id: 198982749, type: "Bot" };
  return payload;
}

describe("custody ingest", () => {
  it("replays recorded deliveries into the SQLite ledger and the case files; a second replay stores nothing", async () => {
    const lines = [
      { event: "pull_request", delivery: "rec-1", payload: agentPr() },
      { event: "push", delivery: "rec-2", payload: example("push") },
      { event: "future_thing", delivery: "rec-3", payload: { anything: true } },
    ];
    writeFileSync(join(dir, "d.jsonl"), `${lines.map((l) => JSON.stringify(l)).join("\n")}\n\n`);
    const first = await ingest(["d.jsonl"]);
    expect(first.code).toBe(0);
    expect(first.out).toContain("3 new, 0 already in the ledger");
    const again = await ingest(["d.jsonl"]);
    expect(again.out).toContain("0 new, 3 already in the ledger");

    const ledger = await openLedger({ store: "sqlite", path: join(dir, ".custody/ledger.db") }, { readOnly: true });
    expect(await ledger.size()).toBe(3);
    expect((await ledger.findByDeliveryId("rec-3"))?.kind).toBe("future_thing");
    await ledger.close();
    const store = new CaseStore(openStateDatabase(join(dir, ".custody/server.db")));
    const pr = agentPr() as { repository: { full_name: string }; pull_request: { number: number } };
    expect(caseFile(store, pr.repository.full_name, pr.pull_request.number)).toMatchObject({
      agentAuthored: true,
      agent: "github-copilot",
    });
    store.db.close();
  });

  it("names the line of a bad delivery and stores nothing from the file", async () => {
    writeFileSync(
      join(dir, "bad.jsonl"),
      `${JSON.stringify({ event: "push", delivery: "ok-1", payload: {} })}\n{"event": "push", "delivery": \n`,
    );
    const error = await ingest(["bad.jsonl"]).catch((e: unknown) => e);
    expect(isCustodyError(error, "PAYLOAD_INVALID")).toBe(true);
    expect((error as { position: unknown }).position).toEqual({ file: "bad.jsonl", line: 2 });

    writeFileSync(join(dir, "shape.jsonl"), `${JSON.stringify({ event: "Push!", delivery: "x", payload: {} })}\n`);
    const shape = await ingest(["shape.jsonl"]).catch((e: unknown) => e);
    expect((shape as Error).message).toContain("`event`");
  });

  it("reports a missing file as FILE_NOT_FOUND", async () => {
    const error = await ingest(["nope.jsonl"]).catch((e: unknown) => e);
    expect(isCustodyError(error, "FILE_NOT_FOUND")).toBe(true);
  });
});
