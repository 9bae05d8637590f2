/**
 * Correlates one ledger event into the case projection. Pull request events open and update a
 * case; reviews, pushes, check suites/runs, workflow runs and deployments are attached to the
 * case they belong to — by the payload's `pull_requests` array where GitHub gives one, else by
 * head sha (every head the PR had) or by branch. Every event that can change a pull request's
 * verdict asks for its evaluation (see `EVALUATED_PR_ACTIONS` and friends); the server's own
 * `check.result` events answer those requests and record findings. Merging an agent PR writes
 * its accountability record. Deterministic in the events alone, so replaying the ledger
 * rebuilds the same projection.
 */
import { CHECK_RUN_NAME } from "../model/check-run.js";
import type { LedgerEvent } from "../model/ledger-event.js";
import type { ReviewState } from "../model/change.js";
import { CODEOWNERS_PATHS, DEFAULT_POLICY_PATHS } from "../policy/index.js";
import { pullRequestFromApi } from "../model/github-pull-request.js";
import { buildAccountability, type DelegatorSource, type LastEvaluation } from "./accountability.js";
import type { ActorClassifier } from "./actor-classifier.js";
import { delegatorOf, type CaseRow, type CaseStore } from "./case-store.js";
import {
  checkResultSchema,
  issueAssignedSchema,
  linkedEventSchema,
  pullRequestEventSchema,
  pushEventSchema,
  reviewEventSchema,
  type CheckResultPayload,
  type PullRequestPayload,
} from "./payload-schemas.js";
import { authorizedBy, parseMessageTrailers } from "../model/commit-trailers.js";
import { isoWeek } from "../model/iso-week.js";

/** Which delegator evidence wins: an explicit trailer over an assignment over a mere assignee. */
const DELEGATOR_RANK: Record<DelegatorSource, number> = { "authorized-by": 4, assignment: 3, "issue-assignment": 2, assignee: 1 };

/** `pull_request` actions that can change the verdict: a new head, a label, the body, draft state. */
export const EVALUATED_PR_ACTIONS: ReadonlySet<string> = new Set([
  "opened",
  "synchronize",
  "reopened",
  "edited",
  "labeled",
  "unlabeled",
  "ready_for_review",
]);
/** `pull_request_review` actions that change the approvals. */
export const EVALUATED_REVIEW_ACTIONS: ReadonlySet<string> = new Set(["submitted", "dismissed"]);
/** Files on a base branch whose change re-evaluates every open pull request into it. */
const POLICY_INPUTS: ReadonlySet<string> = new Set<string>([...DEFAULT_POLICY_PATHS, ...CODEOWNERS_PATHS]);

export function projectEvent(store: CaseStore, event: LedgerEvent, classifier: ActorClassifier): void {
  try {
    correlate(store, event, classifier);
    store.settleMetrics();
  } catch (error) {
    store.discardTouched();
    throw error;
  }
}

function correlate(store: CaseStore, event: LedgerEvent, classifier: ActorClassifier): void {
  const [name, action] = splitKind(event.kind);
  const at = event.occurredAt ?? event.receivedAt;
  switch (name) {
    case "pull_request":
      projectPullRequest(store, event, action, at, classifier);
      return;
    case "pull_request_review":
      projectReview(store, event, action, at, classifier);
      return;
    case "issues":
      projectIssueAssignment(store, event, classifier);
      return;
    case "push":
      projectPush(store, event, at);
      return;
    case "check_suite":
    case "check_run":
    case "workflow_run":
    case "workflow_job":
    case "deployment":
    case "deployment_status":
    case "status":
      projectLinked(store, event, name, action, at);
      return;
    case "check":
      projectCheckResult(store, event, at);
      return;
    default:
      // Stored raw in the ledger; nothing to correlate.
      return;
  }
}

function splitKind(kind: string): [string, string] {
  const dot = kind.indexOf(".");
  return dot < 0 ? [kind, ""] : [kind.slice(0, dot), kind.slice(dot + 1)];
}

/** Creates or refreshes a case from a pull request object; returns the row after the update. */
function upsertFromPullRequest(
  store: CaseStore,
  repo: string,
  pr: PullRequestPayload,
  seq: number,
  classifier: ActorClassifier,
  installationId?: number,
): CaseRow {
  const existing = store.ensureCase(repo, pr.number, seq);
  // Agent authorship is sticky: once a case is an agent's, later events need not re-classify it.
  const attribution = existing.is_agent === 1 ? undefined : classifier.pullRequest(pullRequestFromApi(pr, repo));
  const isAgent = existing.is_agent === 1 || attribution?.kind === "agent";
  const agent = existing.agent ?? (attribution?.kind === "agent" ? (attribution.agent ?? null) : null);
  store.updateCase(repo, pr.number, {
    is_agent: isAgent ? 1 : 0,
    agent,
    confidence: attribution?.kind === "agent" ? attribution.confidence : existing.confidence,
    title: pr.title,
    author: pr.user?.login ?? existing.author,
    head_ref: pr.head.ref,
    base_ref: pr.base.ref,
    head_sha: pr.head.sha,
    opened_at: existing.opened_at ?? pr.created_at ?? null,
    opened_week: existing.opened_week ?? (pr.created_at === undefined ? undefined : isoWeek(pr.created_at)) ?? null,
    url: pr.html_url ?? existing.url,
    installation_id: installationId ?? existing.installation_id,
    updated_seq: seq,
  });
  if (isAgent && existing.is_agent !== 1) {
    store.markReviewsAgent(repo, pr.number, true);
  }
  store.addSha(pr.head.sha, repo, pr.number);
  const row = store.getCase(repo, pr.number);
  if (row === undefined) {
    throw new Error("case row missing after upsert");
  }
  // A human assignee of an agent PR is the weakest delegator evidence: Copilot assigns the
  // human who started it; an explicit assignment event or trailer overrides it later.
  if (row.is_agent === 1) {
    const human = (pr.assignees ?? []).find((a) => a.login !== pr.user?.login && classifier.identity(a) === "human");
    if (human) {
      setDelegator(store, row, human.login, "assignee");
    }
    for (const issue of referencedIssues(pr.body ?? "")) {
      const delegator = store.issueDelegation(repo, issue);
      if (delegator !== undefined) {
        setDelegator(store, row, delegator, "issue-assignment");
      }
    }
  }
  return store.getCase(repo, pr.number) ?? row;
}

function setDelegator(store: CaseStore, row: CaseRow, who: string, source: DelegatorSource): void {
  const current = delegatorOf(row);
  if (current !== undefined && DELEGATOR_RANK[current.source] >= DELEGATOR_RANK[source]) {
    return;
  }
  store.updateCase(row.repo, row.number, { delegator: who, delegator_source: source });
  row.delegator = who;
  row.delegator_source = source;
}

/** `#12`, `Fixes #12`, `owner/repo#12` → 12. A fixed pattern over the body; nothing built from input. */
function referencedIssues(body: string): number[] {
  const out: number[] = [];
  for (const match of body.matchAll(/(?:^|[\s(])#(\d{1,9})\b/g)) {
    if (match[1] !== undefined) {
      out.push(Number(match[1]));
    }
  }
  return out.slice(0, 20);
}

function projectPullRequest(store: CaseStore, event: LedgerEvent, action: string, at: string, classifier: ActorClassifier): void {
  const parsed = pullRequestEventSchema.safeParse(event.payload);
  if (!parsed.success) {
    return;
  }
  const { pull_request: pr, repository, sender, assignee, installation } = parsed.data;
  const repo = repository.full_name;
  const row = upsertFromPullRequest(store, repo, pr, event.seq, classifier, installation?.id);
  const actor = sender?.login ?? null;
  let summary = `pull request ${action}`;
  switch (action) {
    case "opened":
      summary = `opened "${pr.title}" (${pr.head.ref} → ${pr.base.ref})`;
      break;
    case "synchronize":
      summary = `pushed ${pr.head.sha.slice(0, 7)}`;
      store.updateCase(repo, pr.number, {
        last_pusher: actor,
        ...(row.first_human_review_seq === null ? {} : { revised_after_review: 1 }),
      });
      break;
    case "assigned":
      if (assignee) {
        summary = `assigned ${assignee.login}`;
        // Assigning the agent is delegating to it: the human who did it is accountable.
        if (sender && classifier.identity(assignee) === "agent" && classifier.identity(sender) === "human") {
          setDelegator(store, row, sender.login, "assignment");
        }
      }
      break;
    case "reopened":
      store.updateCase(repo, pr.number, { state: "open", merged_at: null, merged_by: null });
      break;
    case "closed":
      if (pr.merged === true) {
        summary = `merged by ${pr.merged_by?.login ?? "unknown"}`;
        store.updateCase(repo, pr.number, { state: "merged", merged_at: pr.merged_at ?? at, merged_by: pr.merged_by?.login ?? actor });
        writeAccountability(store, repo, pr.number);
      } else {
        summary = "closed without merging";
        store.updateCase(repo, pr.number, { state: "closed" });
      }
      break;
    default:
      break;
  }
  if (EVALUATED_PR_ACTIONS.has(action)) {
    requestEvaluation(store, event, repo, pr.number, event.kind, installation?.id);
  }
  store.addTimeline(repo, pr.number, { seq: event.seq, at, kind: event.kind, actor, summary });
}

function requestEvaluation(
  store: CaseStore,
  event: LedgerEvent,
  repo: string,
  number: number,
  reason: string,
  installationId?: number,
): void {
  store.requestEvaluation({
    repo,
    number,
    seq: event.seq,
    reason,
    ...(event.deliveryId === undefined ? {} : { deliveryId: event.deliveryId }),
    installationId: installationId ?? store.getCase(repo, number)?.installation_id ?? null,
  });
}

function lastEvaluationOf(row: CaseRow): LastEvaluation | undefined {
  if (row.last_evaluation === null) {
    return undefined;
  }
  const r = JSON.parse(row.last_evaluation) as CheckResultPayload;
  return {
    headSha: r.headSha,
    status: r.status,
    ...(r.conclusion === undefined ? {} : { conclusion: r.conclusion }),
    ...(r.error === undefined ? {} : { error: r.error }),
    failedRules: r.rules?.failed ?? [...new Set(r.findings.map((f) => f.ruleId))],
    ...(r.approvals === undefined ? {} : { approvals: r.approvals }),
  };
}

function writeAccountability(store: CaseStore, repo: string, number: number): void {
  const row = store.getCase(repo, number);
  if (row?.is_agent !== 1 || row.state !== "merged") {
    return;
  }
  const delegator = delegatorOf(row);
  const lastEvaluation = lastEvaluationOf(row);
  const record = buildAccountability({
    repository: repo,
    number,
    ...(row.agent === null ? {} : { agent: row.agent }),
    ...(row.author === null ? {} : { author: row.author }),
    ...(delegator === undefined ? {} : { delegator }),
    ...(row.last_pusher === null ? {} : { lastPusher: row.last_pusher }),
    reviews: store.reviews(repo, number),
    ...(row.merged_by === null ? {} : { mergedBy: row.merged_by }),
    ...(row.merged_at === null ? {} : { mergedAt: row.merged_at }),
    ...(row.head_sha === null ? {} : { mergedHead: row.head_sha }),
    ...(lastEvaluation === undefined ? {} : { lastEvaluation }),
  });
  store.updateCase(repo, number, {
    accountability: JSON.stringify(record),
    gates_held: record.gatesHeld ? 1 : 0,
    independently_approved: record.independentApprovers.length > 0 ? 1 : 0,
  });
}

const REVIEW_STATES: Record<string, ReviewState> = {
  approved: "approved",
  changes_requested: "changes_requested",
  commented: "commented",
  dismissed: "dismissed",
  pending: "pending",
};

function projectReview(store: CaseStore, event: LedgerEvent, action: string, at: string, classifier: ActorClassifier): void {
  const parsed = reviewEventSchema.safeParse(event.payload);
  if (!parsed.success) {
    return;
  }
  const { review, pull_request: pr, repository, installation } = parsed.data;
  const repo = repository.full_name;
  const row = upsertFromPullRequest(store, repo, pr, event.seq, classifier, installation?.id);
  if (EVALUATED_REVIEW_ACTIONS.has(action)) {
    requestEvaluation(store, event, repo, pr.number, `${event.kind} by ${review.user?.login ?? "unknown"}`, installation?.id);
  }
  const reviewer = review.user?.login;
  if (reviewer === undefined) {
    return;
  }
  const state: ReviewState = action === "dismissed" ? "dismissed" : (REVIEW_STATES[review.state.toLowerCase()] ?? "commented");
  const kind = review.user ? classifier.identity(review.user) : "human";
  store.addReview(
    repo,
    pr.number,
    { reviewer, kind, state, seq: event.seq, ...(review.submitted_at ? { submittedAt: review.submitted_at } : {}) },
    row.is_agent === 1,
  );
  const countsAsHumanReview = kind === "human" && reviewer !== row.author && state !== "dismissed" && state !== "pending";
  if (countsAsHumanReview && row.first_human_review_seq === null) {
    store.updateCase(repo, pr.number, { first_human_review_seq: event.seq });
  }
  store.addTimeline(repo, pr.number, {
    seq: event.seq,
    at: review.submitted_at ?? at,
    kind: event.kind,
    actor: reviewer,
    summary: `review: ${state} by ${reviewer} (${kind})`,
  });
  if (row.state === "merged") {
    writeAccountability(store, repo, pr.number);
  }
}

function projectIssueAssignment(store: CaseStore, event: LedgerEvent, classifier: ActorClassifier): void {
  const parsed = issueAssignedSchema.safeParse(event.payload);
  if (!parsed.success || !parsed.data.assignee) {
    return;
  }
  const { issue, assignee, sender, repository } = parsed.data;
  // Assigning an issue to an agent (Copilot) delegates it; the PR the agent opens references it.
  if (classifier.identity(assignee) === "agent" && classifier.identity(sender) === "human") {
    store.setIssueDelegation(repository.full_name, issue.number, sender.login);
  }
}

function projectPush(store: CaseStore, event: LedgerEvent, at: string): void {
  const parsed = pushEventSchema.safeParse(event.payload);
  if (!parsed.success || !parsed.data.ref.startsWith("refs/heads/")) {
    return;
  }
  const { ref, after, repository, sender, pusher, commits, deleted, installation } = parsed.data;
  const repo = repository.full_name;
  const branch = ref.slice("refs/heads/".length);
  if (deleted !== true) {
    store.setBranchTip(repo, branch, after);
    const changed = policyInputsChanged(commits);
    if (changed.length > 0) {
      const reason = `push to ${branch} (${after.slice(0, 7)}) changed ${changed.join(", ")}`;
      for (const number of store.openCasesByBase(repo, branch)) {
        requestEvaluation(store, event, repo, number, reason, installation?.id);
        store.addTimeline(repo, number, {
          seq: event.seq,
          at,
          kind: event.kind,
          actor: sender?.login ?? pusher?.name ?? null,
          summary: `${reason}: re-evaluating`,
        });
      }
    }
  }
  for (const number of store.openCasesByHeadRef(repo, branch)) {
    store.addSha(after, repo, number);
    const row = store.getCase(repo, number);
    if (row === undefined) {
      continue;
    }
    for (const commit of commits) {
      const who = authorizedBy(parseMessageTrailers(commit.message));
      if (who !== undefined && row.is_agent === 1) {
        setDelegator(store, row, who, "authorized-by");
      }
    }
    const actor = sender?.login ?? pusher?.name ?? null;
    store.addTimeline(repo, number, {
      seq: event.seq,
      at,
      kind: event.kind,
      actor,
      summary: `push of ${String(commits.length)} commit(s) to ${after.slice(0, 7)}`,
    });
  }
}

/** The policy inputs a push changed; `unknown paths` when a commit does not list its paths. */
function policyInputsChanged(commits: ReturnType<typeof pushEventSchema.parse>["commits"]): string[] {
  const changed = new Set<string>();
  for (const commit of commits) {
    if (commit.added === undefined && commit.modified === undefined && commit.removed === undefined) {
      changed.add("unknown paths");
      continue;
    }
    for (const path of [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]) {
      if (POLICY_INPUTS.has(path)) {
        changed.add(path);
      }
    }
  }
  return [...changed].sort();
}

function projectLinked(store: CaseStore, event: LedgerEvent, name: string, action: string, at: string): void {
  const parsed = linkedEventSchema.safeParse(event.payload);
  if (!parsed.success) {
    return;
  }
  const p = parsed.data;
  const repo = p.repository.full_name;
  const subject = p.check_suite ?? p.check_run ?? p.workflow_run;
  const sha = subject?.head_sha ?? p.workflow_job?.head_sha ?? p.deployment?.sha ?? p.sha;
  const numbers = new Set<number>((subject?.pull_requests ?? []).map((r) => r.number));
  if (sha !== undefined) {
    for (const n of store.casesBySha(repo, sha)) {
      numbers.add(n);
    }
  }
  const what = describeLinked(name, action, p);
  // A "Re-run" click on Custody's check run (or its suite) asks for a fresh evaluation.
  const rerun = action === "rerequested" && (name === "check_suite" || (name === "check_run" && p.check_run?.name === CHECK_RUN_NAME));
  for (const number of numbers) {
    if (store.getCase(repo, number) === undefined) {
      continue;
    }
    store.addTimeline(repo, number, { seq: event.seq, at, kind: event.kind, actor: p.sender?.login ?? null, summary: what });
    if (rerun) {
      requestEvaluation(store, event, repo, number, `${event.kind} by ${p.sender?.login ?? "unknown"}`, p.installation?.id);
    }
  }
}

function describeLinked(name: string, action: string, p: ReturnType<typeof linkedEventSchema.parse>): string {
  const outcome = (status?: string | null, conclusion?: string | null): string => conclusion ?? status ?? action;
  switch (name) {
    case "check_suite":
      return `check suite ${outcome(p.check_suite?.status, p.check_suite?.conclusion)}`;
    case "check_run":
      return `check run "${p.check_run?.name ?? ""}" ${outcome(p.check_run?.status, p.check_run?.conclusion)}`;
    case "workflow_run":
      return `workflow run "${p.workflow_run?.name ?? ""}" ${outcome(p.workflow_run?.status, p.workflow_run?.conclusion)}`;
    case "workflow_job":
      return `workflow job "${p.workflow_job?.name ?? ""}" ${outcome(p.workflow_job?.status, p.workflow_job?.conclusion)}`;
    case "deployment":
      return `deployment to ${p.deployment?.environment ?? "unknown"} created`;
    case "deployment_status":
      return `deployment to ${p.deployment?.environment ?? "unknown"}: ${p.deployment_status?.state ?? action}`;
    default:
      return `status ${p.context ?? ""}: ${p.state ?? action}`;
  }
}

function projectCheckResult(store: CaseStore, event: LedgerEvent, at: string): void {
  const parsed = checkResultSchema.safeParse(event.payload);
  if (!parsed.success) {
    return;
  }
  const r = parsed.data;
  store.finishEvaluation(
    r.repository,
    r.number,
    r.forSeq,
    { status: r.status, conclusion: r.conclusion, headSha: r.headSha, error: r.error },
    at,
  );
  const row = store.getCase(r.repository, r.number);
  if (row === undefined) {
    return;
  }
  // Evaluations of one pull request are serialised, but a result recorded late (a retry after a
  // crash) must never replace the verdict of a newer request.
  const newest = row.last_evaluation_seq === null || r.forSeq >= row.last_evaluation_seq;
  if (newest) {
    store.updateCase(r.repository, r.number, { last_evaluation: JSON.stringify(r), last_evaluation_seq: r.forSeq });
    row.last_evaluation = JSON.stringify(r);
    if (r.status === "completed") {
      store.replaceFindings(r.repository, r.number, r.findings);
    }
    // The engine saw the commits and the base policy's `agents:`: its word on authorship
    // outranks the payload-only classification the case started with.
    const agentAuthored = r.agentAuthored ?? (r.agent !== undefined ? true : undefined);
    if (agentAuthored !== undefined && (row.is_agent === 1) !== agentAuthored) {
      store.updateCase(r.repository, r.number, { is_agent: agentAuthored ? 1 : 0, agent: agentAuthored ? (r.agent ?? row.agent) : null });
      store.markReviewsAgent(r.repository, r.number, agentAuthored);
      row.is_agent = agentAuthored ? 1 : 0;
    }
    if (r.authorizedBy !== undefined && row.is_agent === 1) {
      setDelegator(store, row, r.authorizedBy, "authorized-by");
    }
  }
  const summary =
    r.status === "completed"
      ? r.agentAuthored === false
        ? `Custody check passed on ${r.headSha.slice(0, 7)}: not agent-authored`
        : `Custody check ${r.conclusion ?? "completed"} on ${r.headSha.slice(0, 7)} with ${String(r.findings.length)} finding(s)`
      : r.status === "skipped"
        ? `Custody check skipped: ${r.error ?? "not agent-authored"}`
        : `Custody check failed to run: ${r.error ?? "unknown error"}`;
  store.addTimeline(r.repository, r.number, {
    seq: event.seq,
    at,
    kind: event.kind,
    actor: "custody",
    summary: newest ? summary : `${summary} (older than the recorded evaluation; ignored)`,
  });
  if (row.state === "merged") {
    writeAccountability(store, r.repository, r.number);
  }
}
