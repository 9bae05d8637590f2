/**
 * The `agents:` section of the policy: extra agent signatures (or additions to built-in ones
 * by id), written in the policy's snake_case and parsed into the model's `AgentSignature`. The
 * provenance classifier consumes the parsed values; nothing here is ever compiled into a RegExp
 * (see src/model/agent-signature.ts for how each list matches).
 */
import { z } from "zod";
import type { AgentSignature } from "../model/agent-signature.js";

const text = z.string().min(1);
const list = z.array(text).optional();
const ids = z.array(z.number().int().positive()).optional();

export const agentSignatureSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "an agent id is kebab-case: lower-case letters, digits and single hyphens")
      .meta({ description: "Stable kebab-case id. Reusing a built-in id (`claude-code`) adds these values to it." }),
    name: text.optional().meta({ description: "Display name; defaults to the id." }),
    kind: z.enum(["agent", "maintenance-bot", "ai-reviewer"]).default("agent"),
    names: list.meta({ description: "Author, committer or co-author names (whole value, case-insensitive)." }),
    emails: list.meta({ description: "Emails, exact or `*suffix` (`*+Copilot@users.noreply.github.com`)." }),
    logins: list.meta({ description: "GitHub logins (`copilot-swe-agent[bot]`)." }),
    account_ids: ids.meta({ description: "GitHub numeric account ids: the strongest identity." }),
    app_ids: ids.meta({ description: "GitHub App ids." }),
    trailer_values: list.meta({ description: "Trailer keys whose value names this agent (`Co-authored-by`, `Assisted-by`)." }),
    markers: list.meta({ description: "Substrings in a PR body or commit message that disclose the agent." }),
    branch_prefixes: list.meta({ description: "Branch prefixes (`copilot/`): weak evidence, never decides alone." }),
    labels: list.meta({ description: "PR labels that mark the agent's work: weak evidence." }),
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
