/**
 * The policy file's schema: one zod definition that validates `.github/custody.yml`, fills in
 * defaults and writes the published JSON Schema (docs/custody.schema.json), so the validator,
 * the types and the editor schema cannot drift. Every object is strict: an unknown key is an
 * error (a typo such as `protected_path:` must not silently turn a rule off).
 *
 * Rule sections are named after their rule id with `_` for `-` (`protected-paths` →
 * `rules.protected_paths`); the meta-test in rules/rules.test.ts holds that together.
 */
import { z } from "zod";
import { codeOptionsSchema } from "../../detect/code/options.js";
import { depsOptionsSchema } from "../../detect/deps/options.js";
import { severitySchema } from "../../detect/detector-options.js";
import { secretsOptionsSchema } from "../../detect/secrets/options.js";
import { agentSignaturesSchema } from "./agent-signature-schema.js";
import { DEFAULT_AGENT_BRANCHES, DEFAULT_DEPENDENCY_FILES } from "./default-paths.js";
import { globSchema } from "../paths/glob.js";
import { retentionSchema } from "../../ledger/retention/retention-schema.js";

const globs = z.array(globSchema);
const trailerKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "a trailer key is letters, digits and hyphens (`Agent-Task`)");
const login = z
  .string()
  .regex(/^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?$/, "a GitHub login (`octocat`, optionally `@octocat`)")
  .transform((value) => value.replace(/^@/, ""));
const count = z.number().int().nonnegative();

/** What every rule section has: on/off and a severity that replaces the rule's default. */
const missingDataSchema = z.enum(["fail", "skip"]);

const ruleBase = {
  enabled: z.boolean().default(true).meta({ description: "Run this rule." }),
  severity: severitySchema.optional().meta({ description: "Replaces the rule's default severity." }),
  on_missing_data: missingDataSchema.optional().meta({
    description:
      "When the rule cannot judge a change (no pull request, reviews unknown): `fail` (a finding at the rule's severity) or `skip` (reported as skipped). Defaults to the top-level `on_missing_data`.",
  }),
};

/** An approval a rule accepts instead of failing: a PR label, or an approving review by a named login. */
const approvalSchema = z.strictObject({
  labels: z
    .array(z.string().min(1))
    .default([])
    .meta({ description: "PR labels that grant the approval (anyone with triage rights can set a label: prefer approvers)." }),
  approvers: z
    .array(login)
    .default([])
    .meta({ description: "GitHub logins whose approving review grants it. The delegating human and the PR author never do." }),
});

const scopeSchema = z
  .strictObject({
    name: z.string().min(1).optional().meta({ description: "Shown in findings and in `policy explain`." }),
    agents: z.array(z.string().min(1)).optional().meta({ description: "Agent ids this scope applies to; `*` for every agent." }),
    labels: z.array(z.string().min(1)).optional().meta({ description: "Task labels: the scope applies when the PR carries any of them." }),
    only_changed_files: globs.optional().meta({ description: "Allow list: the agent may change only files matching these globs." }),
    deny_changed_files: globs.optional().meta({ description: "Deny list: the agent may never change files matching these globs." }),
  })
  .refine((scope) => scope.only_changed_files !== undefined || scope.deny_changed_files !== undefined, {
    message: "a scope needs `only_changed_files`, `deny_changed_files` or both",
  });

export const rulesSchema = z.strictObject({
  path_scope: z
    .strictObject({
      ...ruleBase,
      scopes: z
        .array(scopeSchema)
        .default([])
        .meta({ description: "Each scope that applies to an agent change is a constraint of its own: a file must pass all of them." }),
    })
    .prefault({}),
  protected_paths: z
    .strictObject({
      ...ruleBase,
      include_defaults: z
        .boolean()
        .default(true)
        .meta({ description: "Protect the built-in list (workflows, infrastructure, CODEOWNERS, this policy, agent configuration)." }),
      paths: globs.default([]).meta({ description: "More protected globs, added to the defaults." }),
      ignore: globs.default([]).meta({ description: "Globs taken out of protection." }),
      approval: approvalSchema.prefault({}),
    })
    .prefault({}),
  dependency_approval: z
    .strictObject({
      ...ruleBase,
      applies_to: z.enum(["agents", "everyone"]).default("agents").meta({ description: "Whose dependency changes need approval." }),
      manifests: globs
        .default([...DEFAULT_DEPENDENCY_FILES])
        .meta({ description: "Dependency manifests and lockfiles. Setting it replaces the default list." }),
      approval: approvalSchema.prefault({ labels: ["dependencies-approved"] }),
    })
    .prefault({}),
  required_trailers: z.strictObject({ ...ruleBase }).prefault({}),
  branch_naming: z
    .strictObject({
      ...ruleBase,
      from_branch: globs.default([...DEFAULT_AGENT_BRANCHES]).meta({ description: "Head branches an agent PR may come from." }),
      targets_branch: globs.default([]).meta({ description: "Base branches an agent PR may target; empty allows any." }),
    })
    .prefault({}),
  max_change_size: z
    .strictObject({
      ...ruleBase,
      max_files: count.default(50).meta({ description: "Most files an agent change may touch." }),
      max_modified_lines: count.default(1000).meta({ description: "Most added plus deleted lines in an agent change." }),
    })
    .prefault({}),
  required_approvals: z
    .strictObject({
      ...ruleBase,
      count: count.default(1).meta({ description: "Independent human approvals an agent PR needs." }),
    })
    .prefault({}),
  policy_change: z
    .strictObject({
      ...ruleBase,
      approval: approvalSchema.prefault({}),
      min_approvals: count.default(1).meta({
        description:
          "Independent human approvals on the head a change to the policy file needs when no `approval` label or approver is named.",
      }),
    })
    .prefault({}),
  codeowner_approval: z
    .strictObject({
      ...ruleBase,
      team_members: z
        .record(z.string().regex(/^@?[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/, "a team is `@org/team`"), z.array(login))
        .default({})
        .meta({ description: "Members of CODEOWNERS teams (`@org/team: [login]`), since teams cannot be resolved offline." }),
    })
    .prefault({}),
});

export const policySchema = z
  .strictObject({
    version: z.literal(1).meta({ description: "Policy format version. Always 1." }),
    fail_on: severitySchema.default("medium").meta({ description: "Findings at or above this severity fail `custody check`." }),
    agents: agentSignaturesSchema.default([]).meta({ description: "Extra agent signatures, or additions to built-in ones by id." }),
    provenance: z
      .strictObject({
        required_trailers: z
          .array(trailerKey)
          .default(["Agent-Task", "Authorized-by"])
          .meta({ description: "Trailers every agent commit must carry." }),
        delegator_trailer: trailerKey
          .default("Authorized-by")
          .meta({ description: "The trailer that names the human who delegated the task." }),
        branch_evidence: z.enum(["decide", "hint"]).default("decide").meta({
          description:
            "Whether a platform pull-request merge of an agent-named branch (`copilot/…`, `codex/…`) attributes the merge and its branch commits to that agent (`decide`) or is only a hint (`hint`). Risk of `decide`: a person who names a branch `codex/x` has its merged commits counted as Codex's.",
        }),
      })
      .prefault({}),
    on_missing_data: missingDataSchema.default("fail").meta({
      description:
        "When a rule cannot judge a change for lack of data (no pull request, reviews unknown): `fail` (the default) or `skip`. Each rule may override it.",
    }),
    approvals: z
      .strictObject({
        dismiss_stale: z.boolean().default(true).meta({
          description:
            "Count an approval only when it was given on the head commit (like GitHub's `require_last_push_approval`). `false` keeps approvals of older commits.",
        }),
      })
      .prefault({}),
    rules: rulesSchema.prefault({}),
    detectors: z
      .strictObject({
        secrets: secretsOptionsSchema.prefault({}),
        code: codeOptionsSchema.prefault({}),
        deps: depsOptionsSchema.prefault({}),
      })
      .prefault({}),
    retention: retentionSchema
      .prefault({})
      .meta({ description: "Audit-ledger retention: how long each kind of event keeps its payload (`custody ledger purge`)." }),
  })
  .meta({ title: "Custody policy", description: "The policy file of Custody (.github/custody.yml)." });

export type Policy = z.output<typeof policySchema>;
type RulesConfig = Policy["rules"];
export type RuleSection = keyof RulesConfig;
export type PathScope = RulesConfig["path_scope"]["scopes"][number];
