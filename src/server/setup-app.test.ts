import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "../sources/github/__fixtures__/fake-github.js";
import { setupApp, writeEnv } from "./setup-app.js";

let dir: string;
let github: FakeGitHub;
let apiUrl: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "custody-setup-"));
  github = new FakeGitHub();
  apiUrl = await github.start();
});

afterEach(async () => {
  await github.stop();
  rmSync(dir, { recursive: true, force: true });
});

function stateOf(html: string): string {
  return /state=([0-9a-f]{32})/.exec(html)?.[1] ?? "";
}

describe("custody serve --setup (the manifest flow)", () => {
  it("posts app.yml with this server's URLs to GitHub, exchanges the code, and writes .env and a private key only the owner can read", async () => {
    let done: { id: number } | undefined;
    const app = setupApp({ publicUrl: "https://custody.example.com", dir, apiUrl, org: "octo-org", onDone: (d) => (done = d) });
    const html = await (await app.request("/setup")).text();
    expect(html).toContain('action="https://github.com/organizations/octo-org/settings/apps/new?state=');
    const manifest = JSON.parse(
      /name="manifest" value="([^"]*)"/
        .exec(html)?.[1]
        ?.replaceAll("&quot;", '"')
        .replaceAll("&amp;", "&")
        .replaceAll("&#39;", "'")
        .replaceAll("&lt;", "<")
        .replaceAll("&gt;", ">") ?? "{}",
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: "Custody",
      hook_attributes: { url: "https://custody.example.com/webhooks/github" },
      redirect_url: "https://custody.example.com/setup/callback",
      default_permissions: { checks: "write", contents: "read" },
    });

    const res = await app.request(`/setup/callback?code=abc123&state=${stateOf(html)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("install the App");
    expect(github.manifestCodes).toEqual(["abc123"]);
    expect(github.violations).toEqual([]);
    const env = readFileSync(join(dir, ".env"), "utf8");
    expect(env).toContain("CUSTODY_APP_ID=424242\n");
    expect(env).toContain("CUSTODY_WEBHOOK_SECRET=whsec-from-github\n");
    expect(env).toContain("CUSTODY_PUBLIC_URL=https://custody.example.com\n");
    expect(statSync(join(dir, ".env")).mode & 0o077).toBe(0);
    expect(statSync(join(dir, ".custody", "app.pem")).mode & 0o077).toBe(0);
    expect(readFileSync(join(dir, ".custody", "app.pem"), "utf8")).toContain("PRIVATE KEY");
    expect(done?.id).toBe(424242);
  });

  it("refuses a callback whose state did not come from its own page", async () => {
    const app = setupApp({ publicUrl: "https://custody.example.com", dir, apiUrl });
    const res = await app.request("/setup/callback?code=abc123&state=00000000000000000000000000000000");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "bad_request" });
    expect(github.manifestCodes).toEqual([]);
  });

  it("keeps the other lines of an existing .env and replaces the keys it sets", () => {
    const path = join(dir, ".env");
    writeFileSync(path, "# mine\nOTHER=1\nCUSTODY_APP_ID=1\n");
    writeEnv(path, { CUSTODY_APP_ID: "2" });
    expect(readFileSync(path, "utf8")).toBe("# mine\nOTHER=1\nCUSTODY_APP_ID=2\n");
  });
});
