/**
 * The part of the policy every detector section shares: on/off, a severity threshold for
 * reporting, and per-rule overrides. Each detector extends this schema in its own options.ts;
 * the policy schema (src/policy/schema.ts) embeds the three.
 */
import { z } from "zod";
import { SEVERITIES } from "../model/severity.js";

export const severitySchema = z.enum(SEVERITIES);

const ruleOverrideSchema = z.strictObject({
  enabled: z.boolean().optional(),
  severity: severitySchema.optional(),
});

export const detectorBaseShape = {
  enabled: z.boolean().default(true),
  /** Findings below this severity are not reported at all. */
  min_severity: severitySchema.default("info"),
  /** Per-rule overrides by rule id. */
  rules: z.record(z.string(), ruleOverrideSchema).default({}),
};
