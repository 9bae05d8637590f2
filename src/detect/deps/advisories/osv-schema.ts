/**
 * The part of the OSV schema (https://ossf.github.io/osv-schema/) Custody reads, as a zod schema:
 * untrusted advisory files are parsed once here. Unknown fields are kept out; known fields are
 * checked for type so a malformed record is reported, not half-applied.
 */
import { z } from "zod";

const eventSchema = z.looseObject({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});

const osvRangeSchema = z.looseObject({
  type: z.string(),
  events: z.array(eventSchema),
});

const severitySchema = z.looseObject({ type: z.string(), score: z.string() });

export const osvRecordSchema = z.looseObject({
  id: z.string().min(1),
  modified: z.string().optional(),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severitySchema).optional(),
  affected: z
    .array(
      z.looseObject({
        package: z.looseObject({ ecosystem: z.string(), name: z.string(), purl: z.string().optional() }).optional(),
        severity: z.array(severitySchema).optional(),
        ranges: z.array(osvRangeSchema).optional(),
        versions: z.array(z.string()).optional(),
        ecosystem_specific: z.record(z.string(), z.unknown()).optional(),
        database_specific: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

export type OsvRecord = z.infer<typeof osvRecordSchema>;
export type OsvAffected = OsvRecord["affected"][number];
export type OsvRange = z.infer<typeof osvRangeSchema>;
