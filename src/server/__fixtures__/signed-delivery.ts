/** Builds webhook requests signed the way GitHub signs them (`@octokit/webhooks-methods` `sign`). */
import { sign } from "@octokit/webhooks-methods";
import { createRequire } from "node:module";

export const SECRET = "test-webhook-secret";

export interface Example {
  event: string;
  payload: Record<string, unknown>;
}

/** Every example payload of `@octokit/webhooks-examples`, with its event name. */
export function allExamples(): Example[] {
  const require = createRequire(import.meta.url);
  const index = require("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: Record<string, unknown>[] }[];
  return index.flatMap((entry) => entry.examples.map((payload) => ({ event: entry.name, payload })));
}

export function example(event: string, action?: string): Record<string, unknown> {
  const found = allExamples().find((e) => e.event === event && (action === undefined || e.payload.action === action));
  if (found === undefined) {
    throw new Error(`no example for ${event}.${action ?? ""}`);
  }
  return structuredClone(found.payload);
}

export async function signedRequest(
  event: string,
  payload: unknown,
  delivery: string,
  options: { body?: string; contentType?: string; signature?: string | null; secret?: string; url?: string } = {},
): Promise<Request> {
  const body = options.body ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/json",
    "x-github-event": event,
    "x-github-delivery": delivery,
    "user-agent": "GitHub-Hookshot/test",
  };
  const signature = options.signature === undefined ? await sign(options.secret ?? SECRET, body) : options.signature;
  if (signature !== null) {
    headers["x-hub-signature-256"] = signature;
  }
  return new Request(options.url ?? "http://localhost/webhooks/github", { method: "POST", headers, body });
}
