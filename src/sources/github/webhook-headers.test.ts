import { describe, expect, it } from "vitest";
import { GITHUB_DELIVERY_ID, GITHUB_EVENT_NAME } from "./webhook-headers.js";

describe("webhook header patterns", () => {
  it.each(["pull_request", "pull_request_review", "push", "check_run", "opened", "x"])("accepts the event name %s", (name) => {
    expect(GITHUB_EVENT_NAME.test(name)).toBe(true);
  });

  it.each(["", "Pull_Request", "1push", "pull-request", "pull_request\n", "a".repeat(65), "push;drop"])(
    "refuses the event name %j",
    (name) => {
      expect(GITHUB_EVENT_NAME.test(name)).toBe(false);
    },
  );

  it.each(["72d3162e-cc78-11e3-81ab-4c9367dc0958", "rec-1", "A"])("accepts the delivery id %s", (id) => {
    expect(GITHUB_DELIVERY_ID.test(id)).toBe(true);
  });

  it.each(["", "a b", "../x", "id\n", "a".repeat(101), "δ"])("refuses the delivery id %j", (id) => {
    expect(GITHUB_DELIVERY_ID.test(id)).toBe(false);
  });
});
