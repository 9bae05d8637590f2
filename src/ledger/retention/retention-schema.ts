/**
 * The ledger's retention schema: how long each kind of event keeps its payload. The ledger owns
 * it (it is what `custody ledger purge` obeys); the policy file composes it as its `retention`
 * section, so the loader reports positions in the policy file.
 */
import { z } from "zod";

/**
 * Event kinds a retention entry may name: `default` (every kind no other entry matches), an exact
 * kind (`check.result`), or a prefix (`pull_request.*`). A fixed pattern: kinds are never turned
 * into regular expressions.
 */
const RETENTION_KIND = /^(?:default|[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*(?:\.\*)?)$/;
const retentionDays = z.number().int().positive();

/**
 * How long the audit ledger keeps each kind of event's payload. A retention shorter than the
 * review cycle is refused here, at the offending `days` key, so the policy loader points at its
 * line: evidence must outlive the review that may need it.
 */
export const retentionSchema = z
  .strictObject({
    review_cycle_days: retentionDays
      .optional()
      .meta({ description: "How often the team reviews agent activity, in days. No retention may be shorter." }),
    days: z.record(z.string(), retentionDays).default({}).meta({
      description:
        "Days each event kind keeps its payload: `default`, an exact kind, or a prefix `kind.*` (the longest match wins). Kinds matched by nothing are kept forever.",
    }),
  })
  .superRefine((retention, ctx) => {
    // Keys are checked here rather than by the record's key schema so the message is ours and the
    // position lands on the entry.
    const cycle = retention.review_cycle_days;
    for (const [kind, days] of Object.entries(retention.days)) {
      if (!RETENTION_KIND.test(kind)) {
        ctx.addIssue({
          code: "custom",
          path: ["days", kind],
          message: `${JSON.stringify(kind)} is not a retention key: use \`default\`, an event kind (\`check.result\`) or a prefix (\`pull_request.*\`)`,
        });
      } else if (cycle !== undefined && days < cycle) {
        ctx.addIssue({
          code: "custom",
          path: ["days", kind],
          message: `\`${kind}\` events are kept for ${String(days)} days, shorter than the declared review cycle of ${String(cycle)} days (\`review_cycle_days\`); evidence must outlive the review that may need it: raise it to at least ${String(cycle)} days`,
        });
      }
    }
  });

export type RetentionSection = z.output<typeof retentionSchema>;
