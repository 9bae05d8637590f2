import { describe, expect, it } from "vitest";
import { policySchema } from "../schema/policy-schema.js";
import { closestKey, editDistance, knownKeysAt } from "./suggest-key.js";

describe("closestKey", () => {
  it.each([
    ["protected_path", "protected_paths"],
    ["fail-on", "fail_on"],
    ["requried_trailers", "required_trailers"],
    ["colour", undefined],
    ["x", undefined],
  ])("%s → %s", (typo, suggestion) => {
    expect(closestKey(typo, ["protected_paths", "fail_on", "required_trailers", "version"])).toBe(suggestion);
  });

  it("computes edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("finds the keys of nested sections, through lists and defaults", () => {
    expect(knownKeysAt(policySchema, ["rules", "path_scope", "scopes", 0])).toEqual([
      "name",
      "agents",
      "labels",
      "only_changed_files",
      "deny_changed_files",
    ]);
    expect(knownKeysAt(policySchema, ["agents", 0])).toContain("account_ids");
    expect(knownKeysAt(policySchema, ["fail_on"])).toEqual([]);
  });
});
