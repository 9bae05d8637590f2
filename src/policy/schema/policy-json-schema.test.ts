import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { policyJsonSchema, policyJsonSchemaText } from "./policy-json-schema.js";

const committed = fileURLToPath(new URL("../../../docs/custody.schema.json", import.meta.url));

describe("policyJsonSchema", () => {
  it("equals the committed docs/custody.schema.json (regenerate: custody policy schema --output docs/custody.schema.json)", () => {
    expect(readFileSync(committed, "utf8")).toBe(policyJsonSchemaText());
  });

  it("describes the file a person writes: strict objects, version required, defaults optional", () => {
    const schema = policyJsonSchema() as {
      required?: string[];
      additionalProperties?: boolean;
      properties: Record<string, { default?: unknown }>;
    };
    expect(schema.required).toEqual(["version"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([
      "version",
      "fail_on",
      "agents",
      "provenance",
      "on_missing_data",
      "approvals",
      "rules",
      "detectors",
      "retention",
    ]);
    expect(schema.properties.fail_on?.default).toBe("medium");
  });
});
