/**
 * `runAudit`: walks a repository's history ONCE (one streamed `git log`), classifies each commit
 * with the injected classifier, and folds it into an `AuditReport`. Classification, protected
 * paths and agent scopes are injected so the engine stays independent of how the policy and the
 * signature registry are built (the CLI wires the real ones).
 */
import type { Commit } from "../model/commit.js";
import type { CommitProvenance } from "../model/provenance.js";
import type { Repository } from "../sources/git/repository.js";
import { isShallow, shallowCloneError } from "../sources/git/repository.js";
import { countCommits, streamHistory } from "../sources/git/stream-history.js";
import { AuditAggregator } from "./audit-aggregate.js";
import type { AuditReport } from "./audit-report.js";

export interface AuditOptions {
  repo: Repository;
  since?: string;
  until?: string;
  /** Revision to walk; default HEAD. */
  rev?: string;
  classify: (commit: Commit) => CommitProvenance;
  requiredTrailers: string[];
  isProtected: (path: string) => boolean;
  scopeViolations: (agent: string, paths: string[]) => string[];
  maxExamples?: number;
  /** Called as commits are processed (not for every commit) and once at the end; `total` is 0
   * while the commit count is not known yet. */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 500;

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
  for await (const commit of streamHistory(options.repo, history)) {
    aggregator.add(commit, options.classify(commit));
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
