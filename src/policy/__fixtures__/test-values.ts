/**
 * Small factories for rule tests: a change described as its commits (who wrote each, what it
 * touched, its trailers), an optional pull request, a policy given as the object a YAML file
 * would hold, and CODEOWNERS text. Everything else takes a plain default.
 */
import type { ActorKind, Identity } from "../../model/actor.js";
import type { Change, ChangedFile, PullRequest, Review, ReviewState } from "../../model/change.js";
import type { Commit, Trailer } from "../../model/commit.js";
import type { Finding } from "../../model/finding.js";
import type { ChangeProvenance, CommitProvenance } from "../../model/provenance.js";
import type { RuleOutcome } from "../../model/verdict.js";
import { evaluatePolicy } from "../evaluate/evaluate-policy.js";
import { parseCodeowners } from "../paths/codeowners.js";
import type { Policy } from "../schema/policy-schema.js";
import { policySchema } from "../schema/policy-schema.js";
import type { RuleContext } from "../evaluate/rule-context.js";

export interface FileSpec {
  path: string;
  additions?: number;
  deletions?: number;
  oldPath?: string;
}

export interface CommitSpec {
  sha?: string;
  /** Agent id; omitted: a human commit. */
  by?: string;
  files: (string | FileSpec)[];
  trailers?: Trailer[];
  author?: { name: string; email: string };
}

export interface ScenarioSpec {
  commits: CommitSpec[];
  pullRequest?: Partial<PullRequest>;
  /** The policy file's content as an object (without `version`). */
  policy?: Record<string, unknown>;
  codeowners?: string;
  actorKind?: (identity: Identity) => ActorKind;
}

export const TRAILERS_OK: Trailer[] = [
  { key: "Agent-Task", value: "https://github.com/acme/app/issues/12" },
  { key: "Authorized-by", value: "Dana Delegator <dana@example.com>" },
];

export function policyOf(content: Record<string, unknown> = {}): Policy {
  return policySchema.parse({ version: 1, ...content });
}

export function review(
  login: string,
  state: ReviewState = "approved",
  extra: Partial<Review> & { type?: string; email?: string } = {},
): Review {
  const reviewer: Identity = { login };
  if (extra.type !== undefined) {
    reviewer.type = extra.type;
  }
  if (extra.email !== undefined) {
    reviewer.email = extra.email;
  }
  const result: Review = { reviewer, state };
  if (extra.submittedAt !== undefined) {
    result.submittedAt = extra.submittedAt;
  }
  if (extra.commitId !== undefined) {
    result.commitId = extra.commitId;
  }
  return result;
}

export function pullRequest(overrides: Partial<PullRequest> = {}): PullRequest {
  return {
    number: 7,
    title: "Fix the parser",
    body: "",
    author: { login: "copilot-swe-agent[bot]", type: "Bot" },
    labels: [],
    headBranch: "copilot/fix-parser",
    baseBranch: "main",
    assignees: [{ login: "dana", type: "User" }],
    ...overrides,
  };
}

function fileSpec(entry: string | FileSpec): FileSpec {
  return typeof entry === "string" ? { path: entry } : entry;
}

export function scenario(spec: ScenarioSpec): RuleContext {
  const policy = policyOf(spec.policy);
  const required = new Set(policy.provenance.required_trailers.map((key) => key.toLowerCase()));
  const commits: Commit[] = [];
  const commitProvenance: CommitProvenance[] = [];
  const files = new Map<string, ChangedFile>();
  spec.commits.forEach((commitSpec, index) => {
    const sha = commitSpec.sha ?? `${String(index + 1).padStart(2, "0")}${"a".repeat(38)}`;
    const author =
      commitSpec.author ??
      (commitSpec.by === undefined
        ? { name: "Hana Human", email: "hana@example.com" }
        : { name: "Agent", email: `${commitSpec.by}@agents.example` });
    const trailers = commitSpec.trailers ?? [];
    const specs = commitSpec.files.map(fileSpec);
    commits.push({
      sha,
      parents: [],
      author: { ...author, date: "2026-11-25T10:00:00Z" },
      committer: { ...author, date: "2026-11-25T10:00:00Z" },
      subject: `commit ${String(index + 1)}`,
      message: `commit ${String(index + 1)}\n\n${trailers.map((trailer) => `${trailer.key}: ${trailer.value}`).join("\n")}`,
      trailers,
      files: specs.map((file) => ({
        path: file.path,
        status: file.oldPath === undefined ? "modified" : "renamed",
        additions: file.additions ?? 1,
        deletions: file.deletions ?? 0,
        binary: false,
        ...(file.oldPath === undefined ? {} : { oldPath: file.oldPath }),
      })),
    });
    const provenanceTrailers: Record<string, string> = {};
    for (const trailer of trailers) {
      if (required.has(trailer.key.toLowerCase())) {
        provenanceTrailers[trailer.key.toLowerCase()] = trailer.value;
      }
    }
    commitProvenance.push({
      sha,
      kind: commitSpec.by === undefined ? "human" : "agent",
      ...(commitSpec.by === undefined ? {} : { agent: commitSpec.by }),
      confidence: 0.9,
      evidence: [],
      provenanceTrailers,
    });
    for (const file of specs) {
      files.set(file.path, {
        path: file.path,
        ...(file.oldPath === undefined ? {} : { oldPath: file.oldPath }),
        status: file.oldPath === undefined ? "modified" : "renamed",
        additions: file.additions ?? 1,
        deletions: file.deletions ?? 0,
        binary: false,
        addedLines: [],
      });
    }
  });
  const agents = [...new Set(spec.commits.flatMap((commit) => (commit.by === undefined ? [] : [commit.by])))];
  const provenance: ChangeProvenance = {
    kind: agents.length > 0 ? "agent" : "human",
    ...(agents[0] === undefined ? {} : { agent: agents[0] }),
    confidence: 0.9,
    evidence: [],
    commits: commitProvenance,
    agents,
  };
  const change: Change = { base: "base", head: commits.at(-1)?.sha ?? "head", commits, files: [...files.values()] };
  if (spec.pullRequest !== undefined) {
    change.pullRequest = pullRequest(spec.pullRequest);
    // A review that names no commit is taken to be on the head, so tests say `commitId` only to
    // test a stale approval (approvals.dismiss_stale).
    change.pullRequest.reviews = change.pullRequest.reviews?.map((entry) =>
      entry.commitId === undefined ? { ...entry, commitId: change.head } : entry,
    );
  }
  const context: RuleContext = { change, provenance, policy };
  if (spec.codeowners !== undefined) {
    context.codeowners = parseCodeowners(spec.codeowners, ".github/CODEOWNERS");
  }
  if (spec.actorKind !== undefined) {
    context.actorKind = spec.actorKind;
  }
  return context;
}

/**
 * What a rule that cannot judge a change must do: fail by default (a finding at the rule's
 * severity naming what is missing and how to supply it), and be reported as skipped with the
 * same reason and remedy under `on_missing_data: skip`. Returns both evaluations' outcomes.
 */
export function missingDataOutcomes(
  spec: ScenarioSpec,
  ruleId: string,
): { failed: RuleOutcome | undefined; skipped: RuleOutcome | undefined; finding: Finding | undefined } {
  const failing = evaluatePolicy(scenario(spec));
  const skipping = evaluatePolicy(scenario({ ...spec, policy: { ...spec.policy, on_missing_data: "skip" } }));
  return {
    failed: failing.outcomes.find((outcome) => outcome.id === ruleId),
    skipped: skipping.outcomes.find((outcome) => outcome.id === ruleId),
    finding: failing.findings.find((finding) => finding.ruleId === ruleId && finding.properties?.missingData !== undefined),
  };
}
