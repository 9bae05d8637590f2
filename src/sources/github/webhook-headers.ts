/**
 * What a GitHub webhook delivery's identifying headers may contain, checked wherever a delivery
 * enters (the webhook route, `custody ingest` of recorded deliveries). The values are
 * attacker-controlled and end up in ledger kinds and messages, so only a conservative alphabet
 * of bounded length is accepted: event names (and payload actions) are lower-case words with
 * underscores (`pull_request_review`), delivery ids GUIDs (letters, digits, dashes).
 */

/** `X-GitHub-Event`, and a payload's `action`. */
export const GITHUB_EVENT_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** `X-GitHub-Delivery`: the same on a redelivery, so the ledger's dedup key. */
export const GITHUB_DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/;

/** What the ledger accepts as a repository (`owner/name`); anything else stays in the body only. */
export const GITHUB_REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Headers recorded with a delivery besides event and delivery id: GitHub's, when present and plain. */
export const RECORDED_WEBHOOK_HEADERS = [
  "x-github-hook-id",
  "x-github-hook-installation-target-id",
  "x-github-hook-installation-target-type",
  "x-hub-signature-256",
] as const;

/** A recorded header value: printable ASCII, bounded. */
export const GITHUB_HEADER_VALUE = /^[\x20-\x7e]{1,200}$/;
