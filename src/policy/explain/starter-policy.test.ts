import { describe, expect, it } from "vitest";
import { defaultPolicy, parsePolicy } from "../load/load-policy.js";
import { starterPolicy } from "./starter-policy.js";

describe("starterPolicy", () => {
  it("loads, validates and equals the defaults, so adopting it changes nothing", () => {
    expect(parsePolicy(starterPolicy(), ".github/custody.yml")).toEqual(defaultPolicy());
  });

  it("every commented example is itself valid once uncommented", () => {
    // Uncomment the example blocks (lines starting with "#  " inside sections) and load the result.
    const uncommented = starterPolicy()
      .split("\n")
      .map((line) => line.replace(/^(\s*)#(\s{2,}[-"a-z])/, "$1$2"))
      .join("\n")
      .replace("agents: []", "agents:")
      .replace("scopes: []", "scopes:")
      .replace("team_members: {}", "team_members:")
      .replace("days: {}", "days:");
    const policy = parsePolicy(uncommented, ".github/custody.yml");
    expect(policy.agents.map((agent) => agent.id)).toEqual(["acme-agent"]);
    expect(policy.rules.path_scope.scopes).toHaveLength(1);
    expect(policy.rules.codeowner_approval.team_members).toEqual({ "@acme/platform": ["alice", "bob"] });
    expect(policy.detectors.secrets).toMatchObject({
      baseline: ".custody/secrets-baseline.json",
      max_file_bytes: 104857600,
      allowlist: { paths: ["**/testdata/**"] },
    });
    expect(policy.retention.days).toEqual({ default: 365, "pull_request.*": 730, "check.result": 180 });
  });
});
