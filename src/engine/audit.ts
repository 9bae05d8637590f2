/**
 * `runAudit`: walks a repository's history ONCE (one streamed `git log`), classifies each commit
 * with the injected classifier, and folds it into an `AuditReport`; `auditCommits` streams the
 * same decisions one record per commit. Classification, protected paths and agent scopes are
 * injected so the engine stays independent of how the policy and the signature registry are
 * built (audit-repository.ts wires the real ones). With a registry, merges of agent-named
 * branches attribute their pull requests' commits (attribute-history.ts).
 */
import type { Commit } from "../model/commit.js";
import type { AuditCommitRecord, AuditReport } from "../model/audit-report.js";
import type { CommitProvenance, Evidence } from "../model/provenance.js";
import type { BranchEvidenceMode } from "../provenance/branch-evidence.js";
import type { SignatureRegistry } from "../provenance/signature-registry.js";
import type { Repository } from "../sources/git/repository.js";
import { isShallow, shallowCloneError } from "../sources/git/repository.js";
import { countCommits, streamHistory } from "../sources/git/stream-history.js";
import { AuditAggregator } from "./audit-aggregate.js";
import type { AttributedCommit } from "./attribute-history.js";
import { attributeHistory } from "./attribute-history.js";

export interface AuditWalkOptions {
  repo: Repository;
  since?: string;
  until?: string;
  /** Revision to walk; default HEAD. */
  rev?: string;
  /** Classifies a commit given the evidence from the history around it. */
  classify: (commit: Commit, context: readonly Evidence[]) => CommitProvenance;
  /** With a registry, platform merges of agent-named branches are read (default mode `decide`). */
  registry?: SignatureRegistry;
  branchEvidence?: BranchEvidenceMode;
}

export interface AuditOptions extends AuditWalkOptions {
  requiredTrailers: string[];
  isProtected: (path: string) => boolean;
  scopeViolations: (agent: string, paths: string[]) => string[];
  maxExamples?: number;
  /** Called as commits are processed (not for every commit) and once at the end; `total` is 0
   * while the commit count is not known yet. */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 500;

/** Every commit of the walk with its attribution, newest first. */
export async function* walkAttributed(options: AuditWalkOptions): AsyncGenerator<AttributedCommit> {
  const history = streamHistory(options.repo, { rev: options.rev, since: options.since, until: options.until });
  if (options.registry === undefined) {
    for await (const commit of history) {
      yield { commit, provenance: options.classify(commit, []) };
    }
    return;
  }
  yield* attributeHistory(history, {
    repo: options.repo,
    registry: options.registry,
    branchEvidence: options.branchEvidence ?? "decide",
    classify: options.classify,
  });
}

export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  // A shallow clone (the Actions default) ends in a grafted commit that looks like it added the
  // whole tree: blaming it on its author would be false. Refuse, as check does.
  if (await isShallow(options.repo)) {
    throw shallowCloneError("The history before the clone's cut");
  }
  const history = { rev: options.rev, since: options.since, until: options.until };
  // Counted concurrently with the walk (a second, cheap git process): the bar shows a total as
  // soon as it is known instead of delaying the audit by a full rev-list.
  let total = 0;
  const counting = options.onProgress
    ? countCommits(options.repo, history).then(
        (count) => {
          total = count;
        },
        () => undefined,
      )
    : Promise.resolve();
  const aggregator = new AuditAggregator({
    requiredTrailers: options.requiredTrailers,
    isProtected: options.isProtected,
    scopeViolations: options.scopeViolations,
    ...(options.maxExamples === undefined ? {} : { maxExamples: options.maxExamples }),
  });
  let done = 0;
  for await (const { commit, provenance } of walkAttributed(options)) {
    aggregator.add(commit, provenance);
    done += 1;
    if (options.onProgress && done % PROGRESS_EVERY === 0) {
      options.onProgress(done, total === 0 ? 0 : Math.max(total, done));
    }
  }
  await counting;
  options.onProgress?.(done, done);
  return aggregator.report({
    repository: options.repo.dir,
    ...(options.since === undefined ? {} : { since: options.since }),
    ...(options.until === undefined ? {} : { until: options.until }),
  });
}

/** The record `audit --commits` prints for one attributed commit. */
export function commitRecord({ commit, provenance }: AttributedCommit): AuditCommitRecord {
  return {
    sha: commit.sha,
    author: `${commit.author.name} <${commit.author.email}>`,
    committer: `${commit.committer.name} <${commit.committer.email}>`,
    date: commit.author.date,
    subject: commit.subject,
    kind: provenance.kind,
    agent: provenance.agent ?? null,
    confidence: provenance.confidence,
    basis: provenance.basis ?? "commit",
    evidence: provenance.evidence,
  };
}

/** One record per commit, streamed: nothing is kept once a record is yielded. */
export async function* auditCommits(options: AuditWalkOptions): AsyncGenerator<AuditCommitRecord> {
  for await (const attributed of walkAttributed(options)) {
    yield commitRecord(attributed);
  }
}
