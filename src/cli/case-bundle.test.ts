/** `custody case export` / `case verify`: an offline bundle against one signed, cosigned checkpoint. */
import { runCommand, type CommandResult } from "./__fixtures__/run-command.js";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateSignerKey, parseVerifierKey } from "../ledger/notes/note-keys.js";
import { openLedger } from "../ledger/open-ledger.js";
import { generateCosignerKey, parseCosignerKey } from "../ledger/witness/cosignature.js";
import { Witness } from "../ledger/witness/witness.js";
import { witnessApp } from "../ledger/witness/witness-app.js";
import { submitToWitnesses } from "../ledger/witness/witness-checkpoints.js";
import { caseCommand } from "./case.js";
import { EXIT_PASS, EXIT_USAGE } from "./exit-codes.js";

const ORIGIN = "test.example/ledger";
let dir: string;
let http: ServerType;
let witness: Witness;
let witnessVkey: string;

async function run(args: string[]): Promise<CommandResult> {
  return runCommand(caseCommand, args, { cwd: dir });
}

function delivery(i: number, event: string, body: string): Parameters<Awaited<ReturnType<typeof openLedger>>["append"]>[0][number] {
  const payload = JSON.parse(body) as { action?: string };
  return {
    kind: `${event}.${payload.action ?? ""}`,
    source: "github-webhook",
    deliveryId: `d-${String(i)}`,
    repository: "acme/api",
    payload,
    body,
    headers: { "x-github-event": event, "x-github-delivery": `d-${String(i)}`, "x-hub-signature-256": `sha256=${"ab".repeat(32)}` },
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "custody-case-bundle-"));
  const keys = generateSignerKey(ORIGIN);
  writeFileSync(join(dir, "ledger.vkey"), keys.vkey);
  const cosigner = generateCosignerKey("witness.example/w1");
  witnessVkey = cosigner.vkey;
  witness = Witness.open(join(dir, "witness.db"), parseCosignerKey(cosigner.skey), new Map([[ORIGIN, [parseVerifierKey(keys.vkey)]]]));
  const address = await new Promise<AddressInfo>((resolve) => {
    http = serve({ fetch: witnessApp(witness).fetch, port: 0, hostname: "127.0.0.1" }, resolve);
  });
  const ledger = await openLedger({ store: "sqlite", path: join(dir, ".custody", "ledger.db") }, { signingKey: keys.skey, origin: ORIGIN });
  await ledger.append([
    delivery(
      0,
      "pull_request",
      '{"action":"opened","number":7,"pull_request":{"number":7,"id":18446744073709551616},"repository":{"full_name":"acme/api"}}',
    ),
    delivery(1, "pull_request", '{"action":"opened","number":8,"pull_request":{"number":8},"repository":{"full_name":"acme/api"}}'),
    delivery(
      2,
      "issue_comment",
      '{"action":"created","issue":{"number":7,"pull_request":{}},"comment":{"body":"LGTM"},"repository":{"full_name":"acme/api"}}',
    ),
  ]);
  await ledger.append([
    {
      kind: "check.result",
      source: "check",
      repository: "acme/api",
      payload: { forSeq: 0, repository: "acme/api", number: 7, headSha: "abc", status: "completed" },
    },
  ]);
  await ledger.checkpoint();
  const url = `http://127.0.0.1:${String(address.port)}`;
  const [outcome] = await submitToWitnesses(ledger, [url]);
  if (outcome?.ok !== true) {
    throw new Error(`the witness did not cosign: ${outcome?.message ?? "no outcome"}`);
  }
  await ledger.close();
  writeFileSync(join(dir, "witness-url"), url);
});

afterEach(async () => {
  await new Promise((resolve) => http.close(resolve));
  witness.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("custody case export / verify", () => {
  it("exports the case's events only, proven against the cosigned checkpoint, and verifies offline", async () => {
    const url = readFileSync(join(dir, "witness-url"), "utf8");
    const exported = await run(["case", "export", "acme/api#7", "-o", "case.json", "--witness", url]);
    expect(exported.code).toBe(EXIT_PASS);
    const bundle = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as {
      events: { event: { seq: number; body: string } }[];
      checkpoint: string;
    };
    expect(bundle.events.map((e) => e.event.seq)).toEqual([0, 2, 3]);
    expect(bundle.events[0]?.event.body).toContain("18446744073709551616");
    expect(bundle.checkpoint).toMatch(/— witness\.example\/w1 /);
    const verified = await run(["case", "verify", "case.json", "--key", "ledger.vkey", "--witness-key", witnessVkey]);
    expect(verified.out).toBe(
      `Case bundle verified: 3 events of acme/api#7 are in the log's tree of 4, signed by ${ORIGIN}, witness.example/w1.\n`,
    );
  });

  it.each([
    [
      "one byte of a recorded body",
      (text: string) => text.replace('\\"comment\\":{\\"body\\":\\"LGTM\\"}', '\\"comment\\":{\\"body\\":\\"LGTm\\"}'),
      /event 2 \(issue_comment.created\): its payload is not what its recorded body says|event 2 .*does not hash/,
    ],
    [
      "one byte of a body and its payload alike",
      (text: string) => text.replaceAll("LGTM", "LGTm"),
      /event 2 \(issue_comment.created\): its content does not hash to its leaf hash/,
    ],
    [
      "a recorded header",
      (text: string) => text.replace('"x-github-delivery": "d-0"', '"x-github-delivery": "d-9"'),
      /event 0 \(pull_request.opened\): its content does not hash/,
    ],
    ["the signed checkpoint", (text: string) => text.replace(/\\n4\\n/, "\\n5\\n"), /does not verify|not the one it names/],
  ])("a bundle with %s changed fails (exit 2, PROOF_INVALID naming the event)", async (_name, mangle, message) => {
    await run(["case", "export", "acme/api#7", "-o", "case.json"]);
    const text = readFileSync(join(dir, "case.json"), "utf8");
    const changed = mangle(text);
    expect(changed).not.toBe(text);
    writeFileSync(join(dir, "case.json"), changed);
    const res = await run(["case", "verify", "case.json", "--key", "ledger.vkey"]);
    expect(res.code).toBe(EXIT_USAGE);
    expect(res.message).toMatch(message);
  });

  it("requires the named witness's cosignature when --witness-key is given", async () => {
    await run(["case", "export", "acme/api#7", "-o", "plain.json"]);
    const res = await run(["case", "verify", "plain.json", "--key", "ledger.vkey", "--witness-key", witnessVkey]);
    expect(res.code).toBe(EXIT_USAGE);
    expect(res.message).toMatch(/the checkpoint is not signed by witness\.example\/w1/);
  });

  it("a case with no events, and a malformed case reference, are usage errors", async () => {
    expect((await run(["case", "export", "acme/api#99", "-o", "x.json"])).message).toMatch(
      /^USAGE: The ledger has no event of acme\/api#99/,
    );
    expect((await run(["case", "export", "acme-api-7", "-o", "x.json"])).message).toMatch(/^USAGE: "acme-api-7" is not a case/);
  });
});
