/**
 * The parts of GitHub webhook payloads the case projection reads, as zod schemas: parsed once
 * at the edge, so the projection works on typed values. Payloads are stored raw in the ledger;
 * a payload that does not fit these shapes is still stored, it just adds nothing to a case.
 */
import { z } from "zod";

const userSchema = z.object({
  login: z.string(),
  id: z.number().optional(),
  type: z.string().optional(),
});

const pullRequestSchema = z.object({
  number: z.number().int(),
  title: z.string().default(""),
  body: z.string().nullish(),
  user: userSchema.nullish(),
  labels: z.array(z.object({ name: z.string() })).default([]),
  assignees: z.array(userSchema).nullish(),
  head: z.object({ ref: z.string(), sha: z.string() }),
  base: z.object({ ref: z.string(), sha: z.string().optional() }),
  draft: z.boolean().optional(),
  merged: z.boolean().nullish(),
  merged_by: userSchema.nullish(),
  merged_at: z.string().nullish(),
  created_at: z.string().optional(),
  html_url: z.string().optional(),
});
export type PullRequestPayload = z.infer<typeof pullRequestSchema>;

const repositorySchema = z.object({ full_name: z.string() });

export const pullRequestEventSchema = z.object({
  action: z.string(),
  pull_request: pullRequestSchema,
  repository: repositorySchema,
  sender: userSchema.optional(),
  assignee: userSchema.nullish(),
  installation: z.object({ id: z.number() }).optional(),
});

export const reviewEventSchema = z.object({
  action: z.string(),
  review: z.object({
    user: userSchema.nullish(),
    state: z.string(),
    submitted_at: z.string().nullish(),
    commit_id: z.string().nullish(),
  }),
  pull_request: pullRequestSchema,
  repository: repositorySchema,
  installation: z.object({ id: z.number() }).optional(),
});

export const issueAssignedSchema = z.object({
  action: z.literal("assigned"),
  issue: z.object({ number: z.number().int() }),
  assignee: userSchema.nullish(),
  sender: userSchema,
  repository: repositorySchema,
});

const prRefsSchema = z.array(z.object({ number: z.number().int() })).default([]);

/** check_suite, check_run, workflow_run, workflow_job, deployment, deployment_status, status. */
export const linkedEventSchema = z.object({
  repository: repositorySchema,
  sender: userSchema.optional(),
  check_suite: z
    .object({ head_sha: z.string(), pull_requests: prRefsSchema, conclusion: z.string().nullish(), status: z.string().nullish() })
    .optional(),
  check_run: z
    .object({
      head_sha: z.string(),
      name: z.string(),
      pull_requests: prRefsSchema,
      conclusion: z.string().nullish(),
      status: z.string().nullish(),
    })
    .optional(),
  installation: z.object({ id: z.number() }).optional(),
  workflow_run: z
    .object({
      head_sha: z.string(),
      name: z.string().nullish(),
      pull_requests: prRefsSchema,
      conclusion: z.string().nullish(),
      status: z.string().nullish(),
    })
    .optional(),
  workflow_job: z
    .object({ head_sha: z.string(), name: z.string(), conclusion: z.string().nullish(), status: z.string().nullish() })
    .optional(),
  deployment: z.object({ sha: z.string(), environment: z.string(), id: z.number() }).optional(),
  deployment_status: z.object({ state: z.string() }).optional(),
  sha: z.string().optional(),
  state: z.string().optional(),
  context: z.string().optional(),
});

export const pushEventSchema = z.object({
  ref: z.string(),
  after: z.string(),
  repository: repositorySchema,
  sender: userSchema.optional(),
  pusher: z.object({ name: z.string() }).optional(),
  deleted: z.boolean().optional(),
  installation: z.object({ id: z.number() }).optional(),
  commits: z
    .array(
      z.object({
        id: z.string(),
        message: z.string(),
        // Absent (an older or trimmed payload): which paths changed is unknown.
        added: z.array(z.string()).optional(),
        modified: z.array(z.string()).optional(),
        removed: z.array(z.string()).optional(),
      }),
    )
    .default([]),
});

const findingRecord = z.object({
  ruleId: z.string(),
  category: z.string(),
  severity: z.string(),
  message: z.string().optional(),
  path: z.string().optional(),
  line: z.number().int().optional(),
});

/**
 * The `check.result` event the server appends after it evaluated a pull request. `forSeq` is
 * the newest ledger event the evaluation answered (every request up to it is covered); `headSha`
 * the head it judged. Fields after `error` came with re-evaluation and are absent in results
 * recorded before it.
 */
export const checkResultSchema = z.object({
  forSeq: z.number().int(),
  repository: z.string(),
  number: z.number().int(),
  headSha: z.string(),
  status: z.enum(["completed", "skipped", "failed"]),
  conclusion: z.string().optional(),
  agent: z.string().optional(),
  authorizedBy: z.string().optional(),
  checkRunId: z.number().optional(),
  findings: z.array(findingRecord).default([]),
  error: z.string().optional(),
  /** Whether the engine, with the base policy's `agents:`, judged the change agent-authored. */
  agentAuthored: z.boolean().optional(),
  /** For a change that is not agent-authored: the evidence that decided it. */
  evidence: z.array(z.string()).optional(),
  /** What asked for this evaluation (`pull_request.synchronize`, `push to main changed …`). */
  reason: z.string().optional(),
  /** Where the policy came from: `.github/custody.yml@<sha>`, or `defaults`. */
  policySource: z.string().optional(),
  failOn: z.string().optional(),
  rules: z
    .object({
      ran: z.array(z.string()),
      failed: z.array(z.string()),
      skipped: z.array(z.object({ rule: z.string(), reason: z.string() })),
    })
    .optional(),
  /** The independent quorum on the judged head, as the engine counted it. */
  approvals: z
    .object({
      required: z.number().int(),
      counted: z.array(z.string()),
      discounted: z.array(z.object({ reviewer: z.string(), reason: z.string() })),
    })
    .optional(),
});
export type CheckResultPayload = z.infer<typeof checkResultSchema>;
