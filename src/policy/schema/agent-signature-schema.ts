/**
 * The `agents:` section of the policy: extra agent signatures (or additions to built-in ones
 * by id), written in the policy's snake_case and parsed into the model's `AgentSignature`. The
 * provenance classifier consumes the parsed values; nothing here is ever compiled into a RegExp
 * (see src/model/agent-signature.ts for how each list matches).
 *
 * Every rule comes from src/provenance/signature-schema.ts, the one place they are defined: the
 * field schemas per key, and `signatureListIssues` for what needs the whole list (a repeated id,
 * an extension that changes a built-in's kind). Checking them all here means the policy loader
 * reports every signature mistake at its file, line, column and key, and the registry built from
 * the parsed list later never finds one of its own.
 */
import { z } from "zod";
import type { AgentSignature } from "../../model/agent-signature.js";
import {
  branchPrefixSchema,
  githubIdSchema,
  identityPatternSchema,
  labelSchema,
  markerSchema,
  signatureIdSchema,
  signatureKindSchema,
  signatureListIssues,
  signatureNameSchema,
  trailerKeySchema,
} from "../../provenance/signature-schema.js";

const identities = z.array(identityPatternSchema).optional();
const ids = z.array(githubIdSchema).optional();

const agentSignatureSchema = z
  .strictObject({
    id: signatureIdSchema.meta({ description: "Stable kebab-case id. Reusing a built-in id (`claude-code`) adds these values to it." }),
    name: signatureNameSchema.optional().meta({ description: "Display name; defaults to the id." }),
    kind: signatureKindSchema.default("agent"),
    names: identities.meta({ description: "Author, committer or co-author names (whole value, case-insensitive)." }),
    emails: identities.meta({ description: "Emails, exact or `*suffix` (`*+Copilot@users.noreply.github.com`)." }),
    logins: identities.meta({ description: "GitHub logins (`copilot-swe-agent[bot]`)." }),
    account_ids: ids.meta({ description: "GitHub numeric account ids: the strongest identity." }),
    app_ids: ids.meta({ description: "GitHub App ids." }),
    trailer_values: z
      .array(trailerKeySchema)
      .optional()
      .meta({ description: "Trailer keys whose value names this agent (`Co-authored-by`, `Assisted-by`)." }),
    markers: z.array(markerSchema).optional().meta({ description: "Substrings in a PR body or commit message that disclose the agent." }),
    branch_prefixes: z
      .array(branchPrefixSchema)
      .optional()
      .meta({ description: "Branch prefixes (`copilot/`): weak evidence, never decides alone." }),
    labels: z.array(labelSchema).optional().meta({ description: "PR labels that mark the agent's work: weak evidence." }),
  })
  .transform((input): AgentSignature => {
    const signature: AgentSignature = { id: input.id, name: input.name ?? input.id, kind: input.kind };
    const copy = <K extends keyof AgentSignature>(key: K, value: AgentSignature[K] | undefined): void => {
      if (value !== undefined) {
        signature[key] = value;
      }
    };
    copy("names", input.names);
    copy("emails", input.emails);
    copy("logins", input.logins);
    copy("accountIds", input.account_ids);
    copy("appIds", input.app_ids);
    copy("trailerValues", input.trailer_values);
    copy("markers", input.markers);
    copy("branchPrefixes", input.branch_prefixes);
    copy("labels", input.labels);
    return signature;
  });

/**
 * The whole `agents:` list. The list rules run on the parsed entries and each issue is placed
 * at its entry's key (`agents.1.id`, `agents.0.kind`), which the loader turns into a line and
 * column. Both keys are spelled the same in the policy and in the model.
 */
export const agentSignaturesSchema = z.array(agentSignatureSchema).superRefine((signatures, context) => {
  for (const issue of signatureListIssues(signatures)) {
    context.addIssue({ code: "custom", path: [issue.index, issue.key], message: issue.message });
  }
});
