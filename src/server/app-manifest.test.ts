// app.yml is what a user registers the App with: it must subscribe to every event that
// re-evaluates a pull request, hold the permission each event needs, and write nothing but checks.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifest = parse(readFileSync(fileURLToPath(new URL("../../app.yml", import.meta.url)), "utf8")) as {
  name: string;
  default_permissions: Record<string, string>;
  default_events: string[];
  hook_attributes: { url: string };
};

/** The permission GitHub requires for each webhook event. */
const PERMISSION_OF: Record<string, string> = {
  pull_request: "pull_requests",
  pull_request_review: "pull_requests",
  check_run: "checks",
  check_suite: "checks",
  push: "contents",
  issues: "issues",
  workflow_run: "actions",
  workflow_job: "actions",
  deployment: "deployments",
  deployment_status: "deployments",
  status: "statuses",
};

describe("app.yml", () => {
  it("subscribes to every event that re-evaluates a pull request", () => {
    expect(manifest.default_events).toEqual(
      expect.arrayContaining(["pull_request", "pull_request_review", "check_run", "check_suite", "push"]),
    );
  });

  it.each(Object.entries(PERMISSION_OF).filter(([event]) => manifest.default_events.includes(event)))(
    "holds the permission %s needs",
    (_event, permission) => {
      expect(manifest.default_permissions[permission]).toMatch(/^(read|write)$/);
    },
  );

  it("writes only check runs, and asks for no permission no event or read needs", () => {
    const writes = Object.entries(manifest.default_permissions).filter(([, level]) => level !== "read");
    expect(writes).toEqual([["checks", "write"]]);
    const needed = new Set([...manifest.default_events.map((e) => PERMISSION_OF[e]), "metadata", "contents", "pull_requests", "checks"]);
    expect(Object.keys(manifest.default_permissions).filter((p) => !needed.has(p))).toEqual([]);
    expect(manifest.hook_attributes.url).toMatch(/\/webhooks\/github$/);
  });
});
