/**
 * `custody serve --setup`: registers the GitHub App through GitHub's manifest flow, as Probot's
 * setup does. `GET /setup` shows a button that posts `app.yml` (with this server's webhook and
 * callback URLs filled in) to GitHub; GitHub asks the user to confirm, then redirects to
 * `/setup/callback?code=…&state=…`; the server exchanges the one-time code
 * (`POST /app-manifests/{code}/conversions`, no authentication) for the App's id, private key and
 * webhook secret, writes the key to a file only the owner can read and the rest to `.env`, and
 * says how to install the App and start `custody serve`. The `state` is a random value checked
 * on return, so no other site can complete the flow for you.
 */
import { Octokit } from "@octokit/rest";
import { Hono } from "hono";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { escapeHtml, page } from "./details-page.js";

export interface SetupOptions {
  /** This server's address as GitHub and the browser reach it. */
  publicUrl: string;
  /** Where `.env` and the key file are written. */
  dir: string;
  /** GitHub's web root (default https://github.com) and API root (default https://api.github.com). */
  githubUrl?: string;
  apiUrl?: string;
  /** Register under an organisation instead of the signed-in user. */
  org?: string;
  /** The manifest file (default: app.yml at the package root). */
  manifestPath?: string;
  fetch?: typeof fetch;
  onDone?: (app: { id: number; htmlUrl: string; envPath: string }) => void;
}

const conversionSchema = z.object({
  id: z.number(),
  slug: z.string().nullish(),
  html_url: z.string(),
  pem: z.string(),
  webhook_secret: z.string().nullish(),
});

export function defaultManifestPath(): string {
  // src/server and dist/server are both two levels below the package root.
  return new URL("../../app.yml", import.meta.url).pathname;
}

/** app.yml with this server's URLs: the manifest GitHub's form takes. */
export function setupManifest(options: Pick<SetupOptions, "publicUrl" | "manifestPath">): Record<string, unknown> {
  const manifest = parse(readFileSync(options.manifestPath ?? defaultManifestPath(), "utf8")) as Record<string, unknown>;
  const base = options.publicUrl.replace(/\/+$/, "");
  return {
    ...manifest,
    hook_attributes: { ...(manifest.hook_attributes as object), url: `${base}/webhooks/github` },
    redirect_url: `${base}/setup/callback`,
    setup_url: `${base}/`,
  };
}

/** Sets or replaces `KEY=value` lines in a .env file, keeping every other line. */
export function writeEnv(path: string, values: Record<string, string>): void {
  const lines = existsSync(path) ? readFileSync(path, "utf8").split("\n") : [];
  const kept = lines.filter((line) => !Object.keys(values).some((key) => line.startsWith(`${key}=`)));
  while (kept.length > 0 && kept[kept.length - 1] === "") {
    kept.pop();
  }
  const added = Object.entries(values).map(([key, value]) => `${key}=${value}`);
  writeFileSync(path, `${[...kept, ...added].join("\n")}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function setupApp(options: SetupOptions): Hono {
  const app = new Hono();
  const state = randomBytes(16).toString("hex");
  const githubUrl = (options.githubUrl ?? "https://github.com").replace(/\/+$/, "");
  const action =
    options.org === undefined
      ? `${githubUrl}/settings/apps/new`
      : `${githubUrl}/organizations/${encodeURIComponent(options.org)}/settings/apps/new`;
  app.get("/", (c) => c.redirect("/setup"));
  app.get("/setup", (c) => {
    const manifest = JSON.stringify(setupManifest(options));
    return c.html(
      page(
        "Custody setup",
        `<h1>Register Custody as a GitHub App</h1><p>GitHub will show the App's permissions (read-only, except its check run) and ask you to confirm. Webhooks will go to <code>${escapeHtml(options.publicUrl)}/webhooks/github</code>.</p>` +
          `<form action="${escapeHtml(action)}?state=${state}" method="post"><input type="hidden" name="manifest" value="${escapeHtml(manifest)}"><button type="submit">Register on GitHub</button></form>`,
      ),
    );
  });
  app.get("/setup/callback", async (c) => {
    const code = c.req.query("code") ?? "";
    const returned = Buffer.from(c.req.query("state") ?? "");
    if (returned.length !== state.length || !timingSafeEqual(returned, Buffer.from(state)) || !/^[A-Za-z0-9_-]{1,100}$/.test(code)) {
      return c.json(
        { error: "bad_request", message: "This setup link did not come from this server's setup page; start again at /setup." },
        400,
      );
    }
    const octokit = new Octokit({
      ...(options.apiUrl === undefined ? {} : { baseUrl: options.apiUrl }),
      ...(options.fetch === undefined ? {} : { request: { fetch: options.fetch } }),
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    let converted: z.infer<typeof conversionSchema>;
    try {
      converted = conversionSchema.parse((await octokit.request("POST /app-manifests/{code}/conversions", { code })).data);
    } catch (error) {
      return c.json(
        {
          error: "github_api",
          message: `GitHub did not complete the registration: ${error instanceof Error ? error.message : String(error)}`,
        },
        502,
      );
    }
    const keyPath = join(options.dir, ".custody", "app.pem");
    mkdirSync(dirname(keyPath), { recursive: true });
    writeFileSync(keyPath, converted.pem, { mode: 0o600 });
    chmodSync(keyPath, 0o600);
    const envPath = join(options.dir, ".env");
    writeEnv(envPath, {
      CUSTODY_APP_ID: String(converted.id),
      CUSTODY_APP_PRIVATE_KEY_PATH: keyPath,
      ...(converted.webhook_secret ? { CUSTODY_WEBHOOK_SECRET: converted.webhook_secret } : {}),
      CUSTODY_PUBLIC_URL: options.publicUrl,
      ...(options.apiUrl === undefined ? {} : { CUSTODY_GITHUB_API_URL: options.apiUrl }),
    });
    options.onDone?.({ id: converted.id, htmlUrl: converted.html_url, envPath });
    return c.html(
      page(
        "Custody registered",
        `<h1>Custody is registered (App ${String(converted.id)})</h1><p>The App id, webhook secret and key path are in <code>.env</code>; the private key is in <code>.custody/app.pem</code>, readable only by you.</p><p>Next: <a href="${escapeHtml(converted.html_url)}/installations/new">install the App</a> on your repositories, then stop this setup and run <code>custody serve</code>.</p>`,
      ),
    );
  });
  return app;
}
