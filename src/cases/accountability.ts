/**
 * The accountability record of a merged agent-authored pull request: who delegated the work,
 * who approved it, who merged it, and whether every gate held on the merged head. It cannot
 * say more than the evidence: `gatesHeld` is true only when
 *  - Custody's last evaluation judged exactly the merged head, ran to the end and passed
 *    (every policy rule and detector at or above `fail_on` held),
 *  - that evaluation counted the policy's `required_approvals.count` independent human
 *    approvals on that head (the engine's one independence judge decided who counts), and
 *  - a delegating human is recorded (someone is accountable) — and it is a human: an agent
 *    named as delegator is an agent authorising itself, refused by the policy's one rule for it.
 * Who counts as independent is not decided here: the record repeats the engine's count (the
 * judge in src/policy/approvals/independence.ts), so the check and the record cannot disagree.
 * `reasons` lists every gate that did not hold, and is empty exactly when `gatesHeld` is true.
 * Pure: values in, record out.
 */
import type { ActorKind, Identity } from "../model/actor.js";
import type { ReviewState } from "../model/change.js";
import { parseIdentityText, refuseAgentDelegators } from "../policy/index.js";
import { actorKindOf, buildRegistry } from "../provenance/index.js";

export type DelegatorSource = "authorized-by" | "assignment" | "issue-assignment" | "assignee";

export interface Delegator {
  /** A GitHub login, or the trailer's text (`Jane Doe <jane@example.com>`) when no login is known. */
  who: string;
  source: DelegatorSource;
}

export interface ReviewRecord {
  reviewer: string;
  kind: ActorKind;
  state: ReviewState;
  seq: number;
  submittedAt?: string;
}

/** What the record needs from the last `check.result` of the pull request. */
export interface LastEvaluation {
  headSha: string;
  status: "completed" | "skipped" | "failed";
  conclusion?: string;
  error?: string;
  /** Rules (and detectors) whose findings reached `fail_on`. */
  failedRules: string[];
  /** The quorum on `headSha` as the engine counted it; absent in results recorded before it was kept. */
  approvals?: { required: number; counted: string[]; discounted: { reviewer: string; reason: string }[] };
}

export interface AccountabilityRecord {
  repository: string;
  number: number;
  agent?: string;
  delegator?: Delegator;
  /** Reviewers whose latest review approves (any head). */
  approvers: string[];
  /** Approvals the last evaluation counted toward the quorum on the merged head. */
  independentApprovers: string[];
  /** Approvals it did not count, and why (`the delegating human`, `an AI reviewer`, …). */
  notIndependent: { reviewer: string; reason: string }[];
  requiredApprovals?: number;
  mergedBy?: string;
  mergedAt?: string;
  mergedHead?: string;
  /** The head and outcome of the evaluation the record rests on. */
  evaluation?: { headSha: string; status: string; conclusion?: string };
  gatesHeld: boolean;
  /** Every gate that did not hold, for a person to read; empty exactly when `gatesHeld`. */
  reasons: string[];
}

export interface AccountabilityInput {
  repository: string;
  number: number;
  agent?: string;
  author?: string;
  delegator?: Delegator;
  lastPusher?: string;
  reviews: readonly ReviewRecord[];
  mergedBy?: string;
  mergedAt?: string;
  mergedHead?: string;
  lastEvaluation?: LastEvaluation;
  /** Classifies a delegator; default: the built-in agent signatures. */
  classify?: (identity: Identity) => ActorKind;
}

let builtinKind: ((identity: Identity) => ActorKind) | undefined;

const short = (sha: string): string => sha.slice(0, 12);

export function buildAccountability(input: AccountabilityInput): AccountabilityRecord {
  // A reviewer's latest decisive review counts: approving then requesting changes is not an approval.
  const latest = new Map<string, ReviewRecord>();
  for (const review of [...input.reviews].sort((a, b) => a.seq - b.seq)) {
    if (review.state === "approved" || review.state === "changes_requested" || review.state === "dismissed") {
      latest.set(review.reviewer.toLowerCase(), review);
    }
  }
  const approvers = [...latest.values()].filter((r) => r.state === "approved").map((r) => r.reviewer);
  const evaluation = input.lastEvaluation;
  let delegator = input.delegator;
  let refusal: string | undefined;
  if (delegator !== undefined) {
    const classify = input.classify ?? (builtinKind ??= actorKindOf(buildRegistry()));
    const { refused } = refuseAgentDelegators(
      [parseIdentityText(delegator.who)],
      classify,
      delegator.source === "authorized-by" ? "Authorized-by" : "the delegation",
    );
    if (refused[0] !== undefined) {
      refusal = `the delegator is refused: ${refused[0].reason}`;
      delegator = undefined;
    }
  }
  const onMergedHead = evaluation !== undefined && input.mergedHead !== undefined && evaluation.headSha === input.mergedHead;
  const quorum = onMergedHead ? evaluation.approvals : undefined;

  const reasons: string[] = [];
  if (input.mergedHead === undefined) {
    reasons.push("the merged head is unknown");
  } else if (evaluation === undefined) {
    reasons.push(`Custody never evaluated the merged head ${short(input.mergedHead)}`);
  } else if (!onMergedHead) {
    reasons.push(`Custody's last evaluation judged ${short(evaluation.headSha)}, not the merged head ${short(input.mergedHead)}`);
  } else if (evaluation.status !== "completed") {
    reasons.push(
      `Custody's evaluation of the merged head did not complete${evaluation.error === undefined ? "" : `: ${evaluation.error}`}`,
    );
  } else if (evaluation.conclusion !== "success") {
    const failed = evaluation.failedRules.length > 0 ? `: ${evaluation.failedRules.join(", ")} failed` : "";
    reasons.push(`Custody's check on the merged head concluded ${evaluation.conclusion ?? "without a conclusion"}${failed}`);
  }
  if (onMergedHead && evaluation.status === "completed") {
    if (quorum === undefined) {
      reasons.push("the evaluation of the merged head recorded no approval count");
    } else if (quorum.counted.length < quorum.required) {
      const notCounted =
        quorum.discounted.length > 0 ? ` (not counted: ${quorum.discounted.map((d) => `${d.reviewer}: ${d.reason}`).join(", ")})` : "";
      reasons.push(
        `${String(quorum.counted.length)} of ${String(quorum.required)} required independent human approvals on the merged head${notCounted}`,
      );
    }
  }
  if (refusal !== undefined) {
    reasons.push(refusal);
  } else if (delegator === undefined) {
    reasons.push("no delegating human is recorded (no assignment, no Authorized-by trailer)");
  }
  return {
    repository: input.repository,
    number: input.number,
    ...(input.agent === undefined ? {} : { agent: input.agent }),
    ...(delegator === undefined ? {} : { delegator }),
    approvers,
    independentApprovers: quorum?.counted ?? [],
    notIndependent: quorum?.discounted ?? [],
    ...(quorum === undefined ? {} : { requiredApprovals: quorum.required }),
    ...(input.mergedBy === undefined ? {} : { mergedBy: input.mergedBy }),
    ...(input.mergedAt === undefined ? {} : { mergedAt: input.mergedAt }),
    ...(input.mergedHead === undefined ? {} : { mergedHead: input.mergedHead }),
    ...(evaluation === undefined
      ? {}
      : {
          evaluation: {
            headSha: evaluation.headSha,
            status: evaluation.status,
            ...(evaluation.conclusion === undefined ? {} : { conclusion: evaluation.conclusion }),
          },
        }),
    gatesHeld: reasons.length === 0,
    reasons,
  };
}
