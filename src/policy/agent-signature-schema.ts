/**
 * The `agents:` section of the policy: extra agent signatures (or additions to built-in ones
 * by id), written in the policy's snake_case and parsed into the model's `AgentSignature`. The
 * provenance classifier consumes the parsed values; nothing here is ever compiled into a RegExp
 * (see src/model/agent-signature.ts for how each list matches).
 */
import { z } from "zod";
import type { AgentSignature } from "../model/agent-signature.js";

// The same limits src/provenance/signature-registry.ts enforces when it builds the registry,
// checked here too so a mistake is reported with the policy file's line and column.
const text = z.string().trim().min(1, "must not be empty");
const identityPattern = text
  .refine((value) => !value.slice(1).includes("*"), "`*` may only start a pattern (it marks a suffix; globs are not supported)")
  .refine((value) => !value.startsWith("*") || value.slice(1).trim() !== "", "a suffix pattern needs text after `*`");
const identities = z.array(identityPattern).optional();
const ids = z.array(z.number().int().positive()).optional();
const atLeast = (min: number) => z.array(z.string().trim().min(min, `must be at least ${String(min)} characters`)).optional();

export const agentSignatureSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "an agent id is kebab-case: lower-case letters, digits and single hyphens")
      .meta({ description: "Stable kebab-case id. Reusing a built-in id (`claude-code`) adds these values to it." }),
    name: text.optional().meta({ description: "Display name; defaults to the id." }),
    kind: z.enum(["agent", "maintenance-bot", "ai-reviewer"]).default("agent"),
    names: identities.meta({ description: "Author, committer or co-author names (whole value, case-insensitive)." }),
    emails: identities.meta({ description: "Emails, exact or `*suffix` (`*+Copilot@users.noreply.github.com`)." }),
    logins: identities.meta({ description: "GitHub logins (`copilot-swe-agent[bot]`)." }),
    account_ids: ids.meta({ description: "GitHub numeric account ids: the strongest identity." }),
    app_ids: ids.meta({ description: "GitHub App ids." }),
    trailer_values: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "must be a git trailer key such as Co-authored-by")).optional().meta({ description: "Trailer keys whose value names this agent (`Co-authored-by`, `Assisted-by`)." }),
    markers: atLeast(3).meta({ description: "Substrings in a PR body or commit message that disclose the agent." }),
    branch_prefixes: atLeast(2).meta({ description: "Branch prefixes (`copilot/`): weak evidence, never decides alone." }),
    labels: atLeast(1).meta({ description: "PR labels that mark the agent's work: weak evidence." }),
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
