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
