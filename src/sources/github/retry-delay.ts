/**
 * When to try a failed GitHub request again, as GitHub asks (docs: "Rate limits for the REST
 * API" and "Best practices"): after a 429, or a 403 that is a rate limit, wait for `Retry-After`
 * seconds when given, else until `x-ratelimit-reset` (epoch seconds) when the remaining quota is
 * 0, else at least a minute (a secondary limit without headers); a 5xx or a dropped connection
 * is retried with exponential backoff. Any other 4xx is our request's fault: not retried
 * (`undefined`). The error may be wrapped (a CustodyError whose `cause` is Octokit's
 * RequestError), so the chain of causes is searched.
 */

export interface RetryOptions {
  /** First backoff step; doubles each attempt. */
  baseMs?: number;
  /** Longest wait for a backoff step (a rate limit's reset is honoured even when later). */
  maxBackoffMs?: number;
}

interface HttpFailure {
  status?: number;
  headers: Record<string, string | undefined>;
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function failureOf(error: unknown): HttpFailure | "network" | undefined {
  for (let current: unknown = error, depth = 0; current !== null && typeof current === "object" && depth < 6; depth += 1) {
    const candidate = current as { status?: unknown; response?: { headers?: unknown }; code?: unknown; cause?: unknown; name?: unknown };
    if (typeof candidate.status === "number" && candidate.status >= 400) {
      const raw = candidate.response?.headers;
      const headers: Record<string, string | undefined> = {};
      if (raw !== null && typeof raw === "object") {
        for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
          headers[key.toLowerCase()] = typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
        }
      }
      return { status: candidate.status, headers };
    }
    if (
      (typeof candidate.code === "string" && NETWORK_CODES.has(candidate.code)) ||
      (candidate.name === "TypeError" && /fetch failed/i.test((current as Error).message))
    ) {
      return "network";
    }
    current = candidate.cause;
  }
  return undefined;
}

/** Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1), or undefined: do not retry. */
export function githubRetryDelay(
  error: unknown,
  attempt: number,
  now: number = Date.now(),
  options: RetryOptions = {},
): number | undefined {
  const base = options.baseMs ?? 1000;
  const cap = options.maxBackoffMs ?? 5 * 60_000;
  const backoff = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  const failure = failureOf(error);
  if (failure === undefined) {
    return undefined;
  }
  if (failure === "network") {
    return backoff;
  }
  const status = failure.status ?? 0;
  const retryAfter = failure.headers["retry-after"];
  const remaining = failure.headers["x-ratelimit-remaining"];
  const reset = failure.headers["x-ratelimit-reset"];
  const rateLimited = status === 429 || (status === 403 && (retryAfter !== undefined || remaining === "0"));
  if (rateLimited) {
    if (retryAfter !== undefined && /^\d{1,6}$/.test(retryAfter.trim())) {
      return Number(retryAfter.trim()) * 1000;
    }
    if (remaining === "0" && reset !== undefined && /^\d{1,12}$/.test(reset.trim())) {
      return Math.max(0, Number(reset.trim()) * 1000 - now) + 1000;
    }
    // A secondary rate limit without headers: GitHub asks for at least a minute.
    return Math.max(60_000, backoff);
  }
  return status >= 500 ? backoff : undefined;
}
