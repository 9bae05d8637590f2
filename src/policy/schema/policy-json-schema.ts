/**
 * The policy's JSON Schema for editors (yaml-language-server, VS Code): generated from the zod
 * schema with `io: "input"` (what a person writes, defaults optional), so it cannot drift from
 * the validator. Glob syntax and other refinements are checked by Custody, not by the schema.
 * docs/custody.schema.json is this output, committed; a test keeps the two equal.
 */
import { z } from "zod";
import { policySchema } from "./policy-schema.js";

export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(policySchema, { io: "input", target: "draft-2020-12" });
}

/** The committed file's exact text. */
export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}
