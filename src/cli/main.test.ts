import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo, Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { capturedIO } from "./cli-io.js";
import { run, systemErrorMessage } from "./main.js";

let dir: string | undefined;
let occupier: Server | undefined;

afterEach(async () => {
  if (dir !== undefined) {
    rmSync(dir, { recursive: true, force: true });
  }
  await new Promise<void>((resolve) => {
    if (occupier === undefined) {
      resolve();
      return;
    }
    occupier.close(() => {
      resolve();
    });
  });
  dir = undefined;
  occupier = undefined;
});

describe("the CLI error boundary", () => {
  it("a port in use is one line and exit 2, not a stack trace", async () => {
    const busy = createServer();
    occupier = busy;
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const { port } = busy.address() as AddressInfo;
    dir = mkdtempSync(join(tmpdir(), "custody-main-"));
    const io = capturedIO({ cwd: dir, env: { CUSTODY_WEBHOOK_SECRET: "s3cret" } });
    const code = await run(["serve", "--port", String(port), "--ledger", join(dir, "ledger.db")], io);
    expect(code).toBe(2);
    expect(io.err()).toBe(
      `custody: cannot listen 127.0.0.1:${String(port)}: the address is already in use (another process is listening there; pick another --port or stop it).\n`,
    );
  });

  it("names the syscall and path of other environment errors, and leaves real bugs alone", () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/etc/x'"), {
      code: "EACCES",
      syscall: "open",
      path: "/etc/x",
    });
    expect(systemErrorMessage(denied)).toBe("cannot open /etc/x: permission denied.");
    expect(systemErrorMessage(new TypeError("x is not a function"))).toBeUndefined();
    expect(systemErrorMessage(Object.assign(new Error("odd"), { code: "ERR_ASSERTION" }))).toBeUndefined();
  });
});
