/**
 * What a valid agent signature is: the ONE place the rules live. The registry validates the
 * signatures it is given with them (src/provenance/signature-registry.ts), and the policy's
 * `agents:` schema (src/policy/agent-signature-schema.ts) is built from the same field schemas
 * and the same list check, so the policy loader reports every mistake at its file, line and key
 * and the registry can never accept something the loader refused, or the reverse.
 *
 * Two kinds of rule:
 * - field rules, one zod schema per field: `*` may only start an identity pattern (it is a
 *   suffix marker, not a glob), a suffix cannot be empty (`*` alone would match everyone), a
 *   marker is at least three characters (a one-letter marker would be found in every PR body);
 * - list rules, which need every entry and the built-ins (`signatureListIssues`): ids are unique,
 *   and an entry that reuses a built-in id (an extension) keeps the built-in's kind — it adds
 *   identities, it cannot turn Dependabot into an agent or an AI reviewer into a person's proxy.
 */
import { z } from "zod";
import type { AgentSignature } from "../model/agent-signature.js";
import { BUILTIN_SIGNATURES } from "./agent-signatures.js";

/** A signature id: kebab-case, used in findings and in policy path scopes. */
export const signatureIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, "must be kebab-case: lower-case letters and digits joined by single hyphens");

export const signatureKindSchema = z.enum(["agent", "maintenance-bot", "ai-reviewer"]);

/** Trimmed text of at least `min` characters. */
function textAtLeast(min: number): z.ZodString {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? "must not be empty" : `must be at least ${String(min)} characters`);
}

/** A display name. */
export const signatureNameSchema = textAtLeast(1);

/**
 * A name, email or login: a whole value, or `*suffix`. Checked here because the matcher
 * (match-identity.ts) treats only a leading `*` as special: a `*` anywhere else would be
 * compared literally and silently match nothing.
 */
export const identityPatternSchema = textAtLeast(1)
  .refine((value) => !value.slice(1).includes("*"), "`*` may only start a pattern (it marks a suffix; globs are not supported)")
  .refine((value) => !value.startsWith("*") || value.slice(1).trim() !== "", "a suffix pattern needs text after `*`");

/** A GitHub numeric account or App id. */
export const githubIdSchema = z.number().int("must be a whole number").positive("must be a positive number");

/** A git trailer key whose value names the agent (`Co-authored-by`). */
export const trailerKeySchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/u, "must be a git trailer key such as Co-authored-by");

/** A disclosure marker: short ones would be found in every PR body. */
export const markerSchema = textAtLeast(3);
export const branchPrefixSchema = textAtLeast(2);
export const labelSchema = textAtLeast(1);

/** One signature in the model's own (camelCase) shape: what `buildRegistry` accepts. */
export const agentSignatureSchema = z.strictObject({
  id: signatureIdSchema,
  name: signatureNameSchema,
  kind: signatureKindSchema,
  names: z.array(identityPatternSchema).optional(),
  emails: z.array(identityPatternSchema).optional(),
  logins: z.array(identityPatternSchema).optional(),
  accountIds: z.array(githubIdSchema).optional(),
  appIds: z.array(githubIdSchema).optional(),
  trailerValues: z.array(trailerKeySchema).optional(),
  markers: z.array(markerSchema).optional(),
  sessionTrailers: z.array(trailerKeySchema).optional(),
  footers: z.array(markerSchema).optional(),
  subjectPrefixes: z.array(markerSchema).optional(),
  sources: z.array(z.url({ protocol: /^https$/u })).optional(),
  branchPrefixes: z.array(branchPrefixSchema).optional(),
  labels: z.array(labelSchema).optional(),
});

/** A problem that needs the whole list to see: which entry, which of its keys, and why. */
export interface SignatureListIssue {
  index: number;
  key: "id" | "kind";
  message: string;
}

const BUILTIN_BY_ID: ReadonlyMap<string, AgentSignature> = new Map(BUILTIN_SIGNATURES.map((signature) => [signature.id, signature]));

/**
 * The list rules over signatures that each passed the field rules, in entry order: a repeated
 * id (reported at the later entry) and an extension of a built-in that changes its kind.
 * Messages name the entry's id and say how to fix it; callers add where (a policy position, or
 * the entry's index).
 */
export function signatureListIssues(signatures: readonly Pick<AgentSignature, "id" | "kind">[]): SignatureListIssue[] {
  const issues: SignatureListIssue[] = [];
  const seen = new Map<string, number>();
  signatures.forEach((signature, index) => {
    const earlier = seen.get(signature.id);
    if (earlier === undefined) {
      seen.set(signature.id, index);
    } else {
      issues.push({
        index,
        key: "id",
        message: `agent signature id "${signature.id}" is defined twice (entries ${String(earlier)} and ${String(index)}); each id must be unique: merge the two entries`,
      });
    }
    const builtin = BUILTIN_BY_ID.get(signature.id);
    if (builtin !== undefined && builtin.kind !== signature.kind) {
      issues.push({
        index,
        key: "kind",
        message: `"${signature.id}" extends the built-in signature of ${builtin.name} (kind "${builtin.kind}") with kind "${signature.kind}"; an extension adds identities and cannot change what the signature is: set kind to "${builtin.kind}" (the policy's default is "agent"), or use a new id for a different kind of actor`,
      });
    }
  });
  return issues;
}
