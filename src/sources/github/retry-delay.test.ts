import { describe, expect, it } from "vitest";
import { CustodyError } from "../../model/errors.js";
import { githubRetryDelay } from "./retry-delay.js";

const http = (status: number, headers: Record<string, string> = {}): Error =>
  Object.assign(new Error(`HTTP ${String(status)}`), { status, response: { headers } });
const NOW = 1_700_000_000_000;

describe("githubRetryDelay", () => {
  it.each([
    ["a 502 backs off exponentially", http(502), 3, 4000],
    ["a 500 on the first attempt waits the base step", http(500), 1, 1000],
    ["a 429 with Retry-After waits that many seconds", http(429, { "retry-after": "7" }), 1, 7000],
    [
      "a 403 primary rate limit waits for x-ratelimit-reset",
      http(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW / 1000 + 30) }),
      1,
      31_000,
    ],
    ["a 403 with Retry-After (secondary limit) honours it", http(403, { "retry-after": "60" }), 2, 60_000],
    ["a 429 without headers waits at least a minute", http(429), 1, 60_000],
    ["a dropped connection backs off", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), 2, 2000],
    ["a wrapped RequestError is found through `cause`", new CustodyError("GITHUB_API", "failed", { cause: http(503) }), 1, 1000],
  ])("%s", (_name, error, attempt, expected) => {
    expect(githubRetryDelay(error, attempt, NOW)).toBe(expected);
  });

  it.each([
    ["a 404", http(404)],
    ["a 422 (our request was wrong)", http(422)],
    ["a 403 that is a permission problem, not a rate limit", http(403, { "x-ratelimit-remaining": "4999" })],
    ["an error that is not an HTTP failure", new Error("policy file is broken")],
  ])("does not retry %s", (_name, error) => {
    expect(githubRetryDelay(error, 1, NOW)).toBeUndefined();
  });

  it("caps the backoff", () => {
    expect(githubRetryDelay(http(500), 30, NOW, { maxBackoffMs: 10_000 })).toBe(10_000);
  });
});
